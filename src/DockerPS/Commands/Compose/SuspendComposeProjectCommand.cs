using System.Management.Automation;
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

        protected override void ProcessRecord() =>
            ChangeEach("running", "Pause container", Service, PassThru.IsPresent, (engine, id, ct) => engine.PauseContainerAsync(id, ct));
    }
}
