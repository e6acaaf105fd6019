using System.Management.Automation;

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
    }
}
