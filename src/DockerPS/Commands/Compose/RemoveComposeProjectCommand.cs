using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Compose;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Takes a project down (docker compose down): stops and removes its containers, then its networks; its named
    /// volumes with -Volumes. Works on projects started by docker compose (v1 or v2) too, by their labels.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ComposeProject", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class RemoveComposeProjectCommand : ProjectCmdlet
    {
        /// <summary>Also remove the project's named volumes (docker compose down -v).</summary>
        [Parameter]
        [Alias("v")]
        public SwitchParameter Volumes { get; set; }

        /// <summary>Also remove containers of services the files no longer define (docker compose down --remove-orphans).</summary>
        [Parameter]
        public SwitchParameter RemoveOrphans { get; set; }

        /// <summary>Seconds to wait for each container to stop before killing it (docker compose down -t).</summary>
        [Parameter]
        [Alias("t")]
        [ValidateRange(0, int.MaxValue)]
        public int? Timeout { get; set; }

        protected override void ProcessRecord()
        {
            // With a name alone every container of the project goes; with files, orphans only on -RemoveOrphans.
            HashSet<string>? services = null;
            string project;
            if (ProjectName != null)
            {
                project = ProjectName;
            }
            else
            {
                ComposeProject model = LoadProject();
                project = model.Config.Name;
                services = new HashSet<string>(model.Config.Services.Select(s => s.Name), StringComparer.Ordinal);
            }

            if (!ShouldProcess(project, "Remove compose project" + (Volumes.IsPresent ? " with its volumes" : string.Empty)))
            {
                return;
            }

            IDockerEngine engine = ConnectDefault();
            // One-off containers of Invoke-ComposeService go too, as docker compose down takes them.
            foreach (DockerContainer c in ProjectContainers(engine, project, oneoff: true).OrderByDescending(c => c.Created))
            {
                if (services != null && !services.Contains(ServiceOf(c)) && !RemoveOrphans.IsPresent)
                {
                    WriteWarning($"Found orphan container ({c.Name}) for this project; remove it with -RemoveOrphans.");
                    continue;
                }

                WriteVerbose("Removing container " + c.Name);
                if (c.State == "running" || c.State == "restarting" || c.State == "paused")
                {
                    TryCall(ct => engine.StopContainerAsync(c.Id, Timeout, null, ct), "Container", c.Name);
                }

                TryCall(ct => engine.RemoveContainerAsync(c.Id, force: true, volumes: false, ct), "Container", c.Name);
            }

            var networkQuery = new NetworkListQuery { WithContainers = false };
            networkQuery.Filters["label"] = new List<string> { ProjectLabel + "=" + project };
            foreach (DockerNetwork n in Call(ct => engine.ListNetworksAsync(networkQuery, ct), "Network", project))
            {
                WriteVerbose("Removing network " + n.Name);
                TryCall(ct => engine.RemoveNetworkAsync(n.Id, ct), "Network", n.Name);
            }

            if (Volumes.IsPresent)
            {
                var volumeQuery = new VolumeListQuery { WithUsage = false };
                volumeQuery.Filters["label"] = new List<string> { ProjectLabel + "=" + project };
                foreach (DockerVolume v in Call(ct => engine.ListVolumesAsync(volumeQuery, ct), "Volume", project))
                {
                    WriteVerbose("Removing volume " + v.Name);
                    TryCall(ct => engine.RemoveVolumeAsync(v.Name, false, ct), "Volume", v.Name);
                }
            }
        }
    }
}
