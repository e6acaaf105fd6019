using System.Management.Automation;
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

        protected override void ProcessRecord() =>
            ChangeEach("paused", "Unpause container", Service, PassThru.IsPresent, (engine, id, ct) => engine.UnpauseContainerAsync(id, ct));
    }
}
