using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Lists swarm secrets (docker secret ls / inspect).</summary>
    [Cmdlet(VerbsCommon.Get, "SwarmSecret")]
    [OutputType(typeof(SwarmSecret))]
    public sealed class GetSwarmSecretCommand : SwarmCmdlet
    {
        /// <summary>Secret names or ids (or id prefixes); wildcards allowed on names.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(SwarmSecretNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            IReadOnlyList<SwarmSecret> all = SwarmCall(ct => engine.ListSecretsAsync(ct), "SwarmSecret", engine.Endpoint.Address, clusterWide: true);
            foreach (SwarmSecret item in Matches(all, Name, s => s.Name, s => s.Id, "SwarmSecret"))
            {
                WriteObject(item);
            }
        }
    }
}
