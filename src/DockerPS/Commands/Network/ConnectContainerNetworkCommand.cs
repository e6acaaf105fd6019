using System;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Network
{
    /// <summary>Connects containers to a network (docker network connect).</summary>
    [Cmdlet(VerbsCommunications.Connect, "ContainerNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DockerNetwork))]
    public sealed class ConnectContainerNetworkCommand : DockerCmdlet
    {
        /// <summary>The network: a name, an id, or a DockerNetwork object.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        [ValidateNotNull]
        public DockerNetwork Network { get; set; } = new DockerNetwork();

        /// <summary>The containers to connect: names or ids; piped DockerContainer objects bind by their Id.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[] Container { get; set; } = Array.Empty<string>();

        /// <summary>Network-scoped aliases other containers on the network can use to reach this one.</summary>
        [Parameter]
        [Alias("NetworkAlias")]
        [ValidateNotNullOrEmpty]
        public string[]? Alias { get; set; }

        /// <summary>A static IPv4 address from the network's subnet.</summary>
        [Parameter]
        [Alias("Ip")]
        [ValidateNotNullOrEmpty]
        public string? IPv4Address { get; set; }

        /// <summary>A static IPv6 address from the network's subnet.</summary>
        [Parameter]
        [Alias("Ip6")]
        [ValidateNotNullOrEmpty]
        public string? IPv6Address { get; set; }

        /// <summary>Write the network, with its connected containers, after each connect.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var options = new NetworkConnectOptions { IPv4Address = IPv4Address, IPv6Address = IPv6Address };
            foreach (string a in Alias ?? Array.Empty<string>())
            {
                options.Aliases.Add(a);
            }

            IDockerEngine engine = Connect(ResolveEndpoints()[0]);
            foreach (string container in Container)
            {
                if (!ShouldProcess($"container {container}, network {Network}", "Connect container to network"))
                {
                    continue;
                }

                if (TryCall(async ct =>
                    {
                        await engine.ConnectNetworkAsync(Network.Reference, container, options, ct).ConfigureAwait(false);
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
