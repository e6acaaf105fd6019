using System;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Images;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>docker push: uploads images to their registry, with per-layer progress; writes the pushed images.</summary>
    [Cmdlet(VerbsData.Publish, "Image", DefaultParameterSetName = ReferenceSet, SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class PublishImageCommand : ImageCmdlet
    {
        /// <summary>Push every local tag of the repository (docker push -a).</summary>
        [Parameter]
        public SwitchParameter AllTags { get; set; }

        /// <summary>Push only this platform of a multi-platform image (engine API 1.46 or later).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Platform { get; set; }

        /// <summary>Registry credentials; without it the session's Connect-DockerRegistry login or the docker config file is used.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        protected override void ProcessRecord()
        {
            foreach (ItemTarget target in Targets())
            {
                IDockerEngine engine = Connect(EndpointFor(target));
                if (Platform != null && !ApiAtLeast(engine.ApiVersion, 1, 46))
                {
                    ThrowTerminatingError(ErrorMapper.Record(
                        new DockerApiVersionException($"-Platform needs engine API 1.46 or later; the engine at {engine.Endpoint.Address} speaks {engine.ApiVersion}."),
                        ErrorIds.ApiVersionNotSupported, ErrorCategory.NotImplemented, Platform));
                }

                string reference = target.Reference;
                if (reference.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) || ImageReference.IsFullId(reference))
                {
                    WriteError(ErrorMapper.Record(new ArgumentException($"'{reference}' has no repository:tag to push; tag it first with Add-ImageTag."), ErrorIds.InvalidImageReference, ErrorCategory.InvalidArgument, target.UserInput));
                    continue;
                }

                ImageReference? parsed = ReadImageReference(reference);
                if (parsed == null)
                {
                    continue;
                }

                if (parsed.IsDigest)
                {
                    WriteError(ErrorMapper.Record(new ArgumentException($"'{reference}' is a digest reference, which cannot be pushed; push repository:tag (tag it first with Add-ImageTag)."), ErrorIds.InvalidImageReference, ErrorCategory.InvalidArgument, target.UserInput));
                    continue;
                }

                // docker push -a refuses a tag; piped images always have one, so only a typed reference is refused.
                if (AllTags.IsPresent && parsed.Tag != null && ParameterSetName == ReferenceSet)
                {
                    WriteError(ErrorMapper.Record(new ArgumentException($"-AllTags pushes every tag of a repository; '{reference}' names one tag."), ErrorIds.AllTagsWithTag, ErrorCategory.InvalidArgument, target.UserInput));
                    continue;
                }

                string repository = parsed.WrittenName;
                string? tag = AllTags.IsPresent ? null : parsed.Tag ?? ImageReference.DefaultTag;
                if (!ShouldProcess(reference, "Push image to " + parsed.Registry))
                {
                    continue;
                }

                RegistryAuth? auth = ResolveAuth(parsed.Registry, Credential);
                if (!RunWithProgress("Pushing " + (tag == null ? repository : repository + ":" + tag), (p, ct) => engine.PushImageAsync(repository, tag, Platform, auth, p, ct), ErrorIds.ImagePushFailed, target.UserInput, out _))
                {
                    continue;
                }

                if (tag == null)
                {
                    WriteRepositoryImages(engine, repository, reference);

                    continue;
                }

                if (TryCall(ct => ImageRowsAsync(engine, repository + ":" + tag, ct), "Image", target.UserInput, out IReadOnlyList<DockerImage> rows))
                {
                    WriteObject(rows, enumerateCollection: true);
                }
            }
        }

        private static bool ApiAtLeast(string version, int major, int minor)
        {
            string[] parts = version.Split('.');
            return parts.Length == 2 && int.TryParse(parts[0], out int a) && int.TryParse(parts[1], out int b) && (a > major || (a == major && b >= minor));
        }
    }
}
