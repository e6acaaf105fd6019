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

        /// <summary>Remove the stack's services that the file no longer defines (docker stack deploy --prune).</summary>
        [Parameter]
        public SwitchParameter Prune { get; set; }

        protected override void ProcessRecord()
        {
            ComposeProject project = Load();
            ComposeProjectConfig config = project.Config;
            if (!ShouldProcess(Name, "Deploy swarm stack"))
            {
                return;
            }

            IDockerEngine engine = Connect(EndpointFor(Engine));
            EnsureFileObjects(engine, config, project.Lookup);
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
                ApplyStackSettings(settings, s, config, networks);
                SwarmService result;
                if (existing.TryGetValue(settings.Name!, out SwarmService? have))
                {
                    WriteVerbose("Updating service " + settings.Name);
                    settings.Mode = null;
                    settings.Replicas = s.Deploy.Mode == "global" ? null : settings.Replicas;
                    result = SwarmCall(ct => engine.UpdateServiceAsync(have.Id, settings, false, null, ct), "SwarmService", settings.Name);
                }
                else
                {
                    WriteVerbose("Creating service " + settings.Name);
                    result = SwarmCall(ct => engine.CreateServiceAsync(settings, null, ct), "SwarmService", settings.Name);
                }

                WriteObject(result);
            }

            if (Prune.IsPresent)
            {
                PruneServices(engine, existing.Values, config);
            }
        }

        /// <summary>Reads the files with the stack name as the project name, so networks are &lt;stack&gt;_&lt;key&gt;.</summary>
        private ComposeProject Load()
        {
            var options = new ComposeLoadOptions
            {
                CurrentDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath,
                ProjectName = Name,
                Files = File ?? Array.Empty<string>(),
                ForStack = true,
            };
            try
            {
                ComposeProject project = ComposeLoader.Load(options, EngineLoader.Factory.Yaml);
                foreach (string w in project.Config.Warnings)
                {
                    WriteWarning(w);
                }

                return project;
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

        /// <summary>
        /// Creates the file's secrets and configs that are not on the swarm yet, as &lt;stack&gt;_&lt;key&gt; (or name:)
        /// labelled com.docker.stack.namespace, as docker stack deploy does; external ones must exist already (the
        /// service create names them when not). The bytes come from the file, the variable or content: and are
        /// cleared after the request.
        /// </summary>
        private void EnsureFileObjects(IDockerEngine engine, ComposeProjectConfig config, Func<string, string?> lookup)
        {
            List<ComposeFileObject> wanted = config.Secrets.Concat(config.Configs).Where(o => !o.External).ToList();
            if (wanted.Count == 0)
            {
                return;
            }

            var secretNames = new HashSet<string>(config.Secrets.Any(o => !o.External)
                ? SwarmCall(ct => engine.ListSecretsAsync(ct), "SwarmSecret", Name).Select(x => x.Name) : Enumerable.Empty<string>(), StringComparer.Ordinal);
            var configNames = new HashSet<string>(config.Configs.Any(o => !o.External)
                ? SwarmCall(ct => engine.ListConfigsAsync(ct), "SwarmConfig", Name).Select(x => x.Name) : Enumerable.Empty<string>(), StringComparer.Ordinal);
            foreach (ComposeFileObject o in wanted)
            {
                bool secret = o.Kind == "secret";
                if ((secret ? secretNames : configNames).Contains(o.Name))
                {
                    WriteVerbose($"The {o.Kind} {o.Name} is already on the swarm; keeping it.");
                    continue;
                }

                var labels = new Dictionary<string, string>(o.Labels, StringComparer.Ordinal) { [NamespaceLabel] = Name };
                byte[] data = ReadFileObject(o, lookup);
                try
                {
                    WriteVerbose($"Creating {o.Kind} {o.Name}");
                    if (secret)
                    {
                        SwarmCall(ct => engine.CreateSecretAsync(o.Name, labels, data, ct), "SwarmSecret", o.Name);
                    }
                    else
                    {
                        SwarmCall(ct => engine.CreateConfigAsync(o.Name, labels, data, ct), "SwarmConfig", o.Name);
                    }
                }
                finally
                {
                    Array.Clear(data, 0, data.Length);
                }
            }
        }

        /// <summary>The bytes of a secret or config, read as New-SwarmSecret and New-SwarmConfig read them; unreadable input ends the deploy.</summary>
        private byte[] ReadFileObject(ComposeFileObject o, Func<string, string?> lookup)
        {
            try
            {
                if (o.File != null)
                {
                    return SwarmData.FromFile(o.File);
                }

                if (o.Environment != null)
                {
                    string? value = lookup(o.Environment);
                    if (value == null)
                    {
                        ThrowTerminatingError(ErrorMapper.Record(new ArgumentException($"environment variable \"{o.Environment}\" required by {o.Kind} \"{o.Key}\" is not set."),
                            ComposeLoader.VariableMissingId, ErrorCategory.InvalidArgument, o.Environment));
                    }

                    return SwarmData.FromText(value!);
                }

                return SwarmData.FromText(o.Content ?? string.Empty);
            }
            catch (Exception e) when (e is ArgumentException || e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, SwarmErrorIds.InvalidSettings, ErrorCategory.InvalidArgument, (object?)o.File ?? o.Key));
                throw; // not reached
            }
        }

        /// <summary>
        /// What docker stack deploy converts beyond the basics: secrets and configs (target defaults to the key, uid and
        /// gid 0, mode 0444), ports sorted by published port, the deploy: keys, and the short service name as an
        /// alias on each of the service's networks (after the aliases the file gives).
        /// </summary>
        private static void ApplyStackSettings(ServiceSettings settings, ComposeService s, ComposeProjectConfig config, Dictionary<string, ComposeNetwork> networks)
        {
            // Sorted by name, as the docker CLI sorts them.
            settings.Secrets = s.Secrets.Select(r => Reference(r, config.Secrets)).OrderBy(r => r.Source, StringComparer.Ordinal).ToList();
            settings.Configs = s.Configs.Select(r => Reference(r, config.Configs)).OrderBy(r => r.Source, StringComparer.Ordinal).ToList();
            settings.Ports = s.PortConfigs.OrderBy(p => p.Published ?? 0).Select(p => new ServicePortSpec
            {
                Target = (uint)p.Target,
                Published = p.Published.HasValue ? (uint)p.Published.Value : (uint?)null,
                Protocol = p.Protocol,
                Mode = p.Mode,
            }).ToList();

            settings.NetworkAliases = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
            foreach (string key in s.NetworkMode != null ? new[] { "default" } : s.Networks)
            {
                // The file's aliases first, then the short name, in the docker CLI's order.
                var aliases = s.NetworkAliases.TryGetValue(key, out string[]? given) ? given.ToList() : new List<string>();
                aliases.Add(s.Name);

                settings.NetworkAliases[networks[key].Name] = aliases;
            }

            ComposeDeploy d = s.Deploy;
            if (d.Mode == "global")
            {
                settings.Mode = "global";
                settings.Replicas = null;
            }

            foreach (KeyValuePair<string, string> l in d.Labels)
            {
                settings.Labels![l.Key] = l.Value;
            }

            settings.Labels![NamespaceLabel] = config.Name;
            settings.EndpointMode = d.EndpointMode;
            settings.CpuLimitNano = d.CpuLimit.HasValue ? SizeSpec.CpusToNano(d.CpuLimit.Value) : (long?)null;
            settings.MemoryLimit = d.MemoryLimit;
            settings.CpuReservationNano = d.CpuReservation.HasValue ? SizeSpec.CpusToNano(d.CpuReservation.Value) : (long?)null;
            settings.MemoryReservation = d.MemoryReservation;
            if (d.RestartCondition != null || d.RestartDelay.HasValue || d.RestartMaxAttempts.HasValue || d.RestartWindow.HasValue)
            {
                // deploy.restart_policy replaces what restart: said, as in the docker CLI.
                settings.RestartCondition = d.RestartCondition ?? settings.RestartCondition;
                settings.RestartDelay = d.RestartDelay;
                settings.RestartMaxAttempts = d.RestartMaxAttempts;
                settings.RestartWindow = d.RestartWindow;
            }

            settings.Constraints = d.Constraints.Length > 0 ? d.Constraints.ToList() : null;
            settings.SpreadPreferences = d.Preferences.Length > 0 ? d.Preferences.ToList() : null;
            settings.MaxReplicasPerNode = d.MaxReplicasPerNode;
            settings.Update = Policy(d.UpdateConfig);
            settings.Rollback = Policy(d.RollbackConfig);
        }

        private static FileReferenceSpec Reference(ComposeFileReference r, ComposeFileObject[] objects) => new FileReferenceSpec
        {
            Source = objects.First(o => o.Key == r.Source).Name,
            Target = r.Target ?? r.Source,
            Uid = r.Uid ?? "0",
            Gid = r.Gid ?? "0",
            Mode = r.Mode ?? Convert.ToUInt32("444", 8),
        };

        /// <summary>update_config/rollback_config; parallelism is 1 when not given, as the docker CLI sets it.</summary>
        private static UpdatePolicy? Policy(ComposeUpdateConfig? u) => u == null ? null : new UpdatePolicy
        {
            Parallelism = u.Parallelism ?? 1,
            Delay = u.Delay,
            FailureAction = u.FailureAction,
            Monitor = u.Monitor,
            MaxFailureRatio = u.MaxFailureRatio,
            Order = u.Order,
        };

        /// <summary>-Prune: the stack's services that the file no longer defines go (docker stack deploy --prune).</summary>
        private void PruneServices(IDockerEngine engine, IEnumerable<SwarmService> before, ComposeProjectConfig config)
        {
            var defined = new HashSet<string>(config.Services.Select(s => Name + "_" + s.Name), StringComparer.Ordinal);
            foreach (SwarmService gone in before.Where(s => !defined.Contains(s.Name)))
            {
                if (ShouldProcess(gone.Name, "Remove swarm service (prune)"))
                {
                    WriteVerbose("Removing service " + gone.Name);
                    TrySwarmCall(ct => engine.RemoveServiceAsync(gone.Id, ct), "SwarmService", gone.Name);
                }
            }
        }
    }
}