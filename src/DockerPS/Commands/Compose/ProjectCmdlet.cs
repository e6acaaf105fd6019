using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Base of the Compose cmdlets that act on a project on an engine: the project by name (position 0, or piped from
    /// Get-ComposeProject), else the project the compose files in the current folder describe.
    /// </summary>
    public abstract class ProjectCmdlet : ComposeCmdlet
    {
        /// <summary>The project name (docker compose -p); without it the compose files name the project.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("p", "Project")]
        [ValidatePattern("^[a-z0-9][a-z0-9_-]*$")]
        public string? ProjectName { get; set; }

        private protected override string? GivenProjectName => ProjectName;

        /// <summary>
        /// pause/unpause of a project: <paramref name="change"/> on each container in <paramref name="state"/> (of
        /// <paramref name="services"/>, or all), in service and number order, one error per failed container; with
        /// <paramref name="passThru"/> each changed container as it is now. Every state is listed: Podman leaves paused
        /// containers out of the list of running ones.
        /// </summary>
        private protected void ChangeEach(string state, string action, string[]? services, bool passThru, Func<IDockerEngine, string, CancellationToken, Task> change)
        {
            string project = ProjectNameOrLoad();
            IDockerEngine engine = ConnectDefault();
            foreach (DockerContainer c in ProjectContainers(engine, project)
                .Where(c => c.State == state && (services == null || services.Contains(ServiceOf(c), StringComparer.Ordinal)))
                .OrderBy(ServiceOf, StringComparer.Ordinal).ThenBy(NumberOf))
            {
                if (!ShouldProcess(c.Name, action))
                {
                    continue;
                }

                if (TryCall(ct => change(engine, c.Id, ct), "Container", c.Name) && passThru
                    && TryCall(ct => Container.ContainerQueries.ByIdAsync(engine, c.Id, ct), "Container", c.Name, out DockerContainer now))
                {
                    WriteObject(now);
                }
            }
        }
    }
}
