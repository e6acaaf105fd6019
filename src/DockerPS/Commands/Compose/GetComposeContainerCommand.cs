using System;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Lists a project's containers (docker compose ps) as DockerContainer objects, so they pipe into Stop-Container,
    /// Get-ContainerLog and the other container cmdlets.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ComposeContainer")]
    [OutputType(typeof(DockerContainer))]
    public sealed class GetComposeContainerCommand : ProjectCmdlet
    {
        /// <summary>Only these services' containers.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[]? Service { get; set; }

        /// <summary>Stopped containers too (docker compose ps -a).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            string project = ProjectNameOrLoad();
            IDockerEngine engine = ConnectDefault();
            foreach (DockerContainer c in ProjectContainers(engine, project, All.IsPresent)
                .Where(c => Service == null || Service.Contains(ServiceOf(c), StringComparer.Ordinal))
                .OrderBy(ServiceOf, StringComparer.Ordinal).ThenBy(NumberOf))
            {
                WriteObject(c);
            }
        }
    }
}
