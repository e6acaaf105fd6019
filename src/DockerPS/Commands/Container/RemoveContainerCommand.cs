using System.Management.Automation;
using DockerPS.Engine;

namespace DockerPS.Commands.Container
{
    /// <summary>Removes containers (docker rm). A running container needs -Force, which kills it first.</summary>
    [Cmdlet(VerbsCommon.Remove, "Container", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(void))]
    public sealed class RemoveContainerCommand : ContainerChangeCmdlet
    {
        /// <summary>Kill and remove running containers (docker rm -f).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Also remove the anonymous volumes of the containers (docker rm -v).</summary>
        [Parameter]
        [Alias("v")]
        public SwitchParameter Volumes { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (ShouldProcess(Describe(target), Force.IsPresent ? "Remove container (kill it if it runs)" : "Remove container"))
            {
                QueueChange(ct => engine.RemoveContainerAsync(target.Reference, Force.IsPresent, Volumes.IsPresent, ct), "Container", target.UserInput);
            }
        }
    }
}
