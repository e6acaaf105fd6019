using System;
using System.Collections;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Network
{
    /// <summary>Creates a network (docker network create).</summary>
    [Cmdlet(VerbsCommon.New, "ContainerNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DockerNetwork))]
    public sealed class NewContainerNetworkCommand : DockerCmdlet
    {
        /// <summary>The name of the new network.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>The network driver: bridge (the default), overlay, macvlan, ...</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Driver { get; set; }

        /// <summary>Subnets in CIDR notation, one IPAM pool each.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Subnet { get; set; }

        /// <summary>Gateways, in the order of -Subnet.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Gateway { get; set; }

        /// <summary>Address ranges containers are given addresses from, in the order of -Subnet.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? IPRange { get; set; }

        /// <summary>No route to the outside world.</summary>
        [Parameter]
        public SwitchParameter Internal { get; set; }

        /// <summary>Let standalone containers attach (swarm networks).</summary>
        [Parameter]
        public SwitchParameter Attachable { get; set; }

        /// <summary>Enable IPv6.</summary>
        [Parameter]
        public SwitchParameter IPv6 { get; set; }

        /// <summary>Labels: @{ key = 'value' }.</summary>
        [Parameter]
        [KeyValueTransformation(Bare = BareKey.Empty, What = "label")]
        public Hashtable? Label { get; set; }

        /// <summary>Driver options: @{ 'com.docker.network.bridge.name' = 'br-web' }.</summary>
        [Parameter]
        [KeyValueTransformation(What = "driver option")]
        public Hashtable? Option { get; set; }

        protected override void ProcessRecord()
        {
            var request = new NetworkCreateRequest { Name = Name, Driver = Driver, Internal = Internal.IsPresent, Attachable = Attachable.IsPresent, EnableIPv6 = IPv6.IsPresent };
            try
            {
                int subnets = Subnet?.Length ?? 0;
                if ((Gateway?.Length ?? 0) > subnets || (IPRange?.Length ?? 0) > subnets)
                {
                    throw new ArgumentException("Every -Gateway and -IPRange belongs to a -Subnet; give at least as many subnets.");
                }

                for (int i = 0; i < subnets; i++)
                {
                    request.Pools.Add(new NetworkIpamPool
                    {
                        Subnet = Subnet![i],
                        Gateway = Gateway != null && i < Gateway.Length ? Gateway[i] : null,
                        IPRange = IPRange != null && i < IPRange.Length ? IPRange[i] : null,
                    });
                }

                Hashtables.CopyInto(Label, request.Labels, "-Label");
                Hashtables.CopyInto(Option, request.Options, "-Option");
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidNetworkSettings, ErrorCategory.InvalidArgument, Name));
            }

            if (!ShouldProcess(Name, "Create network"))
            {
                return;
            }

            IDockerEngine engine = ConnectDefault();
            if (TryCall(ct => engine.CreateNetworkAsync(request, ct), "Network", Name, out DockerNetwork network))
            {
                WriteObject(network);
            }
        }
    }
}
