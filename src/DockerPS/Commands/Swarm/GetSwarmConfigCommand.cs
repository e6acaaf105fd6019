using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Lists swarm configs (docker config ls / inspect).</summary>
    [Cmdlet(VerbsCommon.Get, "SwarmConfig")]
    [OutputType(typeof(SwarmConfig))]
    public sealed class GetSwarmConfigCommand : SwarmCmdlet
    {
        /// <summary>Config names or ids (or id prefixes); wildcards allowed on names.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(SwarmConfigNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            IReadOnlyList<SwarmConfig> all = SwarmCall(ct => engine.ListConfigsAsync(ct), "SwarmConfig", engine.Endpoint.Address, clusterWide: true);
            foreach (SwarmConfig item in Matches(all, Name, s => s.Name, s => s.Id, "SwarmConfig"))
            {
                WriteObject(item);
            }
        }
    }
}
