using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Lists the swarm's nodes (docker node ls) with their role, availability, status and manager state.</summary>
    [Cmdlet(VerbsCommon.Get, "SwarmNode")]
    [OutputType(typeof(SwarmNode))]
    public sealed class GetSwarmNodeCommand : SwarmCmdlet
    {
        /// <summary>Host names or node ids (or id prefixes); wildcards allowed on names.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Hostname")]
        [ArgumentCompleter(typeof(SwarmNodeNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Only nodes of this role.</summary>
        [Parameter]
        [ValidateSet("worker", "manager", IgnoreCase = true)]
        public string? Role { get; set; }

        /// <summary>Only nodes of this availability.</summary>
        [Parameter]
        [ValidateSet("active", "pause", "drain", IgnoreCase = true)]
        public string? Availability { get; set; }

        protected override void ProcessRecord()
        {
            IDockerEngine engine = ConnectDefault();
            IReadOnlyList<SwarmNode> nodes = SwarmCall(ct => engine.ListNodesAsync(ct), "SwarmNode", engine.Endpoint.Address, clusterWide: true);
            IEnumerable<SwarmNode> wanted = nodes
                .Where(n => Role == null || string.Equals(n.Role, Role, StringComparison.OrdinalIgnoreCase))
                .Where(n => Availability == null || string.Equals(n.Availability, Availability, StringComparison.OrdinalIgnoreCase));
            foreach (SwarmNode n in Matches(wanted.ToList(), Name, n => n.Hostname, n => n.Id, "SwarmNode"))
            {
                WriteObject(n);
            }
        }
    }
}
