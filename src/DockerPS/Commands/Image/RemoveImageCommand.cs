using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>
    /// docker rmi: untags images and deletes those left without tags. Each untag and delete is one output object.
    /// One image at a time, as the docker CLI does: Podman 4.3 loses concurrent untags of one image (observed: 10 tags
    /// untagged 4 at a time, every call answered 200, 1 to 3 tags were still there), so no window here.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "Image", DefaultParameterSetName = ReferenceSet, SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImageRemoval))]
    public sealed class RemoveImageCommand : ImageCmdlet
    {
        /// <summary>Remove the image even when containers use it or it has several tags given by id (docker rmi -f).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Keep untagged parent images (docker rmi --no-prune).</summary>
        [Parameter]
        public SwitchParameter NoPrune { get; set; }

        protected override void ProcessRecord()
        {
            foreach (ItemTarget target in Targets())
            {
                if (!ShouldProcess(target.Reference, "Remove image"))
                {
                    continue;
                }

                IDockerEngine engine = Connect(EndpointFor(target));
                if (TryCall(ct => engine.RemoveImageAsync(target.Reference, Force.IsPresent, NoPrune.IsPresent, ct), "Image", target.UserInput, out IReadOnlyList<DockerImageRemoval> removed))
                {
                    WriteObject(removed, enumerateCollection: true);
                }
            }
        }
    }
}
