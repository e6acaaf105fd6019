using System;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>Stops a project's running containers (docker compose stop), dependants before what they depend on.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "ComposeProject", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerContainer))]
    public sealed class StopComposeProjectCommand : ProjectCmdlet
    {
        /// <summary>Seconds to wait for each container to stop before killing it (docker compose stop -t).</summary>
        [Parameter]
        [Alias("t")]
        [ValidateRange(0, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <summary>Output the stopped containers.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string project = ProjectNameOrLoad();
            IDockerEngine engine = ConnectDefault();
            // Started last, stopped first: dependants go before their dependencies.
            foreach (DockerContainer c in ProjectContainers(engine, project, all: false).OrderByDescending(c => c.Created))
            {
                if (!ShouldProcess(c.Name, "Stop container"))
                {
                    continue;
                }

                if (TryCall(ct => engine.StopContainerAsync(c.Id, Timeout, null, ct), "Container", c.Name) && PassThru.IsPresent
                    && TryCall(ct => Container.ContainerQueries.ByIdAsync(engine, c.Id, ct), "Container", c.Name, out DockerContainer now))
                {
                    WriteObject(now);
                }
            }
        }
    }
}
