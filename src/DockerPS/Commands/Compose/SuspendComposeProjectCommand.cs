using System;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Pauses the processes of a project's running containers (docker compose pause [SERVICE...]) with the engine call
    /// Suspend-Container makes. Containers that are stopped or already paused are left as they are.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Suspend, "ComposeProject", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerContainer))]
    public sealed class SuspendComposeProjectCommand : ProjectCmdlet
    {
        /// <summary>Only these services' containers.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[]? Service { get; set; }

        /// <summary>Output the paused containers.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string project = ProjectNameOrLoad();
            IDockerEngine engine = ConnectDefault();
            foreach (DockerContainer c in ProjectContainers(engine, project, all: false)
                .Where(c => c.State == "running" && (Service == null || Service.Contains(ServiceOf(c), StringComparer.Ordinal)))
                .OrderBy(ServiceOf, StringComparer.Ordinal).ThenBy(NumberOf))
            {
                if (!ShouldProcess(c.Name, "Pause container"))
                {
                    continue;
                }

                if (TryCall(ct => engine.PauseContainerAsync(c.Id, ct), "Container", c.Name) && PassThru.IsPresent
                    && TryCall(ct => Container.ContainerQueries.ByIdAsync(engine, c.Id, ct), "Container", c.Name, out DockerContainer now))
                {
                    WriteObject(now);
                }
            }
        }
    }
}
