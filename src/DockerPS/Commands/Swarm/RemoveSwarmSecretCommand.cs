using System;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Removes swarm secrets (docker secret rm). The engine refuses while a service uses one.</summary>
    [Cmdlet(VerbsCommon.Remove, "SwarmSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveSwarmSecretCommand : SwarmCmdlet
    {
        /// <summary>Secret names or ids; piped SwarmSecret objects bind by their Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SwarmSecretNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            foreach (string name in Name)
            {
                if (ShouldProcess(name, "Remove swarm secret"))
                {
                    TrySwarmCall(ct => engine.RemoveSecretAsync(name, ct), "SwarmSecret", name);
                }
            }
        }
    }
}
