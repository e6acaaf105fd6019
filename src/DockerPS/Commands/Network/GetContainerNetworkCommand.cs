using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Network
{
    /// <summary>Lists networks (docker network ls), each with the containers connected to it (docker network inspect).</summary>
    [Cmdlet(VerbsCommon.Get, "ContainerNetwork", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerNetwork))]
    public sealed class GetContainerNetworkCommand : DockerReadCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        /// <summary>Network names; wildcards allowed.</summary>
        [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Full network ids or unique prefixes.</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>Only networks of these drivers (bridge, host, overlay, ...).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Driver { get; set; }

        /// <summary>Only networks of these scopes.</summary>
        [Parameter]
        [ValidateSet("local", "global", "swarm", IgnoreCase = true)]
        public string[]? Scope { get; set; }

        /// <summary>Only networks with these labels: key, or key=value. All must match.</summary>
        [Parameter]
        public string[]? Label { get; set; }

        /// <summary>Other engine filters, as docker network ls --filter takes them: @{ type = 'custom' }.</summary>
        [Parameter]
        public Hashtable? Filter { get; set; }

        protected override void ProcessRecord()
        {
            var query = new NetworkListQuery { WithContainers = false };
            try
            {
                foreach (string d in Driver ?? Array.Empty<string>())
                {
                    EngineFilters.Add(query.Filters, "driver", d);
                }

                EngineFilters.AddLabels(query.Filters, Label);
                EngineFilters.AddHashtable(query.Filters, Filter);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidNetworkFilter, ErrorCategory.InvalidArgument, Filter ?? (object?)Label));
            }

            // -Scope is checked here rather than sent as scope=: dockerd's filter is the same exact match on the list's
            // Scope, and Podman 4.3 refuses it (500 invalid filter "scope", observed) while listing Scope local.
            var scopes = new HashSet<string>((Scope ?? Array.Empty<string>()).Select(s => s.ToLowerInvariant()), StringComparer.Ordinal);
            var matcher = new NameMatcher<DockerNetwork>((IReadOnlyList<string>?)Name ?? Id, Name != null ? NameMatch : IdMatch, n => n.Id, literal: Id != null);
            bool everyEngine = ReadEachEngine((engine, ct) => ListAsync(engine, query, ct),
                (_, found) => WriteInspected(found.Engine, matcher.Select(found.Networks.Where(n => scopes.Count == 0 || scopes.Contains(n.Scope)).OrderBy(n => n.Name, StringComparer.Ordinal).ToList())), "Network", Filter, ErrorIds.InvalidNetworkFilter);
            foreach (string wanted in everyEngine ? matcher.Missing() : Array.Empty<string>())
            {
                var e = new ItemNotFoundException($"No network with the {(Id != null ? "id" : "name")} '{wanted}' was found.");
                WriteError(ErrorMapper.Record(e, ErrorIds.NetworkNotFound, ErrorCategory.ObjectNotFound, wanted));
            }
        }

        private static async Task<(IDockerEngine Engine, IReadOnlyList<DockerNetwork> Networks)> ListAsync(IDockerEngine engine, NetworkListQuery query, CancellationToken ct) =>
            (engine, await engine.ListNetworksAsync(query, ct).ConfigureAwait(false));

        private void WriteInspected(IDockerEngine engine, IReadOnlyList<DockerNetwork> networks)
        {
            foreach (DockerNetwork match in networks)
            {
                // The list leaves Containers empty: inspect what is written. A network gone meanwhile is skipped.
                try
                {
                    WriteObject(Await(ct => engine.InspectNetworkAsync(match.Id, ct)));
                }
                catch (Exception e) when (ErrorMapper.IsNotFound(e, "Network"))
                {
                }
                catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
                {
                    WriteEngineError(e, "Network", match.Name);
                }
            }
        }

        private static Func<DockerNetwork, bool> NameMatch(string wanted)
        {
            WildcardPattern pattern = EngineFilters.Pattern(wanted);
            return n => pattern.IsMatch(n.Name);
        }

        private static Func<DockerNetwork, bool> IdMatch(string wanted)
        {
            string prefix = wanted.ToLowerInvariant();
            return n => n.Id.StartsWith(prefix, StringComparison.Ordinal);
        }
    }
}
