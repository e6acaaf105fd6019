using System;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Restarts a project's containers, stopped ones too (docker compose restart [SERVICE...]), in the order they were
    /// created, so what a service depends on comes back first. The configuration is not re-read: a changed file needs
    /// Start-ComposeProject, as with docker compose.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Restart, "ComposeProject", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerContainer))]
    public sealed class RestartComposeProjectCommand : ProjectCmdlet
    {
        /// <summary>Only these services' containers.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[]? Service { get; set; }

        /// <summary>Seconds to wait for each container to stop before killing it (docker compose restart -t).</summary>
        [Parameter]
        [Alias("t")]
        [ValidateRange(0, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <summary>Output the restarted containers.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string project = ProjectNameOrLoad();
            IDockerEngine engine = ConnectDefault();
            foreach (DockerContainer c in ProjectContainers(engine, project)
                .Where(c => Service == null || Service.Contains(ServiceOf(c), StringComparer.Ordinal))
                .OrderBy(c => c.Created))
            {
                if (!ShouldProcess(c.Name, "Restart container"))
                {
                    continue;
                }

                if (TryCall(ct => engine.RestartContainerAsync(c.Id, Timeout, ct), "Container", c.Name) && PassThru.IsPresent
                    && TryCall(ct => Container.ContainerQueries.ByIdAsync(engine, c.Id, ct), "Container", c.Name, out DockerContainer now))
                {
                    WriteObject(now);
                }
            }
        }
    }
}
