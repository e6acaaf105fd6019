using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>docker image inspect: the configuration, layers and metadata of images.</summary>
    [Cmdlet(VerbsCommon.Get, "ImageDetail", DefaultParameterSetName = ReferenceSet)]
    [OutputType(typeof(DockerImageDetail))]
    public sealed class GetImageDetailCommand : WildcardImageCmdlet
    {
        protected override void ProcessRecord()
        {
            foreach (ItemTarget target in Targets())
            {
                IDockerEngine? engine = ConnectForRead(EndpointFor(target));
                if (engine == null)
                {
                    continue;
                }

                if (TryCall(ct => engine.InspectImageAsync(target.Reference, ct), "Image", target.UserInput, out DockerImageDetail detail))
                {
                    WriteObject(detail);
                }
            }
        }
    }
}
