using System;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Resumes the processes of a project's paused containers (docker compose unpause [SERVICE...]) with the engine call
    /// Resume-Container makes. Containers that are not paused are left as they are.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "ComposeProject", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerContainer))]
    public sealed class ResumeComposeProjectCommand : ProjectCmdlet
    {
        /// <summary>Only these services' containers.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[]? Service { get; set; }

        /// <summary>Output the resumed containers.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string project = ProjectNameOrLoad();
            IDockerEngine engine = ConnectDefault();
            // Every state is listed: Podman leaves paused containers out of the list of running ones.
            foreach (DockerContainer c in ProjectContainers(engine, project)
                .Where(c => c.State == "paused" && (Service == null || Service.Contains(ServiceOf(c), StringComparer.Ordinal)))
                .OrderBy(ServiceOf, StringComparer.Ordinal).ThenBy(NumberOf))
            {
                if (!ShouldProcess(c.Name, "Unpause container"))
                {
                    continue;
                }

                if (TryCall(ct => engine.UnpauseContainerAsync(c.Id, ct), "Container", c.Name) && PassThru.IsPresent
                    && TryCall(ct => Container.ContainerQueries.ByIdAsync(engine, c.Id, ct), "Container", c.Name, out DockerContainer now))
                {
                    WriteObject(now);
                }
            }
        }
    }
}
