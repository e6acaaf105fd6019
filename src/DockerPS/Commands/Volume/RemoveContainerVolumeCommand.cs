using System;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Volume
{
    /// <summary>Removes volumes (docker volume rm).</summary>
    [Cmdlet(VerbsCommon.Remove, "ContainerVolume", DefaultParameterSetName = NameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveContainerVolumeCommand : DockerCmdlet
    {
        private const string NameSet = "Name";
        private const string InputObjectSet = "InputObject";

        /// <summary>Volume names.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VolumeNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Volumes from Get-ContainerVolume or New-ContainerVolume.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DockerVolume[] InputObject { get; set; } = Array.Empty<DockerVolume>();

        /// <summary>Remove the volume even when the engine would refuse (e.g. a volume driver that cannot be reached).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many volumes are removed at the same time (1 removes them one after another).</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = DefaultChangesInFlight;

        private protected override int ChangesInFlight => ThrottleLimit;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                foreach (DockerVolume v in InputObject)
                {
                    Remove(v.Name, v, v.Engine);
                }

                return;
            }

            foreach (string name in Name)
            {
                Remove(name, name, null);
            }
        }

        private void Remove(string name, object userInput, string? objectEngine)
        {
            if (!ShouldProcess(name, "Remove volume"))
            {
                return;
            }

            IDockerEngine engine = Connect(EndpointFor(objectEngine));
            QueueChange(ct => engine.RemoveVolumeAsync(name, Force.IsPresent, ct), "Volume", userInput, mapError: e => VolumeError(e, userInput));
        }

        private static ErrorRecord VolumeError(Exception e, object userInput) =>
            ErrorMapper.ToErrorRecord(e, "Volume", userInput);
    }
}
