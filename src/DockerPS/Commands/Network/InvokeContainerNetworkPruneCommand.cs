using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Commands.Engine;
using DockerPS.Engine;
using DockerPS.Models;
using DockerPS.Errors;

namespace DockerPS.Commands.Network
{
    /// <summary>Removes every network no container uses (docker network prune), within the given filters.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ContainerNetworkPrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DockerPruneResult))]
    public sealed class InvokeContainerNetworkPruneCommand : PruneCommandBase
    {
        protected override void ProcessRecord()
        {
            IDictionary<string, IList<string>> filters = BuildFilters();
            foreach (var endpoint in ResolveEndpoints())
            {
                if (!ConfirmPrune(endpoint.Address, "Remove all unused networks" + Describe(filters)))
                {
                    continue;
                }

                IDockerEngine engine = Connect(endpoint);
                WriteObject(Call(ct => engine.PruneNetworksAsync(filters, ct), "Network", endpoint.Address, ErrorIds.InvalidPruneFilter));
            }
        }
    }
}
