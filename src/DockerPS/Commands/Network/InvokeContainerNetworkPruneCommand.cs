using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Commands.Engine;
using DockerPS.Engine;
using DockerPS.Models;

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
            PruneEachEngine("Remove all unused networks" + Describe(filters), (engine, ct) => engine.PruneNetworksAsync(filters, ct), "Network");
        }
    }
}
