using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Inspects containers (docker inspect): state, configuration and host settings as typed properties.</summary>
    [Cmdlet(VerbsCommon.Get, "ContainerDetail", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerContainerDetail))]
    public sealed class GetContainerDetailCommand : WildcardContainerCmdlet
    {
        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (TryCall(ct => engine.InspectContainerAsync(target.Reference, ct), "Container", target.UserInput, out DockerContainerDetail detail))
            {
                WriteObject(detail);
            }
        }
    }
}
