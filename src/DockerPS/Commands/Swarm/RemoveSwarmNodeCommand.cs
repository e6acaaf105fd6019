using System;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Removes nodes from the swarm (docker node rm).</summary>
    [Cmdlet(VerbsCommon.Remove, "SwarmNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveSwarmNodeCommand : SwarmCmdlet
    {
        /// <summary>Host names or node ids; piped SwarmNode objects bind by their Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Hostname")]
        [ArgumentCompleter(typeof(SwarmNodeNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Remove a node that is still up (it is cut off), or a manager after demoting it is impossible.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            foreach (string node in Name)
            {
                if (ShouldProcess(node, "Remove swarm node"))
                {
                    TrySwarmCall(ct => engine.RemoveNodeAsync(node, Force.IsPresent, ct), "SwarmNode", node);
                }
            }
        }
    }
}
