using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>
    /// Lists the stacks on a swarm (docker stack ls): the com.docker.stack.namespace labels of its services, whether
    /// Deploy-SwarmStack or docker stack deploy made them.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SwarmStack")]
    [OutputType(typeof(SwarmStack))]
    public sealed class GetSwarmStackCommand : SwarmStackCmdlet
    {
        /// <summary>Stack names; wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            var stacks = StackServices(engine, null)
                .GroupBy(s => s.Labels[NamespaceLabel], StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new SwarmStack
                {
                    Name = g.Key,
                    Services = g.Count(),
                    ServiceNames = g.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray(),
                    Engine = engine.Endpoint.Address,
                })
                .ToList();
            foreach (SwarmStack s in Matches(stacks, Name, s => s.Name, s => s.Name, "SwarmStack"))
            {
                WriteObject(s);
            }
        }
    }
}
