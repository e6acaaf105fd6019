using System;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Network
{
    /// <summary>Disconnects containers from a network (docker network disconnect).</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "ContainerNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DockerNetwork))]
    public sealed class DisconnectContainerNetworkCommand : DockerCmdlet
    {
        /// <summary>The network: a name, an id, or a DockerNetwork object.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        [ValidateNotNull]
        public DockerNetwork Network { get; set; } = new DockerNetwork();

        /// <summary>The containers to disconnect: names or ids; piped DockerContainer objects bind by their Id.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[] Container { get; set; } = Array.Empty<string>();

        /// <summary>Disconnect even when the engine cannot reach the container's endpoint cleanly.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the network, with its remaining containers, after each disconnect.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(ResolveEndpoints()[0]);
            foreach (string container in Container)
            {
                if (!ShouldProcess($"container {container}, network {Network}", "Disconnect container from network"))
                {
                    continue;
                }

                if (TryCall(async ct =>
                    {
                        await engine.DisconnectNetworkAsync(Network.Reference, container, Force.IsPresent, ct).ConfigureAwait(false);
                        return true;
                    }, "Network", container, out bool _)
                    && PassThru.IsPresent
                    && TryCall(ct => engine.InspectNetworkAsync(Network.Reference, ct), "Network", Network.ToString(), out DockerNetwork network))
                {
                    WriteObject(network);
                }
            }
        }
    }
}
