using System;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Removes swarm configs (docker config rm). The engine refuses while a service uses one.</summary>
    [Cmdlet(VerbsCommon.Remove, "SwarmConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveSwarmConfigCommand : SwarmCmdlet
    {
        /// <summary>Config names or ids; piped SwarmConfig objects bind by their Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SwarmConfigNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            foreach (string name in Name)
            {
                if (ShouldProcess(name, "Remove swarm config"))
                {
                    TrySwarmCall(ct => engine.RemoveConfigAsync(name, ct), "SwarmConfig", name);
                }
            }
        }
    }
}
