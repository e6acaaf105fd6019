using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>Network operations (docker network ...).</summary>
    internal partial interface IDockerEngine
    {
        /// <summary>GET /networks; with <see cref="NetworkListQuery.WithContainers"/> each network is inspected for its containers.</summary>
        Task<IReadOnlyList<DockerNetwork>> ListNetworksAsync(NetworkListQuery query, CancellationToken cancellationToken);

        /// <summary>GET /networks/{id}: the network with its connected containers.</summary>
        Task<DockerNetwork> InspectNetworkAsync(string idOrName, CancellationToken cancellationToken);

        /// <summary>POST /networks/create, then inspects the new network.</summary>
        Task<DockerNetwork> CreateNetworkAsync(NetworkCreateRequest request, CancellationToken cancellationToken);

        Task RemoveNetworkAsync(string idOrName, CancellationToken cancellationToken);

        Task ConnectNetworkAsync(string network, string container, NetworkConnectOptions options, CancellationToken cancellationToken);

        Task DisconnectNetworkAsync(string network, string container, bool force, CancellationToken cancellationToken);

        /// <summary>POST /networks/prune with the given filters (until, label, label!).</summary>
        Task<DockerPruneResult> PruneNetworksAsync(IDictionary<string, IList<string>> filters, CancellationToken cancellationToken);
    }

    /// <summary>GET /networks parameters.</summary>
    internal sealed class NetworkListQuery
    {
        /// <summary>Inspect every listed network so its Containers are filled (the list endpoint leaves them empty).</summary>
        public bool WithContainers { get; set; } = true;

        public IDictionary<string, IList<string>> Filters { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
    }

    /// <summary>POST /networks/create body.</summary>
    internal sealed class NetworkCreateRequest
    {
        public string Name { get; set; } = string.Empty;

        public string? Driver { get; set; }

        public bool Internal { get; set; }

        public bool Attachable { get; set; }

        public bool EnableIPv6 { get; set; }

        /// <summary>IPAM pools: subnet with optional gateway and IP range each.</summary>
        public IList<NetworkIpamPool> Pools { get; } = new List<NetworkIpamPool>();

        public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public IDictionary<string, string> Options { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>One IPAM pool of a network.</summary>
    internal sealed class NetworkIpamPool
    {
        public string? Subnet { get; set; }

        public string? Gateway { get; set; }

        public string? IPRange { get; set; }
    }

    /// <summary>POST /networks/{id}/connect endpoint settings.</summary>
    internal sealed class NetworkConnectOptions
    {
        public IList<string> Aliases { get; } = new List<string>();

        public string? IPv4Address { get; set; }

        public string? IPv6Address { get; set; }
    }
}
