using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>A network as Get-ContainerNetwork returns it (docker network ls / inspect).</summary>
    public sealed class DockerNetwork
    {
        public DockerNetwork()
        {
        }

        /// <summary>A network known only by name (or id): PowerShell uses this to turn a typed name into a network.</summary>
        public DockerNetwork(string name)
        {
            Name = name ?? string.Empty;
        }

        /// <summary>The full 64-character network id; empty for a network made from a typed name.</summary>
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        /// <summary>bridge, host, null, overlay, macvlan, ...</summary>
        public string Driver { get; set; } = string.Empty;

        /// <summary>local, global or swarm.</summary>
        public string Scope { get; set; } = string.Empty;

        /// <summary>No route to the outside world.</summary>
        public bool Internal { get; set; }

        /// <summary>Standalone containers may attach (swarm networks).</summary>
        public bool Attachable { get; set; }

        public bool EnableIPv6 { get; set; }

        /// <summary>The IPAM subnets, e.g. 172.20.0.0/16.</summary>
        public string[] Subnets { get; set; } = Array.Empty<string>();

        /// <summary>The IPAM gateways.</summary>
        public string[] Gateways { get; set; } = Array.Empty<string>();

        /// <summary>The IPAM ranges containers get addresses from.</summary>
        public string[] IPRanges { get; set; } = Array.Empty<string>();

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Driver options.</summary>
        public Dictionary<string, string> Options { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>When the network was created, in local time.</summary>
        public DateTime Created { get; set; }

        /// <summary>The containers connected to the network.</summary>
        public NetworkContainer[] Containers { get; set; } = Array.Empty<NetworkContainer>();

        /// <summary>The engine this network lives on.</summary>
        public string Engine { get; set; } = string.Empty;

        /// <summary>What other cmdlets and the engine take: the id when known, else the name.</summary>
        internal string Reference => Id.Length > 0 ? Id : Name;

        public override string ToString() => Name.Length > 0 ? Name : Id;
    }

    /// <summary>A container's endpoint on a network.</summary>
    public sealed class NetworkContainer
    {
        /// <summary>The container id.</summary>
        public string Id { get; set; } = string.Empty;

        /// <summary>The container name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The IPv4 address, without the prefix length.</summary>
        public string? IPv4Address { get; set; }

        /// <summary>The IPv6 address, without the prefix length.</summary>
        public string? IPv6Address { get; set; }

        public string? MacAddress { get; set; }

        public string EndpointId { get; set; } = string.Empty;

        public override string ToString() => Name.Length > 0 ? Name : Id;
    }
}
