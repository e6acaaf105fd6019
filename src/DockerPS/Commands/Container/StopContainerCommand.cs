using System;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Stops containers (docker stop): the stop signal, then SIGKILL after -Timeout seconds. -Force kills at once
    /// (docker kill), with -Signal if given. Stopping a container that is not running is not an error.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "Container", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerContainer))]
    public sealed class StopContainerCommand : ContainerChangeCmdlet
    {
        /// <summary>Seconds to wait for the container to stop before killing it (docker stop -t).</summary>
        [Parameter]
        [Alias("t", "Time")]
        [ValidateRange(0, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <summary>The signal to send instead of the container's stop signal, e.g. SIGINT or 2.</summary>
        [Parameter]
        [Alias("s")]
        [ValidateNotNullOrEmpty]
        public string? Signal { get; set; }

        /// <summary>Kill instead of stopping (docker kill).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Output the container afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (!ShouldProcess(Describe(target), Force.IsPresent ? "Kill container" : "Stop container"))
            {
                return;
            }

            Action? passThru = PassThru.IsPresent ? () => WriteCurrent(engine, target) : null;
            if (Force.IsPresent)
            {
                QueueChange(ct => engine.KillContainerAsync(target.Reference, Signal, ct), "Container", target.UserInput, passThru);
            }
            else
            {
                QueueChange(ct => engine.StopContainerAsync(target.Reference, Timeout, Signal, ct), "Container", target.UserInput, passThru);
            }
        }
    }
}
