using System;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Images;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>docker tag: gives an image another repository:tag.</summary>
    [Cmdlet(VerbsCommon.Add, "ImageTag", DefaultParameterSetName = ReferenceSet, SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class AddImageTagCommand : ImageCmdlet
    {
        /// <summary>The new references: repository or repository:tag (latest when no tag is given).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("Target")]
        [ValidateNotNullOrEmpty]
        public string[] NewReference { get; set; } = Array.Empty<string>();

        /// <summary>Write the newly tagged image.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (ItemTarget target in Targets())
            {
                IDockerEngine engine = Connect(EndpointFor(target));
                foreach (string newReference in NewReference)
                {
                    ImageReference? parsed = ReadImageReference(newReference);
                    if (parsed == null)
                    {
                        continue;
                    }

                    if (parsed.IsDigest)
                    {
                        WriteError(ErrorMapper.Record(new ArgumentException($"'{newReference}' is a digest; a tag is repository[:tag] (refusing to create a tag with a digest reference)."), ErrorIds.InvalidImageReference, ErrorCategory.InvalidArgument, newReference));
                        continue;
                    }

                    string repository = parsed.WrittenName;
                    string tag = parsed.Tag ?? ImageReference.DefaultTag;
                    if (!ShouldProcess(target.Reference, "Tag image as " + repository + ":" + tag))
                    {
                        continue;
                    }

                    if (!TryCall(async ct => { await engine.TagImageAsync(target.Reference, repository, tag, ct).ConfigureAwait(false); return true; }, "Image", target.UserInput, out bool _))
                    {
                        continue;
                    }

                    if (PassThru.IsPresent && TryCall(ct => ImageRowsAsync(engine, repository + ":" + tag, ct), "Image", newReference, out IReadOnlyList<DockerImage> rows))
                    {
                        WriteObject(rows, enumerateCollection: true);
                    }
                }
            }
        }
    }
}
