using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Renames a container (docker rename).</summary>
    [Cmdlet(VerbsCommon.Rename, "Container", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerContainer))]
    public sealed class RenameContainerCommand : ContainerCmdlet
    {
        /// <summary>The new name.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidatePattern("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
        public string NewName { get; set; } = string.Empty;

        /// <summary>Output the renamed container.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            string newName = NewName.TrimStart('/');
            if (ShouldProcess(Describe(target), "Rename container to " + newName)
                && TryCall(ct => engine.RenameContainerAsync(target.Reference, newName, ct), "Container", target.UserInput)
                && PassThru.IsPresent)
            {
                WriteCurrent(engine, new ItemTarget(newName, target.Engine, target.UserInput));
            }
        }
    }
}
