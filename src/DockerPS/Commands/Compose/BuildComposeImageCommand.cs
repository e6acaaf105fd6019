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
    /// Builds the images of a project's services that have build: (docker compose build [SERVICE...]), with Build-Image's
    /// builder choice, progress and errors. Each image is named after the service's image:, else &lt;project&gt;-&lt;service&gt;
    /// as Compose v2 names it. A failed build is one non-terminating error and the next service goes on.
    /// </summary>
    // "Build" is an approved verb from PowerShell 6 on; PowerShell Standard 5.1 has no VerbsLifecycle.Build constant.
    [Cmdlet("Build", "ComposeImage", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class BuildComposeImageCommand : ComposeCmdlet
    {
        /// <summary>Only these services' images.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Service { get; set; }

        /// <summary>The project name (docker compose -p): it names the images of services without image:.</summary>
        [Parameter]
        [Alias("p")]
        [ValidatePattern("^[a-z0-9][a-z0-9_-]*$")]
        public string? ProjectName { get; set; }

        /// <summary>Do not use the build cache (docker compose build --no-cache).</summary>
        [Parameter]
        public SwitchParameter NoCache { get; set; }

        /// <summary>Always pull newer versions of the FROM images (docker compose build --pull).</summary>
        [Parameter]
        public SwitchParameter Pull { get; set; }

        /// <summary>Write the built images.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override string? GivenProjectName => ProjectName;

        protected override void EndProcessing()
        {
            ComposeProjectConfig config = LoadProject().Config;
            foreach (string name in (Service ?? Array.Empty<string>()).Where(n => !config.Services.Any(s => s.Name == n)))
            {
                ThrowTerminatingError(ErrorMapper.Record(new ArgumentException($"no such service: {name}"), StartComposeProjectCommand.ServiceNotFoundId, ErrorCategory.ObjectNotFound, name));
            }

            IDockerEngine? engine = null;
            foreach (ComposeService s in config.Services.Where(s => Service == null || Service.Contains(s.Name, StringComparer.Ordinal)))
            {
                if (s.Build == null)
                {
                    WriteVerbose($"Service {s.Name} has no build: section; it uses the image {s.Image}.");
                    continue;
                }

                if (!ShouldProcess(s.Image, "Build image of service " + s.Name))
                {
                    continue;
                }

                engine ??= ConnectDefault();
                IReadOnlyList<PSObject>? built = BuildServiceImage(engine, s, NoCache.IsPresent, Pull.IsPresent);
                if (built != null && PassThru.IsPresent)
                {
                    WriteObject(built, enumerateCollection: true);
                }
            }
        }
    }
}
