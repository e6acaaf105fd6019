using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>docker history: the layers of an image and the instructions that made them, newest first.</summary>
    [Cmdlet(VerbsCommon.Get, "ImageHistory", DefaultParameterSetName = ReferenceSet)]
    [OutputType(typeof(DockerImageHistoryEntry))]
    public sealed class GetImageHistoryCommand : WildcardImageCmdlet
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

                if (TryCall(ct => engine.GetImageHistoryAsync(target.Reference, ct), "Image", target.UserInput, out IReadOnlyList<DockerImageHistoryEntry> rows))
                {
                    WriteObject(rows, enumerateCollection: true);
                }
            }
        }
    }
}
