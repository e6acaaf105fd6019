using System.Collections;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Volume
{
    /// <summary>Creates a volume (docker volume create).</summary>
    [Cmdlet(VerbsCommon.New, "ContainerVolume", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DockerVolume))]
    public sealed class NewContainerVolumeCommand : DockerCmdlet
    {
        /// <summary>The volume name; without it the engine generates one.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The volume driver (local by default).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Driver { get; set; }

        /// <summary>Driver options: @{ type = 'tmpfs'; device = 'tmpfs'; o = 'size=100m' }.</summary>
        [Parameter]
        [KeyValueTransformation(What = "driver option")]
        public Hashtable? Option { get; set; }

        /// <summary>Labels: @{ key = 'value' }.</summary>
        [Parameter]
        [KeyValueTransformation(Bare = BareKey.Empty, What = "label")]
        public Hashtable? Label { get; set; }

        protected override void ProcessRecord()
        {
            var request = new VolumeCreateRequest { Name = Name, Driver = Driver };
            try
            {
                Hashtables.CopyInto(Label, request.Labels, "-Label");
                Hashtables.CopyInto(Option, request.Options, "-Option");
            }
            catch (System.ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidVolumeSettings, ErrorCategory.InvalidArgument, Name));
            }

            if (!ShouldProcess(Name ?? "(generated name)", "Create volume"))
            {
                return;
            }

            IDockerEngine engine = ConnectDefault();
            if (TryCall(ct => engine.CreateVolumeAsync(request, ct), "Volume", Name, out DockerVolume volume))
            {
                WriteObject(volume);
            }
        }
    }
}
