using System.Management.Automation;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Gets the swarm an engine manages (docker swarm inspect), with its join tokens (docker swarm join-token).</summary>
    [Cmdlet(VerbsCommon.Get, "DockerSwarm")]
    [OutputType(typeof(DockerSwarm))]
    public sealed class GetDockerSwarmCommand : SwarmCmdlet
    {
        protected override void ProcessRecord()
        {
            foreach (EngineEndpoint endpoint in ResolveEndpoints())
            {
                IDockerEngine engine = Connect(endpoint);
                if (TrySwarmCall(ct => engine.InspectSwarmAsync(ct), "Swarm", endpoint.Address, out DockerSwarm swarm, clusterWide: true))
                {
                    WriteObject(swarm);
                }
            }
        }
    }
}
