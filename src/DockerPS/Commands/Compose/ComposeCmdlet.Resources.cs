using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// What bringing services up needs, shared by Start-ComposeProject and Invoke-ComposeService: the project's
    /// networks and volumes, and the wait for a depends_on condition.
    /// </summary>
    public abstract partial class ComposeCmdlet
    {
        /// <summary>A network's or volume's labels and driver options from the file, with the three labels Compose v2 adds (project, key, version).</summary>
        private static void Fill(IDictionary<string, string> labels, IDictionary<string, string> options, Dictionary<string, string> fileLabels,
            Dictionary<string, string> driverOpts, string project, string keyLabel, string key)
        {
            foreach (KeyValuePair<string, string> kv in fileLabels)
            {
                labels[kv.Key] = kv.Value;
            }

            foreach (KeyValuePair<string, string> kv in driverOpts)
            {
                options[kv.Key] = kv.Value;
            }

            labels[ProjectLabel] = project;
            labels[keyLabel] = key;
            labels[VersionLabel] = ComposeVersion;
        }

        /// <summary>Creates the project network <paramref name="n"/> unless it exists; an absent external one ends the command.</summary>
        private protected void EnsureNetwork(IDockerEngine engine, string project, ComposeNetwork n)
        {
            var query = new NetworkListQuery { WithContainers = false };
            query.Filters["name"] = new List<string> { n.Name };
            if (Call(ct => engine.ListNetworksAsync(query, ct), "Network", n.Name).Any(x => x.Name == n.Name))
            {
                return;
            }

            if (n.External)
            {
                ThrowTerminatingError(ErrorMapper.Record(new ArgumentException($"network {n.Name} declared as external, but could not be found."),
                    StartComposeProjectCommand.NetworkNotFoundId, ErrorCategory.ObjectNotFound, n.Name));
            }

            var request = new NetworkCreateRequest { Name = n.Name, Driver = n.Driver, Internal = n.Internal, Attachable = n.Attachable };
            Fill(request.Labels, request.Options, n.Labels, n.DriverOpts, project, NetworkLabel, n.Key);
            WriteVerbose("Creating network " + n.Name);
            Call(ct => engine.CreateNetworkAsync(request, ct), "Network", n.Name);
        }

        /// <summary>Creates the project volume <paramref name="v"/> unless it exists; an absent external one ends the command.</summary>
        private protected void EnsureVolume(IDockerEngine engine, string project, ComposeVolume v)
        {
            var query = new VolumeListQuery { WithUsage = false };
            query.Filters["name"] = new List<string> { v.Name };
            if (Call(ct => engine.ListVolumesAsync(query, ct), "Volume", v.Name).Any(x => x.Name == v.Name))
            {
                return;
            }

            if (v.External)
            {
                ThrowTerminatingError(ErrorMapper.Record(new ArgumentException($"external volume \"{v.Name}\" not found."),
                    StartComposeProjectCommand.VolumeNotFoundId, ErrorCategory.ObjectNotFound, v.Name));
            }

            var request = new VolumeCreateRequest { Name = v.Name, Driver = v.Driver };
            Fill(request.Labels, request.Options, v.Labels, v.DriverOpts, project, VolumeLabel, v.Key);
            WriteVerbose("Creating volume " + v.Name);
            Call(ct => engine.CreateVolumeAsync(request, ct), "Volume", v.Name);
        }

        /// <summary>Waits until <paramref name="d"/>'s condition holds for every container of the dependency.</summary>
        private protected void WaitFor(IDockerEngine engine, ComposeService s, ComposeDependency d, List<string> ids, int waitTimeout)
        {
            if (d.Condition == "service_started")
            {
                return;
            }

            WriteVerbose($"Waiting for {d.Service} ({d.Condition}) before {s.Name}");
            DateTime deadline = DateTime.UtcNow.AddSeconds(waitTimeout);
            foreach (string id in ids)
            {
                string? failure = Await(async ct =>
                {
                    while (true)
                    {
                        DockerContainerDetail c = await engine.InspectContainerAsync(id, ct).ConfigureAwait(false);
                        if (d.Condition == "service_completed_successfully")
                        {
                            if (!c.Running && !c.Restarting && c.State != "created")
                            {
                                return c.ExitCode == 0 ? null : $"service \"{d.Service}\" didn't complete successfully: exit {c.ExitCode}";
                            }
                        }
                        else if (c.Health == null || c.Health == "none")
                        {
                            return $"container {c.Name} (service \"{d.Service}\") has no healthcheck configured";
                        }
                        else if (c.Health == "healthy")
                        {
                            return null;
                        }
                        else if (c.Health == "unhealthy")
                        {
                            return $"dependency failed to start: container {c.Name} is unhealthy";
                        }
                        else if (!c.Running)
                        {
                            return $"dependency failed to start: container {c.Name} exited ({c.ExitCode})";
                        }

                        if (DateTime.UtcNow > deadline)
                        {
                            return $"timed out after {waitTimeout}s waiting for {d.Service} ({d.Condition})";
                        }

                        await Task.Delay(250, ct).ConfigureAwait(false);
                    }
                });

                if (failure != null)
                {
                    if (!d.Required)
                    {
                        WriteWarning(failure + "; it is not required, so " + s.Name + " starts anyway.");
                        continue;
                    }

                    ThrowTerminatingError(ErrorMapper.Record(new InvalidOperationException(failure), DependencyFailedId, ErrorCategory.OperationStopped, d.Service));
                }
            }
        }
    }
}
