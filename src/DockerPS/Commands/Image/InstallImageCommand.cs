using System;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Images;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>docker pull: downloads images from a registry, with per-layer progress; writes the pulled images.</summary>
    [Cmdlet(VerbsLifecycle.Install, "Image", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class InstallImageCommand : ImageOperationCmdlet
    {
        /// <summary>repository[:tag] or repository@digest; without a tag, latest (or every tag with -AllTags).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Reference { get; set; } = Array.Empty<string>();

        /// <summary>Pull every tag of the repository (docker pull -a).</summary>
        [Parameter]
        public SwitchParameter AllTags { get; set; }

        /// <summary>The platform to pull, os[/arch[/variant]], such as linux/arm64.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Platform { get; set; }

        /// <summary>Registry credentials; without it the session's Connect-DockerRegistry login or the docker config file is used.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string reference in Reference)
            {
                ImageReference? parsed = ReadImageReference(reference);
                if (parsed == null)
                {
                    continue;
                }

                if (AllTags.IsPresent && !parsed.IsNameOnly)
                {
                    WriteError(ErrorMapper.Record(new ArgumentException($"-AllTags pulls every tag of a repository; '{reference}' names one tag or digest."), ErrorIds.AllTagsWithTag, ErrorCategory.InvalidArgument, reference));
                    continue;
                }

                // The engine gets the name as written and the digest, else the tag (a tag beside a digest is dropped, as docker pull does).
                string repository = parsed.WrittenName;
                string? pullTag = AllTags.IsPresent ? null : parsed.PullTag;
                if (!ShouldProcess(reference, "Pull image"))
                {
                    continue;
                }

                IDockerEngine engine = Connect(EndpointFor((string?)null));
                RegistryAuth? auth = ResolveAuth(parsed.Registry, Credential);
                if (!RunWithProgress("Pulling " + reference, (p, ct) => engine.PullImageAsync(repository, pullTag, Platform, auth, p, ct), ErrorIds.ImagePullFailed, reference, out _))
                {
                    continue;
                }

                if (pullTag == null)
                {
                    // -AllTags: every tag of the repository that is now here.
                    WriteRepositoryImages(engine, repository, reference);

                    continue;
                }

                if (TryCall(ct => ImageRowsAsync(engine, parsed.Pulled, ct), "Image", reference, out IReadOnlyList<DockerImage> rows))
                {
                    WriteObject(rows, enumerateCollection: true);
                }
            }
        }
    }
}
