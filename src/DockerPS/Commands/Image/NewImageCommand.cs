using System;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>docker commit: makes an image from a container's changes; writes the new image.</summary>
    [Cmdlet(VerbsCommon.New, "Image", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class NewImageCommand : ImageOperationCmdlet
    {
        /// <summary>The container: a name or id; piped DockerContainer objects bind by their Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "ContainerId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string Container { get; set; } = string.Empty;

        /// <summary>repository[:tag] for the new image; without it the image is untagged.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Reference { get; set; }

        /// <summary>The commit message.</summary>
        [Parameter]
        public string? Message { get; set; }

        /// <summary>The author, such as "Jane Doe &lt;jane@example.com&gt;".</summary>
        [Parameter]
        public string? Author { get; set; }

        /// <summary>Dockerfile instructions to apply: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR.</summary>
        [Parameter]
        public string[] Change { get; set; } = Array.Empty<string>();

        /// <summary>Do not pause the container while committing (docker commit --pause=false).</summary>
        [Parameter]
        public SwitchParameter NoPause { get; set; }

        protected override void ProcessRecord()
        {
            var request = new ContainerCommitRequest { Container = Container.TrimStart('/'), Message = Message, Author = Author, Pause = !NoPause.IsPresent };
            if (Reference != null)
            {
                Images.ImageReference? parsed = ReadImageReference(Reference);
                if (parsed == null)
                {
                    return;
                }

                if (parsed.IsDigest)
                {
                    WriteError(ErrorMapper.Record(new ArgumentException($"'{Reference}' is a digest; give repository[:tag]."), ErrorIds.InvalidImageReference, ErrorCategory.InvalidArgument, Reference));
                    return;
                }

                request.Repository = parsed.WrittenName;
                request.Tag = parsed.Tag ?? Images.ImageReference.DefaultTag;
            }

            foreach (string change in Change)
            {
                request.Changes.Add(change);
            }

            if (!ShouldProcess(Container, "Commit container to image " + (Reference ?? "(untagged)")))
            {
                return;
            }

            IDockerEngine engine = Connect(EndpointFor((string?)null));
            if (!TryCall(ct => engine.CommitContainerAsync(request, ct), "Container", Container, out string id))
            {
                return;
            }

            string reference = request.Repository != null ? request.Repository + ":" + request.Tag : id;
            if (TryCall(ct => ImageRowsAsync(engine, reference, ct), "Image", reference, out IReadOnlyList<DockerImage> rows))
            {
                WriteObject(rows, enumerateCollection: true);
            }
        }
    }
}
