using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Compose;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Commands.Swarm
{
    /// <summary>
    /// Deploys a compose file to a swarm as a stack (docker stack deploy -c): its networks as overlay networks named
    /// &lt;stack&gt;_&lt;network&gt;, and each service as the swarm service &lt;stack&gt;_&lt;service&gt;, all labelled
    /// com.docker.stack.namespace as the docker CLI labels them (services also com.docker.stack.image). A service that
    /// is already there is updated in place. The file is read by the same loader as Start-ComposeProject.
    /// </summary>
    [Cmdlet("Deploy", "SwarmStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SwarmService))]
    public sealed class DeploySwarmStackCommand : SwarmStackCmdlet
    {
        /// <summary>ErrorId: an external network of the file is not on the swarm.</summary>
        internal const string NetworkNotFoundId = ErrorIds.SwarmStackNetworkNotFound;

        /// <summary>The stack name: the prefix of every service and network and the value of com.docker.stack.namespace.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
        public string Name { get; set; } = string.Empty;

        /// <summary>Compose files, merged in order (docker stack deploy -c); without it compose.yaml (or its other names) and its override in the current folder.</summary>
        [Parameter]
        [Alias("f", "ComposeFile")]
        [ValidateNotNullOrEmpty]
        public string[]? File { get; set; }

        protected override void ProcessRecord()
        {
            ComposeProjectConfig config = Load();
            if (!ShouldProcess(Name, "Deploy swarm stack"))
            {
                return;
            }

            IDockerEngine engine = Connect(EndpointFor(Engine));
            string defaultNetwork = Name + "_default";
            var networks = config.Networks.ToDictionary(n => n.Key, StringComparer.Ordinal);
            if (config.Services.Any(s => s.NetworkMode != null) && !networks.ContainsKey("default"))
            {
                networks["default"] = new ComposeNetwork { Key = "default", Name = defaultNetwork };
            }

            var used = new HashSet<string>(config.Services.SelectMany(s => s.NetworkMode != null ? new[] { "default" } : s.Networks), StringComparer.Ordinal);
            foreach (ComposeNetwork n in networks.Values.Where(n => used.Contains(n.Key)))
            {
                EnsureNetwork(engine, n);
            }

            Dictionary<string, SwarmService> existing = StackServices(engine, Name).ToDictionary(s => s.Name, StringComparer.Ordinal);
            foreach (ComposeService s in config.Services)
            {
                if (s.NetworkMode != null)
                {
                    WriteWarning($"Ignoring unsupported options: network_mode (service {s.Name}); it joins {defaultNetwork}.");
                }

                ServiceSettings settings = Settings(s, networks, config.Volumes);
                SwarmService result;
                if (existing.TryGetValue(settings.Name!, out SwarmService? have))
                {
                    WriteVerbose("Updating service " + settings.Name);
                    settings.Mode = null;
                    result = SwarmCall(ct => engine.UpdateServiceAsync(have.Id, settings, false, null, ct), "SwarmService", settings.Name);
                }
                else
                {
                    WriteVerbose("Creating service " + settings.Name);
                    result = SwarmCall(ct => engine.CreateServiceAsync(settings, null, ct), "SwarmService", settings.Name);
                }

                WriteObject(result);
            }
        }

        /// <summary>Reads the files with the stack name as the project name, so networks are &lt;stack&gt;_&lt;key&gt;.</summary>
        private ComposeProjectConfig Load()
        {
            var options = new ComposeLoadOptions
            {
                CurrentDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath,
                ProjectName = Name,
                Files = File ?? Array.Empty<string>(),
            };
            try
            {
                ComposeProjectConfig config = ComposeLoader.Load(options, EngineLoader.Factory.Yaml).Config;
                foreach (string w in config.Warnings)
                {
                    WriteWarning(w);
                }

                return config;
            }
            catch (ComposeFileException e)
            {
                ErrorCategory category = e.ErrorId == ComposeLoader.FileNotFoundId ? ErrorCategory.ObjectNotFound
                    : e.ErrorId == ComposeLoader.NotSupportedId ? ErrorCategory.NotImplemented : ErrorCategory.InvalidData;
                ThrowTerminatingError(ErrorMapper.Record(e, e.ErrorId, category, (object?)e.File ?? e.Key));
                throw; // not reached
            }
        }

        private void EnsureNetwork(IDockerEngine engine, ComposeNetwork n)
        {
            var query = new NetworkListQuery { WithContainers = false };
            query.Filters["name"] = new List<string> { n.Name };
            if (SwarmCall(ct => engine.ListNetworksAsync(query, ct), "Network", n.Name).Any(x => x.Name == n.Name))
            {
                return;
            }

            if (n.External)
            {
                ThrowTerminatingError(ErrorMapper.Record(new ItemNotFoundException($"network \"{n.Name}\" is declared as external, but could not be found."),
                    NetworkNotFoundId, ErrorCategory.ObjectNotFound, n.Name));
            }

            var request = new NetworkCreateRequest { Name = n.Name, Driver = n.Driver ?? "overlay", Internal = n.Internal, Attachable = n.Attachable };
            foreach (KeyValuePair<string, string> kv in n.Labels)
            {
                request.Labels[kv.Key] = kv.Value;
            }

            foreach (KeyValuePair<string, string> kv in n.DriverOpts)
            {
                request.Options[kv.Key] = kv.Value;
            }

            request.Labels[NamespaceLabel] = Name;
            WriteVerbose("Creating network " + n.Name);
            SwarmCall(ct => engine.CreateNetworkAsync(request, ct), "Network", n.Name);
        }

        /// <summary>One compose service as a swarm service, the way docker stack deploy converts it.</summary>
        private ServiceSettings Settings(ComposeService s, Dictionary<string, ComposeNetwork> networks, ComposeVolume[] volumes)
        {
            var settings = new ServiceSettings
            {
                Name = Name + "_" + s.Name,
                Image = s.Image,
                Mode = "replicated",
                Replicas = (ulong)Math.Max(0, s.Replicas),
                Command = s.Entrypoint?.ToList(),
                Args = s.Command?.ToList(),
                Environment = s.Environment.Where(e => e.Value != null).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value).ToList(),
                Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [NamespaceLabel] = Name, [ImageLabel] = s.Image },
                ContainerLabels = new Dictionary<string, string>(s.Labels, StringComparer.Ordinal) { [NamespaceLabel] = Name },
                WorkingDirectory = s.WorkingDirectory,
                User = s.User,
                Hostname = s.Hostname,
                StopSignal = s.StopSignal,
                StopGracePeriod = s.StopGracePeriod,
                ReadOnly = s.ReadOnly ? true : (bool?)null,
                Init = s.Init ? true : (bool?)null,
                Networks = (s.NetworkMode != null ? new[] { "default" } : s.Networks).Select(k => networks[k].Name).ToList(),
                Mounts = s.Volumes.Select(v => new MountSpecItem
                {
                    Type = v.Type,
                    Source = v.Type == "volume" && v.Source != null ? volumes.FirstOrDefault(x => x.Key == v.Source)?.Name ?? v.Source : v.Source,
                    Target = v.Target,
                    ReadOnly = v.ReadOnly,
                }).ToList(),
            };

            if (s.Restart != null)
            {
                settings.RestartCondition = s.Restart == "no" ? "none" : s.Restart.StartsWith("on-failure", StringComparison.Ordinal) ? "on-failure" : "any";
            }

            if (s.HealthCheck != null)
            {
                if (s.HealthCheck.Test.Count > 0 && s.HealthCheck.Test[0] == "NONE")
                {
                    settings.NoHealthCheck = true;
                }
                else
                {
                    settings.HealthCommand = s.HealthCheck.Test.Count > 0 ? s.HealthCheck.Test : null;
                    settings.HealthInterval = s.HealthCheck.Interval;
                    settings.HealthTimeout = s.HealthCheck.Timeout;
                    settings.HealthRetries = s.HealthCheck.Retries;
                    settings.HealthStartPeriod = s.HealthCheck.StartPeriod;
                }
            }

            return settings;
        }
    }
}
