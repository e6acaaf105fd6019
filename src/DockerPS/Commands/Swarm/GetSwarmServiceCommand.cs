using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Lists swarm services (docker service ls / inspect) with their mode, running and desired tasks, image and ports.</summary>
    [Cmdlet(VerbsCommon.Get, "SwarmService")]
    [OutputType(typeof(SwarmService))]
    public sealed class GetSwarmServiceCommand : SwarmCmdlet
    {
        /// <summary>Service names or ids (or id prefixes); wildcards allowed on names.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(SwarmServiceNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Only services of this mode.</summary>
        [Parameter]
        [ValidateSet("replicated", "global", "replicated-job", "global-job", IgnoreCase = true)]
        public string? Mode { get; set; }

        /// <summary>Only services with these labels: key, or key=value. All must match.</summary>
        [Parameter]
        public string[]? Label { get; set; }

        protected override void ProcessRecord()
        {
            var filters = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
            EngineFilters.AddLabels(filters, Label);
            IDockerEngine engine = Connect(EndpointFor(Engine));
            IReadOnlyList<SwarmService> services = SwarmCall(ct => engine.ListServicesAsync(filters, ct), "SwarmService", engine.Endpoint.Address, clusterWide: true);
            List<SwarmService> wanted = services.Where(s => Mode == null || string.Equals(s.Mode, Mode, StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (SwarmService s in Matches(wanted, Name, s => s.Name, s => s.Id, "SwarmService"))
            {
                WriteObject(s);
            }
        }
    }
}
