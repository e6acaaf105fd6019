using System;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Rolls services back to their settings before the last update (docker service rollback).</summary>
    [Cmdlet(VerbsCommon.Undo, "SwarmServiceUpdate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SwarmService))]
    public sealed class UndoSwarmServiceUpdateCommand : SwarmCmdlet
    {
        /// <summary>Service names or ids; piped SwarmService objects bind by their Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SwarmServiceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Write each service after the rollback started.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            foreach (string name in Name)
            {
                if (ShouldProcess(name, "Roll back swarm service to its previous settings") &&
                    TrySwarmCall(ct => engine.RollbackServiceAsync(name, ct), "SwarmService", name, out SwarmService service) && PassThru.IsPresent)
                {
                    WriteObject(service);
                }
            }
        }
    }
}
