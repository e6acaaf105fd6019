using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Pauses every process of containers (docker pause).</summary>
    [Cmdlet(VerbsLifecycle.Suspend, "Container", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerContainer))]
    public sealed class SuspendContainerCommand : ContainerChangeCmdlet
    {
        /// <summary>Output the container afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (!ShouldProcess(Describe(target), "Pause container"))
            {
                return;
            }

            QueueChange(ct => engine.PauseContainerAsync(target.Reference, ct), "Container", target.UserInput,
                PassThru.IsPresent ? () => WriteCurrent(engine, target) : null);
        }
    }
}
