using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Commands.Engine;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Volume
{
    /// <summary>Removes every volume no container uses (docker volume prune), within the given filters.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ContainerVolumePrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DockerPruneResult))]
    public sealed class InvokeContainerVolumePruneCommand : PruneCommandBase
    {
        /// <summary>Also remove named volumes on engines (API 1.42 and newer) that otherwise prune only anonymous ones.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            IDictionary<string, IList<string>> filters = BuildFilters();
            PruneEachEngine("Remove all unused volumes" + Describe(filters), (engine, ct) => engine.PruneVolumesAsync(filters, All.IsPresent, ct), "Volume");
        }
    }
}
