using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Compose;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Registry;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Pushes the images of a project's services to their registries (docker compose push [SERVICE...]) with
    /// Publish-Image's push: per-layer progress, and -Credential, the session login or the docker config for the
    /// credentials. Each image is pushed once, however many services use it. A failed push is one non-terminating
    /// error and the next image goes on (docker compose push --ignore-push-failures).
    /// </summary>
    [Cmdlet(VerbsData.Publish, "ComposeImage", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class PublishComposeImageCommand : ComposeCmdlet
    {
        /// <summary>Only these services' images.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Service { get; set; }

        /// <summary>Registry credentials for every push; without it the session's Connect-DockerRegistry login or the docker config file is used.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        private protected override string? GivenProjectName => null;

        protected override void EndProcessing()
        {
            ComposeProjectConfig config = LoadProject().Config;
            if (Service != null)
            {
                foreach (string name in Service.Where(n => !config.Services.Any(s => s.Name == n)))
                {
                    ThrowTerminatingError(ErrorMapper.Record(new ArgumentException($"no such service: {name}"), StartComposeProjectCommand.ServiceNotFoundId, ErrorCategory.ObjectNotFound, name));
                }
            }

            var done = new HashSet<string>(StringComparer.Ordinal);
            IDockerEngine? engine = null;
            foreach (ComposeService s in config.Services.Where(s => Service == null || Service.Contains(s.Name, StringComparer.Ordinal)))
            {
                Images.ImageReference? parsed = ReadImageReference(s.Image);
                if (parsed == null)
                {
                    continue;
                }

                if (parsed.IsDigest)
                {
                    // As compose: an image pinned by digest is already in its registry; there is no tag to push.
                    WriteVerbose($"Service {s.Name} names its image by digest ({s.Image}); not pushing it.");
                    continue;
                }

                string repository = parsed.WrittenName;
                string tag = parsed.Tag ?? "latest";
                string reference = repository + ":" + tag;
                if (!done.Add(reference) || !ShouldProcess(reference, "Push image of service " + s.Name + " to " + parsed.Registry))
                {
                    continue;
                }

                engine ??= ConnectDefault();
                RegistryAuth? auth = ResolveAuth(parsed.Registry, Credential);
                IDockerEngine e = engine;
                if (RunWithProgress("Pushing " + reference, (p, ct) => e.PushImageAsync(repository, tag, null, auth, p, ct), ErrorIds.ImagePushFailed, s.Image, out _)
                    && TryCall(ct => e.InspectImageAsync(reference, ct), "Image", s.Image, out DockerImageDetail pushed)
                    && TryCall(ct => e.ListImagesAsync(new ImageListQuery { All = true }, ct), "Image", s.Image, out IReadOnlyList<DockerImage> all))
                {
                    // The Get-Image row of the pushed reference, as Publish-Image writes it.
                    List<DockerImage> rows = all.Where(i => i.Id == pushed.Id).ToList();
                    List<DockerImage> exact = rows.Where(i => i.Reference == reference).ToList();
                    WriteObject(exact.Count > 0 ? exact : rows, enumerateCollection: true);
                }
            }
        }
    }
}
