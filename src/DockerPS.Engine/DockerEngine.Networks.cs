using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Engine
{
    internal sealed partial class DockerEngine
    {
        public async Task<IReadOnlyList<DockerNetwork>> ListNetworksAsync(NetworkListQuery query, CancellationToken cancellationToken)
        {
            var parameters = new NetworksListParameters { Filters = ToFilters(query.Filters) };
            IList<NetworkResponse> list = await Call(() => _client.Networks.ListNetworksAsync(parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            if (!query.WithContainers)
            {
                return list.Select(ToNetwork).ToList();
            }

            // The list endpoint leaves Containers empty; inspect each network (concurrently) to fill them.
            DockerNetwork?[] inspected = await Task.WhenAll(list.Select(async n =>
            {
                try
                {
                    return await InspectNetworkAsync(n.ID, cancellationToken).ConfigureAwait(false);
                }
                catch (DockerEngineException e) when (e.StatusCode == 404)
                {
                    return null; // removed between list and inspect
                }
            })).ConfigureAwait(false);
            return inspected.Where(n => n != null).Select(n => n!).ToList();
        }

        public async Task<DockerNetwork> InspectNetworkAsync(string idOrName, CancellationToken cancellationToken)
        {
            NetworkResponse n = await Call(() => _client.Networks.InspectNetworkAsync(idOrName, cancellationToken), cancellationToken).ConfigureAwait(false);
            return ToNetwork(n);
        }

        public async Task<DockerNetwork> CreateNetworkAsync(NetworkCreateRequest request, CancellationToken cancellationToken)
        {
            var parameters = new NetworksCreateParameters
            {
                Name = request.Name,
                Driver = string.IsNullOrEmpty(request.Driver) ? null! : request.Driver!,
                Internal = request.Internal,
                Attachable = request.Attachable,
                EnableIPv6 = request.EnableIPv6 ? true : (bool?)null,
                Labels = request.Labels.Count > 0 ? new Dictionary<string, string>(request.Labels) : null!,
                Options = request.Options.Count > 0 ? new Dictionary<string, string>(request.Options) : null!,
            };
            if (request.Pools.Count > 0)
            {
                parameters.IPAM = new IPAM
                {
                    Driver = "default",
                    Config = request.Pools.Select(p => new IPAMConfig { Subnet = p.Subnet!, Gateway = p.Gateway!, IPRange = p.IPRange! }).ToList(),
                };
            }

            if (DockerEngineFactory.TryParseApiVersion(ApiVersion, out System.Version api) && api < new System.Version(1, 44))
            {
                // Before API 1.44 the engine creates a second network of the same name unless asked to check, and
                // Docker.DotNet.Enhanced's model no longer has CheckDuplicate: check here, as docker network create does.
                var byName = new NetworksListParameters { Filters = ToFilters(new Dictionary<string, IList<string>> { ["name"] = new List<string> { request.Name } }) };
                IList<NetworkResponse> existing = await Call(() => _client.Networks.ListNetworksAsync(byName, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (existing.Any(n => n.Name == request.Name))
                {
                    throw new DockerEngineException(409, $"network with name {request.Name} already exists", Address);
                }
            }

            NetworksCreateResponse created = await Call(() => _client.Networks.CreateNetworkAsync(parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            DockerNetwork network = await InspectNetworkAsync(created.ID, cancellationToken).ConfigureAwait(false);
            // A swarm manager can answer the inspect of an overlay network it has just created before the network is
            // filled in (seen in CI: Driver ""); ask again briefly rather than return a half-empty object.
            for (int i = 0; i < 10 && string.IsNullOrEmpty(network.Driver); i++)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                network = await InspectNetworkAsync(created.ID, cancellationToken).ConfigureAwait(false);
            }

            return network;
        }

        public Task RemoveNetworkAsync(string idOrName, CancellationToken cancellationToken) =>
            Call(() => _client.Networks.DeleteNetworkAsync(idOrName, cancellationToken), cancellationToken);

        public Task ConnectNetworkAsync(string network, string container, NetworkConnectOptions options, CancellationToken cancellationToken)
        {
            var endpoint = new EndpointSettings();
            if (options.Aliases.Count > 0)
            {
                endpoint.Aliases = options.Aliases.ToList();
            }

            if (!string.IsNullOrEmpty(options.IPv4Address) || !string.IsNullOrEmpty(options.IPv6Address))
            {
                endpoint.IPAMConfig = new EndpointIPAMConfig
                {
                    IPv4Address = string.IsNullOrEmpty(options.IPv4Address) ? null! : options.IPv4Address!,
                    IPv6Address = string.IsNullOrEmpty(options.IPv6Address) ? null! : options.IPv6Address!,
                };
            }

            var parameters = new NetworkConnectParameters { Container = container, EndpointConfig = endpoint };
            return Call(() => _client.Networks.ConnectNetworkAsync(network, parameters, cancellationToken), cancellationToken);
        }

        public Task DisconnectNetworkAsync(string network, string container, bool force, CancellationToken cancellationToken)
        {
            var parameters = new NetworkDisconnectParameters { Container = container, Force = force };
            return Call(() => _client.Networks.DisconnectNetworkAsync(network, parameters, cancellationToken), cancellationToken);
        }

        public async Task<DockerPruneResult> PruneNetworksAsync(IDictionary<string, IList<string>> filters, CancellationToken cancellationToken)
        {
            var parameters = new NetworksDeleteUnusedParameters { Filters = ToFilters(filters) };
            NetworksPruneResponse r = await Call(() => _client.Networks.PruneNetworksAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new DockerPruneResult
            {
                Type = "Network",
                Deleted = r.NetworksDeleted?.ToArray() ?? Array.Empty<string>(),
                Engine = Address,
            };
        }

        private DockerNetwork ToNetwork(NetworkResponse n)
        {
            IList<IPAMConfig> pools = n.IPAM?.Config ?? new List<IPAMConfig>();
            return new DockerNetwork
            {
                Id = n.ID ?? string.Empty,
                Name = n.Name ?? string.Empty,
                Driver = n.Driver ?? string.Empty,
                Scope = n.Scope ?? string.Empty,
                Internal = n.Internal,
                Attachable = n.Attachable,
                EnableIPv6 = n.EnableIPv6,
                Subnets = pools.Select(p => p.Subnet).Where(s => !string.IsNullOrEmpty(s)).ToArray(),
                Gateways = pools.Select(p => p.Gateway).Where(s => !string.IsNullOrEmpty(s)).ToArray(),
                IPRanges = pools.Select(p => p.IPRange).Where(s => !string.IsNullOrEmpty(s)).ToArray(),
                Labels = Copy(n.Labels),
                Options = Copy(n.Options),
                Created = Local(n.Created),
                Containers = (n.Containers ?? new Dictionary<string, EndpointResource>())
                    .Select(kv => new NetworkContainer
                    {
                        Id = kv.Key,
                        Name = kv.Value?.Name ?? string.Empty,
                        IPv4Address = WithoutPrefix(kv.Value?.IPv4Address),
                        IPv6Address = WithoutPrefix(kv.Value?.IPv6Address),
                        MacAddress = string.IsNullOrEmpty(kv.Value?.MacAddress) ? null : kv.Value!.MacAddress,
                        EndpointId = kv.Value?.EndpointID ?? string.Empty,
                    })
                    .OrderBy(c => c.Name, StringComparer.Ordinal)
                    .ToArray(),
                Engine = Address,
            };
        }

        private static string? WithoutPrefix(string? address)
        {
            if (string.IsNullOrEmpty(address))
            {
                return null;
            }

            int slash = address!.IndexOf('/');
            return slash < 0 ? address : address.Substring(0, slash);
        }
    }
}
