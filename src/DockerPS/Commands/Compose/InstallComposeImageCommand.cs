using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Compose;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Pulls the images of a project's services (docker compose pull [SERVICE...]) with Install-Image's progress and
    /// credentials, each image once. A service with pull_policy: never is left alone. A failed pull is one
    /// non-terminating error and the next image goes on (docker compose pull --ignore-pull-failures is the default
    /// behaviour of -ErrorAction Continue).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Install, "ComposeImage", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class InstallComposeImageCommand : ComposeCmdlet
    {
        /// <summary>Only these services' images.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Service { get; set; }

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
                if (s.Build != null)
                {
                    WriteVerbose($"Service {s.Name} is built (build:); not pulling {s.Image}. Build-ComposeImage builds it.");
                    continue;
                }

                if (s.PullPolicy == "never")
                {
                    WriteVerbose($"Service {s.Name} has pull_policy: never; not pulling {s.Image}.");
                    continue;
                }

                if (!done.Add(s.Image) || !ShouldProcess(s.Image, "Pull image of service " + s.Name))
                {
                    continue;
                }

                engine ??= ConnectDefault();
                if (PullImage(engine, s.Image, null)
                    && TryCall(ct => engine.InspectImageAsync(s.Image, ct), "Image", s.Image, out DockerImageDetail pulled)
                    && TryCall(ct => engine.ListImagesAsync(new ImageListQuery { All = true }, ct), "Image", s.Image, out IReadOnlyList<DockerImage> all))
                {
                    // The Get-Image row of the service's reference (the image's other tags are not what was asked for).
                    List<DockerImage> rows = all.Where(i => i.Id == pulled.Id).ToList();
                    List<DockerImage> exact = rows.Where(i => i.Reference == s.Image || i.Reference == s.Image + ":latest").ToList();
                    WriteObject(exact.Count > 0 ? exact : rows, enumerateCollection: true);
                }
            }
        }
    }
}
