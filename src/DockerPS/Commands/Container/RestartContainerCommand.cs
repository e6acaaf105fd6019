using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Restarts containers (docker restart): stop, then start; a stopped container just starts.</summary>
    [Cmdlet(VerbsLifecycle.Restart, "Container", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerContainer))]
    public sealed class RestartContainerCommand : ContainerChangeCmdlet
    {
        /// <summary>Seconds to wait for the container to stop before killing it.</summary>
        [Parameter]
        [Alias("t", "Time")]
        [ValidateRange(0, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <summary>Output the container afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (ShouldProcess(Describe(target), "Restart container"))
            {
                QueueChange(ct => engine.RestartContainerAsync(target.Reference, Timeout, ct), "Container", target.UserInput,
                    PassThru.IsPresent ? () => WriteCurrent(engine, target) : null);
            }
        }
    }
}
