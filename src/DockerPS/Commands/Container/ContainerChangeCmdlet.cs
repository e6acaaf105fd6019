using System.Management.Automation;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Base of the cmdlets that change many containers at once (start, stop, kill, restart, pause, resume, remove):
    /// like the docker CLI's multi-id forms, up to -ThrottleLimit engine requests run at the same time. Each container
    /// is confirmed first, on the pipeline thread; outputs and errors come in the order the containers came.
    /// </summary>
    public abstract class ContainerChangeCmdlet : ContainerCmdlet
    {
        /// <summary>How many containers are changed at the same time (1 changes them one after another).</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = DefaultChangesInFlight;

        private protected override int ChangesInFlight => ThrottleLimit;
    }
}
