using System;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Lists the files and folders changed in containers' file systems since they were created (docker diff).</summary>
    [Cmdlet(VerbsCommon.Get, "ContainerChange", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(ContainerChange))]
    public sealed class GetContainerChangeCommand : WildcardContainerCmdlet
    {
        /// <summary>Only changes of these kinds: Added, Modified, Deleted.</summary>
        [Parameter]
        public ContainerChangeKind[]? Kind { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (!TryCall(async ct => (await engine.ResolveContainerAsync(target.Reference, ct).ConfigureAwait(false),
                    await engine.GetContainerChangesAsync(target.Reference, ct).ConfigureAwait(false)),
                    "Container", target.UserInput, out (ContainerIdentity Who, IReadOnlyList<ContainerChange> Changes) r))
            {
                return;
            }

            foreach (ContainerChange c in r.Changes)
            {
                if (Kind != null && Kind.Length > 0 && Array.IndexOf(Kind, c.Kind) < 0)
                {
                    continue;
                }

                c.ContainerName = r.Who.Name;
                c.ContainerId = r.Who.Id;
                WriteObject(c);
            }
        }
    }
}
