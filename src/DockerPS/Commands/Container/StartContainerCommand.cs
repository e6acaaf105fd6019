using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Starts containers (docker start). Starting a running container is not an error.</summary>
    [Cmdlet(VerbsLifecycle.Start, "Container", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerContainer))]
    public sealed class StartContainerCommand : ContainerChangeCmdlet
    {
        /// <summary>Output the container afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (!ShouldProcess(Describe(target), "Start container"))
            {
                return;
            }

            QueueChange(ct => engine.StartContainerAsync(target.Reference, ct), "Container", target.UserInput,
                PassThru.IsPresent ? () => WriteCurrent(engine, target) : null);
        }
    }
}
