using System;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Removes swarm services and their tasks (docker service rm).</summary>
    [Cmdlet(VerbsCommon.Remove, "SwarmService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveSwarmServiceCommand : SwarmCmdlet
    {
        /// <summary>Service names or ids; piped SwarmService objects bind by their Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SwarmServiceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            foreach (string name in Name)
            {
                if (ShouldProcess(name, "Remove swarm service"))
                {
                    TrySwarmCall(ct => engine.RemoveServiceAsync(name, ct), "SwarmService", name);
                }
            }
        }
    }
}
