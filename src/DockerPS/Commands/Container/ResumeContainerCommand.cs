using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Resumes paused containers (docker unpause).</summary>
    [Cmdlet(VerbsLifecycle.Resume, "Container", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerContainer))]
    public sealed class ResumeContainerCommand : ContainerChangeCmdlet
    {
        /// <summary>Output the container afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (!ShouldProcess(Describe(target), "Unpause container"))
            {
                return;
            }

            QueueChange(ct => engine.UnpauseContainerAsync(target.Reference, ct), "Container", target.UserInput,
                PassThru.IsPresent ? () => WriteCurrent(engine, target) : null);
        }
    }
}
