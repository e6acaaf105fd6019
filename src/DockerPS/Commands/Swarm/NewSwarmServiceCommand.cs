using System;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Creates a swarm service (docker service create). It returns at once; Wait-SwarmService waits until it runs.</summary>
    [Cmdlet(VerbsCommon.New, "SwarmService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SwarmService))]
    public sealed class NewSwarmServiceCommand : ServiceSettingsCmdlet
    {
        /// <summary>The image the tasks run. Every node needs it, or must be able to pull it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Reference")]
        [ArgumentCompleter(typeof(ImageReferenceCompleter))]
        [ValidateNotNullOrEmpty]
        public string Image { get; set; } = string.Empty;

        /// <summary>The command and its arguments; everything after the image on the command line.</summary>
        [Parameter(Position = 1, ValueFromRemainingArguments = true)]
        [Alias("Cmd")]
        public string[]? Command { get; set; }

        /// <summary>The service's name; the engine makes one up without it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>replicated (the default), global (one task per node), replicated-job or global-job (run to completion).</summary>
        [Parameter]
        [ValidateSet("replicated", "global", "replicated-job", "global-job", IgnoreCase = true)]
        public string Mode { get; set; } = "replicated";

        /// <summary>For replicated jobs: how many tasks run at the same time.</summary>
        [Parameter]
        public ulong? MaxConcurrent { get; set; }

        protected override void ProcessRecord()
        {
            ServiceSettings settings = new ServiceSettings();
            try
            {
                settings = BuildSettings();
            }
            catch (ArgumentException e)
            {
                ThrowBadSettings(e, Name ?? Image);
            }

            settings.Name = Name;
            settings.Image = Image;
            settings.Mode = Mode.ToLowerInvariant();
            settings.MaxConcurrent = MaxConcurrent;
            settings.Command = Command != null && Command.Length > 0 ? Command.ToList() : null;
            if (settings.Mode.EndsWith("job", StringComparison.Ordinal) && settings.RestartCondition == null)
            {
                settings.RestartCondition = "on-failure"; // the engine refuses a job whose tasks restart on success (the default "any")
            }

            IDockerEngine engine = ConnectDefault();
            if (!ShouldProcess(Name ?? Image, "Create swarm service"))
            {
                return;
            }

            RegistryAuth? auth = ServiceRegistryAuth(Image);
            if (TrySwarmCall(ct => engine.CreateServiceAsync(settings, auth, ct), "SwarmService", Name ?? Image, out SwarmService service))
            {
                WriteObject(service);
            }
        }
    }
}
