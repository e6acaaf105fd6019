using System;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Changes services (docker service update, docker service scale): only the settings given change; -Force redeploys.</summary>
    [Cmdlet(VerbsData.Update, "SwarmService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SwarmService))]
    public sealed class UpdateSwarmServiceCommand : ServiceSettingsCmdlet
    {
        /// <summary>Service names or ids; piped SwarmService objects bind by their Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SwarmServiceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>A new image: the tasks are replaced, a batch at a time, as -UpdateConfig says.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DockerPS.Completers.ImageReferenceCompleter))]
        public string? Image { get; set; }

        /// <summary>A new command (replaces the image's entrypoint for the tasks).</summary>
        [Parameter]
        [Alias("Cmd")]
        public string[]? Command { get; set; }

        /// <summary>New arguments to the command.</summary>
        [Parameter]
        public string[]? Args { get; set; }

        /// <summary>Replace the tasks even when nothing changed.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write each service after its update.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            ServiceSettings change = new ServiceSettings();
            try
            {
                change = BuildSettings();
            }
            catch (ArgumentException e)
            {
                ThrowBadSettings(e, Name.FirstOrDefault());
            }

            change.Image = Image;
            change.Command = Command?.ToList();
            change.Args = Args?.ToList();
            IDockerEngine engine = Connect(EndpointFor(Engine));
            foreach (string name in Name)
            {
                string action = Replicas.HasValue ? $"Update swarm service ({Replicas} replicas)" : "Update swarm service";
                if (!ShouldProcess(name, action))
                {
                    continue;
                }

                RegistryAuth? auth = null;
                if (WithRegistryAuth.IsPresent || Credential != null)
                {
                    // Without -Image the tasks keep the service's image: its registry is the one to send credentials for.
                    string? image = Image;
                    if (image == null)
                    {
                        if (!TrySwarmCall(ct => engine.InspectServiceAsync(name, ct), "SwarmService", name, out SwarmService current))
                        {
                            continue;
                        }

                        image = current.Image;
                    }

                    auth = ServiceRegistryAuth(image);
                }

                if (TrySwarmCall(ct => engine.UpdateServiceAsync(name, change, Force.IsPresent, auth, ct), "SwarmService", name, out SwarmService updated) && PassThru.IsPresent)
                {
                    WriteObject(updated);
                }
            }
        }
    }
}
