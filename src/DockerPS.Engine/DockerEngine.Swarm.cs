using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Engine
{
    internal sealed partial class DockerEngine
    {
        public async Task<DockerSwarm> InspectSwarmAsync(CancellationToken cancellationToken)
        {
            Task<SystemInfoResponse> info = Call(() => _client.System.GetSystemInfoAsync(cancellationToken), cancellationToken);
            SwarmInspectResponse s = await Call(() => _client.Swarm.InspectSwarmAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            Info? local = (await info.ConfigureAwait(false)).Swarm;
            Spec spec = s.Spec ?? new Spec();
            return new DockerSwarm
            {
                Id = s.ID ?? string.Empty,
                NodeId = local?.NodeID ?? string.Empty,
                LocalNodeState = local?.LocalNodeState ?? string.Empty,
                IsManager = local?.ControlAvailable ?? false,
                NodeAddress = local?.NodeAddr ?? string.Empty,
                ManagerAddresses = local?.RemoteManagers?.Select(m => m.Addr ?? string.Empty).Where(a => a.Length > 0).OrderBy(a => a, StringComparer.Ordinal).ToArray()
                    ?? Array.Empty<string>(),
                Nodes = (int)(local?.Nodes ?? 0),
                Managers = (int)(local?.Managers ?? 0),
                WorkerToken = s.JoinTokens?.Worker ?? string.Empty,
                ManagerToken = s.JoinTokens?.Manager ?? string.Empty,
                AutoLock = spec.EncryptionConfig?.AutoLockManagers ?? false,
                TaskHistoryLimit = spec.Orchestration?.TaskHistoryRetentionLimit,
                DispatcherHeartbeat = spec.Dispatcher?.HeartbeatPeriod,
                SnapshotInterval = spec.Raft?.SnapshotInterval,
                CertificateExpiry = spec.CAConfig?.NodeCertExpiry,
                DefaultAddressPool = s.DefaultAddrPool?.ToArray() ?? Array.Empty<string>(),
                SubnetSize = s.SubnetSize,
                DataPathPort = s.DataPathPort,
                Labels = Copy(spec.Labels),
                Created = LocalOrNull(s.CreatedAt),
                Updated = LocalOrNull(s.UpdatedAt),
                Version = s.Version?.Index ?? 0,
                Engine = Address,
            };
        }

        public async Task<string> InitSwarmAsync(SwarmInitRequest request, CancellationToken cancellationToken)
        {
            var spec = new Spec();
            ApplySwarmSettings(spec, request.Settings);
            var parameters = new SwarmInitParameters
            {
                ListenAddr = request.ListenAddress,
                AdvertiseAddr = request.AdvertiseAddress!,
                DataPathAddr = request.DataPathAddress!,
                ForceNewCluster = request.ForceNewCluster,
                AutoLockManagers = request.Settings.AutoLock ?? false,
                Availability = request.Availability!,
                DefaultAddrPool = request.DefaultAddressPool.Count > 0 ? request.DefaultAddressPool.ToList() : null!,
                SubnetSize = request.SubnetSize ?? 0,
                Spec = spec,
            };
            return await Call(() => _client.Swarm.InitSwarmAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        public Task JoinSwarmAsync(SwarmJoinRequest request, CancellationToken cancellationToken)
        {
            var parameters = new SwarmJoinParameters
            {
                RemoteAddrs = request.RemoteAddresses.ToList(),
                JoinToken = request.Token,
                ListenAddr = request.ListenAddress,
                AdvertiseAddr = request.AdvertiseAddress!,
                DataPathAddr = request.DataPathAddress!,
                Availability = request.Availability!,
            };
            return Call(() => _client.Swarm.JoinSwarmAsync(parameters, cancellationToken), cancellationToken);
        }

        public Task LeaveSwarmAsync(bool force, CancellationToken cancellationToken) =>
            Call(() => _client.Swarm.LeaveSwarmAsync(new SwarmLeaveParameters { Force = force }, cancellationToken), cancellationToken);

        public async Task UpdateSwarmAsync(SwarmSettings settings, CancellationToken cancellationToken)
        {
            SwarmInspectResponse s = await Call(() => _client.Swarm.InspectSwarmAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            Spec spec = s.Spec ?? new Spec();
            ApplySwarmSettings(spec, settings);
            var parameters = new SwarmUpdateParameters { Spec = spec, Version = (long)(s.Version?.Index ?? 0) };
            await Call(() => _client.Swarm.UpdateSwarmAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (settings.RotateWorkerToken || settings.RotateManagerToken || settings.RotateUnlockKey)
            {
                await RotateAsync(settings, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Rotates join tokens and the unlock key. Docker.DotNet 4.3.3 sends these flags as "rotateworkertoken" and so on,
        /// which the engine does not read (its names are case-sensitive: rotateWorkerToken); measured: the tokens stayed
        /// the same. So this is a raw POST /swarm/update with the engine's names and the current spec sent back unchanged.
        /// </summary>
        private async Task RotateAsync(SwarmSettings settings, CancellationToken cancellationToken)
        {
            using JsonDocument current = await Call(() => Raw.SendAsync(HttpMethod.Get, "swarm", null, Address, cancellationToken), cancellationToken).ConfigureAwait(false);
            JsonElement root = current.RootElement;
            var query = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["version"] = root.GetProperty("Version").GetProperty("Index").GetUInt64().ToString(CultureInfo.InvariantCulture),
            };
            if (settings.RotateWorkerToken)
            {
                query["rotateWorkerToken"] = "true";
            }

            if (settings.RotateManagerToken)
            {
                query["rotateManagerToken"] = "true";
            }

            if (settings.RotateUnlockKey)
            {
                query["rotateManagerUnlockKey"] = "true";
            }

            string spec = root.GetProperty("Spec").GetRawText();
            (await Call(() => Raw.SendAsync(HttpMethod.Post, "swarm/update", query, Address, cancellationToken, spec), cancellationToken).ConfigureAwait(false)).Dispose();
        }

        private static void ApplySwarmSettings(Spec spec, SwarmSettings settings)
        {
            if (settings.AutoLock.HasValue)
            {
                spec.EncryptionConfig ??= new EncryptionConfig();
                spec.EncryptionConfig.AutoLockManagers = settings.AutoLock.Value;
            }

            if (settings.TaskHistoryLimit.HasValue)
            {
                spec.Orchestration ??= new OrchestrationConfig();
                spec.Orchestration.TaskHistoryRetentionLimit = settings.TaskHistoryLimit.Value;
            }

            if (settings.DispatcherHeartbeat.HasValue)
            {
                spec.Dispatcher ??= new DispatcherConfig();
                spec.Dispatcher.HeartbeatPeriod = settings.DispatcherHeartbeat.Value;
            }

            if (settings.SnapshotInterval.HasValue || settings.KeepOldSnapshots.HasValue)
            {
                spec.Raft ??= new RaftConfig();
                spec.Raft.SnapshotInterval = settings.SnapshotInterval ?? spec.Raft.SnapshotInterval;
                spec.Raft.KeepOldSnapshots = settings.KeepOldSnapshots ?? spec.Raft.KeepOldSnapshots;
            }

            if (settings.CertificateExpiry.HasValue)
            {
                spec.CAConfig ??= new CAConfig();
                spec.CAConfig.NodeCertExpiry = settings.CertificateExpiry.Value;
            }

            if (settings.Labels != null)
            {
                spec.Labels = new Dictionary<string, string>(settings.Labels);
            }
        }

        public async Task<string> GetSwarmUnlockKeyAsync(CancellationToken cancellationToken) =>
            (await Call(() => _client.Swarm.GetSwarmUnlockKeyAsync(cancellationToken), cancellationToken).ConfigureAwait(false)).UnlockKey ?? string.Empty;

        public Task UnlockSwarmAsync(string unlockKey, CancellationToken cancellationToken) =>
            Call(() => _client.Swarm.UnlockSwarmAsync(new SwarmUnlockParameters { UnlockKey = unlockKey }, cancellationToken), cancellationToken);

        public async Task<IReadOnlyList<SwarmNode>> ListNodesAsync(CancellationToken cancellationToken)
        {
            Task<SystemInfoResponse> info = Call(() => _client.System.GetSystemInfoAsync(cancellationToken), cancellationToken);
            IList<NodeListResponse> nodes = await Call(() => _client.Swarm.ListNodesAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            string self = (await info.ConfigureAwait(false)).Swarm?.NodeID ?? string.Empty;
            return nodes.Select(n => ToNode(n, self)).OrderBy(n => n.Hostname, StringComparer.Ordinal).ToList();
        }

        public async Task<SwarmNode> InspectNodeAsync(string idOrName, CancellationToken cancellationToken)
        {
            Task<SystemInfoResponse> info = Call(() => _client.System.GetSystemInfoAsync(cancellationToken), cancellationToken);
            NodeListResponse n = await Call(() => _client.Swarm.InspectNodeAsync(idOrName, cancellationToken), cancellationToken).ConfigureAwait(false);
            return ToNode(n, (await info.ConfigureAwait(false)).Swarm?.NodeID ?? string.Empty);
        }

        public async Task<SwarmNode> UpdateNodeAsync(string idOrName, NodeChange change, CancellationToken cancellationToken)
        {
            NodeListResponse n = await Call(() => _client.Swarm.InspectNodeAsync(idOrName, cancellationToken), cancellationToken).ConfigureAwait(false);
            NodeUpdateParameters spec = n.Spec ?? new NodeUpdateParameters();
            var labels = new Dictionary<string, string>(spec.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> add in change.AddLabels)
            {
                labels[add.Key] = add.Value;
            }

            foreach (string remove in change.RemoveLabels)
            {
                labels.Remove(remove);
            }

            var update = new NodeUpdateParameters
            {
                Name = spec.Name!,
                Labels = labels,
                Role = change.Role ?? spec.Role,
                Availability = change.Availability ?? spec.Availability,
            };
            await Call(() => _client.Swarm.UpdateNodeAsync(n.ID, n.Version?.Index ?? 0, update, cancellationToken), cancellationToken).ConfigureAwait(false);
            return await InspectNodeAsync(n.ID, cancellationToken).ConfigureAwait(false);
        }

        public Task RemoveNodeAsync(string idOrName, bool force, CancellationToken cancellationToken) =>
            Call(() => _client.Swarm.RemoveNodeAsync(idOrName, force, cancellationToken), cancellationToken);

        private SwarmNode ToNode(NodeListResponse n, string self) =>
            new SwarmNode
            {
                Id = n.ID ?? string.Empty,
                Hostname = n.Description?.Hostname ?? string.Empty,
                Role = n.Spec?.Role ?? string.Empty,
                Availability = n.Spec?.Availability ?? string.Empty,
                Status = n.Status?.State ?? string.Empty,
                StatusMessage = n.Status?.Message ?? string.Empty,
                Address = n.Status?.Addr ?? string.Empty,
                ManagerReachability = string.IsNullOrEmpty(n.ManagerStatus?.Reachability) ? null : n.ManagerStatus!.Reachability,
                Leader = n.ManagerStatus?.Leader ?? false,
                ManagerAddress = string.IsNullOrEmpty(n.ManagerStatus?.Addr) ? null : n.ManagerStatus!.Addr,
                EngineVersion = n.Description?.Engine?.EngineVersion ?? string.Empty,
                Labels = Copy(n.Spec?.Labels),
                EngineLabels = Copy(n.Description?.Engine?.Labels),
                OS = n.Description?.Platform?.OS ?? string.Empty,
                Architecture = n.Description?.Platform?.Architecture ?? string.Empty,
                NanoCpus = n.Description?.Resources?.NanoCPUs,
                MemoryBytes = n.Description?.Resources?.MemoryBytes,
                Self = n.ID == self,
                Created = LocalOrNull(n.CreatedAt),
                Updated = LocalOrNull(n.UpdatedAt),
                Version = n.Version?.Index ?? 0,
                Engine = Address,
            };

        public async Task<IReadOnlyList<Models.SwarmService>> ListServicesAsync(IDictionary<string, IList<string>> filters, CancellationToken cancellationToken)
        {
            var parameters = new ServiceListParameters { Filters = ToFilters(filters), Status = true };
            IList<Docker.DotNet.Models.SwarmService> list = await Call(() => _client.Swarm.ListServicesAsync(parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return list.Select(ToService).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        }

        public async Task<Models.SwarmService> InspectServiceAsync(string idOrName, CancellationToken cancellationToken)
        {
            Docker.DotNet.Models.SwarmService s = await Call(() => _client.Swarm.InspectServiceAsync(idOrName, cancellationToken), cancellationToken).ConfigureAwait(false);
            // Inspect has no status counts before API 1.41's ?status; read them from the list, filtered to this id.
            var byId = new Dictionary<string, IList<string>> { ["id"] = new List<string> { s.ID } };
            Models.SwarmService? listed = (await ListServicesAsync(byId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(x => x.Id == s.ID);
            Models.SwarmService result = ToService(s);
            if (listed != null)
            {
                result.RunningTasks = listed.RunningTasks;
                result.DesiredTasks = listed.DesiredTasks;
                result.CompletedTasks = listed.CompletedTasks;
            }

            return result;
        }

        public async Task<Models.SwarmService> CreateServiceAsync(ServiceSettings settings, RegistryAuth? registryAuth, CancellationToken cancellationToken)
        {
            var spec = new ServiceSpec { TaskTemplate = new TaskSpec { ContainerSpec = new ContainerSpec() } };
            await ApplyServiceSettingsAsync(spec, settings, creating: true, cancellationToken).ConfigureAwait(false);
            ServiceCreateResponse created = await Call(() => _client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec, RegistryAuth = ToAuthConfig(registryAuth)! }, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return await InspectServiceAsync(created.ID ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        public async Task<Models.SwarmService> UpdateServiceAsync(string idOrName, ServiceSettings change, bool force, RegistryAuth? registryAuth, CancellationToken cancellationToken)
        {
            Docker.DotNet.Models.SwarmService current = await Call(() => _client.Swarm.InspectServiceAsync(idOrName, cancellationToken), cancellationToken).ConfigureAwait(false);
            ServiceSpec spec = current.Spec ?? new ServiceSpec();
            spec.TaskTemplate ??= new TaskSpec();
            spec.TaskTemplate.ContainerSpec ??= new ContainerSpec();
            await ApplyServiceSettingsAsync(spec, change, creating: false, cancellationToken).ConfigureAwait(false);
            if (force)
            {
                spec.TaskTemplate.ForceUpdate++;
            }

            var parameters = new ServiceUpdateParameters { Service = spec, Version = (long)(current.Version?.Index ?? 0), RegistryAuth = ToAuthConfig(registryAuth)! };
            await Call(() => _client.Swarm.UpdateServiceAsync(current.ID, parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
            return await InspectServiceAsync(current.ID, cancellationToken).ConfigureAwait(false);
        }

        public async Task<Models.SwarmService> RollbackServiceAsync(string idOrName, CancellationToken cancellationToken)
        {
            Docker.DotNet.Models.SwarmService current = await Call(() => _client.Swarm.InspectServiceAsync(idOrName, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (current.PreviousSpec == null)
            {
                throw new DockerEngineException(400, $"service {current.Spec?.Name} has no previous spec to roll back to", Address);
            }

            // The engine takes the current spec and version with rollback=previous and restores the previous spec itself.
            var parameters = new ServiceUpdateParameters { Service = current.Spec!, Version = (long)(current.Version?.Index ?? 0), Rollback = "previous" };
            await Call(() => _client.Swarm.UpdateServiceAsync(current.ID, parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
            return await InspectServiceAsync(current.ID, cancellationToken).ConfigureAwait(false);
        }

        public Task RemoveServiceAsync(string idOrName, CancellationToken cancellationToken) =>
            Call(() => _client.Swarm.RemoveServiceAsync(idOrName, cancellationToken), cancellationToken);

        private async Task ApplyServiceSettingsAsync(ServiceSpec spec, ServiceSettings s, bool creating, CancellationToken cancellationToken)
        {
            TaskSpec task = spec.TaskTemplate ??= new TaskSpec();
            ContainerSpec c = task.ContainerSpec ??= new ContainerSpec();
            if (s.Name != null)
            {
                spec.Name = s.Name;
            }

            if (s.Labels != null)
            {
                spec.Labels = new Dictionary<string, string>(s.Labels);
            }

            ApplyMode(spec, s, creating);
            c.Image = s.Image ?? c.Image;
            c.Command = s.Command?.ToList() ?? c.Command;
            c.Args = s.Args?.ToList() ?? c.Args;
            c.Env = s.Environment?.ToList() ?? c.Env;
            c.Labels = s.ContainerLabels != null ? new Dictionary<string, string>(s.ContainerLabels) : c.Labels;
            c.Dir = s.WorkingDirectory ?? c.Dir;
            c.User = s.User ?? c.User;
            c.Hostname = s.Hostname ?? c.Hostname;
            c.StopSignal = s.StopSignal ?? c.StopSignal;
            c.StopGracePeriod = s.StopGracePeriod ?? c.StopGracePeriod;
            c.ReadOnly = s.ReadOnly ?? c.ReadOnly;
            c.Init = s.Init ?? c.Init;
            if (s.Mounts != null)
            {
                c.Mounts = s.Mounts.Select(ToSwarmMount).ToList();
            }

            if (s.NoHealthCheck)
            {
                c.Healthcheck = new HealthcheckConfig { Test = new List<string> { "NONE" } };
            }
            else if (s.HealthCommand != null || s.HealthInterval.HasValue || s.HealthTimeout.HasValue || s.HealthRetries.HasValue || s.HealthStartPeriod.HasValue)
            {
                HealthcheckConfig h = c.Healthcheck ?? new HealthcheckConfig();
                h.Test = s.HealthCommand?.ToList() ?? h.Test;
                h.Interval = s.HealthInterval ?? h.Interval;
                h.Timeout = s.HealthTimeout ?? h.Timeout;
                h.Retries = s.HealthRetries ?? h.Retries;
                h.StartPeriod = s.HealthStartPeriod ?? h.StartPeriod;
                c.Healthcheck = h;
            }

            if (s.Secrets != null)
            {
                IList<Secret> known = await Call(() => _client.Secrets.ListAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
                c.Secrets = s.Secrets.Select(r => new SecretReference
                {
                    SecretID = FindId(known.Select(k => (k.ID, k.Spec?.Name)), r.Source, "secret"),
                    SecretName = r.Source,
                    File = new SecretReferenceFileTarget { Name = r.Target, UID = r.Uid, GID = r.Gid, Mode = r.Mode },
                }).ToList();
            }

            if (s.Configs != null)
            {
                IList<Docker.DotNet.Models.SwarmConfig> known = await Call(() => _client.Configs.ListConfigsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
                c.Configs = s.Configs.Select(r => new SwarmConfigReference
                {
                    ConfigID = FindId(known.Select(k => (k.ID, k.Spec?.Name)), r.Source, "config"),
                    ConfigName = r.Source,
                    File = new ConfigReferenceFileTarget { Name = r.Target, UID = r.Uid, GID = r.Gid, Mode = r.Mode },
                }).ToList();
            }

            ApplyResources(task, s);
            ApplyPlacement(task, s);
            if (s.RestartCondition != null || s.RestartDelay.HasValue || s.RestartMaxAttempts.HasValue || s.RestartWindow.HasValue)
            {
                SwarmRestartPolicy r = task.RestartPolicy ?? new SwarmRestartPolicy();
                r.Condition = s.RestartCondition ?? r.Condition;
                r.Delay = s.RestartDelay ?? r.Delay;
                r.MaxAttempts = s.RestartMaxAttempts ?? r.MaxAttempts;
                r.Window = s.RestartWindow ?? r.Window;
                task.RestartPolicy = r;
            }

            if (s.Update != null)
            {
                spec.UpdateConfig = ApplyPolicy(spec.UpdateConfig, s.Update);
            }

            if (s.Rollback != null)
            {
                spec.RollbackConfig = ApplyPolicy(spec.RollbackConfig, s.Rollback);
            }

            if (s.Networks != null)
            {
                task.Networks = s.Networks.Select(n => new NetworkAttachmentConfig
                {
                    Target = n,
                    Aliases = s.NetworkAliases != null && s.NetworkAliases.TryGetValue(n, out IList<string>? aliases) ? aliases.ToList() : null!,
                }).ToList();
            }

            if (s.Ports != null || s.EndpointMode != null)
            {
                EndpointSpec e = spec.EndpointSpec ?? new EndpointSpec();
                e.Mode = s.EndpointMode ?? e.Mode;
                if (s.Ports != null)
                {
                    e.Ports = s.Ports.Select(p => new PortConfig { TargetPort = p.Target, PublishedPort = p.Published, Protocol = p.Protocol, PublishMode = p.Mode }).ToList();
                }

                spec.EndpointSpec = e;
            }
        }

        private static void ApplyMode(ServiceSpec spec, ServiceSettings s, bool creating)
        {
            if (creating)
            {
                spec.Mode = (s.Mode ?? "replicated") switch
                {
                    "global" => new ServiceMode { Global = new GlobalService() },
                    "replicated-job" => new ServiceMode { ReplicatedJob = new ReplicatedJob { TotalCompletions = s.Replicas ?? 1, MaxConcurrent = s.MaxConcurrent ?? s.Replicas ?? 1 } },
                    "global-job" => new ServiceMode { GlobalJob = new GlobalJob() },
                    _ => new ServiceMode { Replicated = new ReplicatedService { Replicas = s.Replicas ?? 1 } },
                };
                return;
            }

            if (s.Mode != null)
            {
                throw new ArgumentException("A service's mode cannot change; remove the service and create it again.");
            }

            if (s.Replicas.HasValue)
            {
                if (spec.Mode?.Replicated != null)
                {
                    spec.Mode.Replicated.Replicas = s.Replicas.Value;
                }
                else if (spec.Mode?.ReplicatedJob != null)
                {
                    spec.Mode.ReplicatedJob.TotalCompletions = s.Replicas.Value;
                }
                else
                {
                    throw new ArgumentException($"Service {spec.Name} is not replicated; only replicated services and jobs can be scaled.");
                }
            }

            if (s.MaxConcurrent.HasValue && spec.Mode?.ReplicatedJob != null)
            {
                spec.Mode.ReplicatedJob.MaxConcurrent = s.MaxConcurrent.Value;
            }
        }

        private static void ApplyResources(TaskSpec task, ServiceSettings s)
        {
            if (s.CpuLimitNano.HasValue || s.MemoryLimit.HasValue)
            {
                task.Resources ??= new ResourceRequirements();
                task.Resources.Limits ??= new SwarmLimit();
                task.Resources.Limits.NanoCPUs = s.CpuLimitNano ?? task.Resources.Limits.NanoCPUs;
                task.Resources.Limits.MemoryBytes = s.MemoryLimit ?? task.Resources.Limits.MemoryBytes;
            }

            if (s.CpuReservationNano.HasValue || s.MemoryReservation.HasValue)
            {
                task.Resources ??= new ResourceRequirements();
                task.Resources.Reservations ??= new SwarmResources();
                task.Resources.Reservations.NanoCPUs = s.CpuReservationNano ?? task.Resources.Reservations.NanoCPUs;
                task.Resources.Reservations.MemoryBytes = s.MemoryReservation ?? task.Resources.Reservations.MemoryBytes;
            }
        }

        private static void ApplyPlacement(TaskSpec task, ServiceSettings s)
        {
            if (s.Constraints == null && s.SpreadPreferences == null && !s.MaxReplicasPerNode.HasValue)
            {
                return;
            }

            Placement p = task.Placement ?? new Placement();
            p.Constraints = s.Constraints?.ToList() ?? p.Constraints;
            if (s.SpreadPreferences != null)
            {
                p.Preferences = s.SpreadPreferences.Select(d => new PlacementPreference { Spread = new SpreadOver { SpreadDescriptor = d } }).ToList();
            }

            p.MaxReplicas = s.MaxReplicasPerNode ?? p.MaxReplicas;
            task.Placement = p;
        }

        private static SwarmUpdateConfig ApplyPolicy(SwarmUpdateConfig? current, UpdatePolicy change)
        {
            SwarmUpdateConfig c = current ?? new SwarmUpdateConfig { Parallelism = 1, FailureAction = "pause", Order = "stop-first" };
            c.Parallelism = change.Parallelism ?? c.Parallelism;
            c.Delay = change.Delay ?? c.Delay;
            c.FailureAction = change.FailureAction ?? c.FailureAction;
            c.Monitor = change.Monitor ?? c.Monitor;
            c.MaxFailureRatio = change.MaxFailureRatio ?? c.MaxFailureRatio;
            c.Order = change.Order ?? c.Order;
            return c;
        }

        private string FindId(IEnumerable<(string Id, string? Name)> known, string nameOrId, string kind)
        {
            foreach ((string id, string? name) in known)
            {
                if (name == nameOrId || id == nameOrId)
                {
                    return id;
                }
            }

            throw new DockerEngineException(404, $"{kind} not found: {nameOrId}", Address);
        }

        private static Docker.DotNet.Models.Mount ToSwarmMount(MountSpecItem m)
        {
            var mount = new Docker.DotNet.Models.Mount { Type = m.Type, Source = m.Source!, Target = m.Target, ReadOnly = m.ReadOnly };
            if (m.Type == "tmpfs" && (m.TmpfsSize.HasValue || m.TmpfsMode.HasValue))
            {
                mount.TmpfsOptions = new TmpfsOptions { SizeBytes = m.TmpfsSize, Mode = m.TmpfsMode.HasValue ? (uint)m.TmpfsMode.Value : (uint?)null };
            }

            if (m.Type == "bind" && !string.IsNullOrEmpty(m.BindPropagation))
            {
                mount.BindOptions = new BindOptions { Propagation = m.BindPropagation! };
            }

            if (m.Type == "volume" && (m.VolumeNoCopy || m.VolumeLabels.Count > 0 || !string.IsNullOrEmpty(m.VolumeDriver)))
            {
                mount.VolumeOptions = new VolumeOptions
                {
                    NoCopy = m.VolumeNoCopy ? true : (bool?)null,
                    Labels = m.VolumeLabels.Count > 0 ? new Dictionary<string, string>(m.VolumeLabels) : null!,
                    DriverConfig = string.IsNullOrEmpty(m.VolumeDriver) ? null! : new Driver { Name = m.VolumeDriver! },
                };
            }

            return mount;
        }

        private Models.SwarmService ToService(Docker.DotNet.Models.SwarmService s)
        {
            ServiceSpec spec = s.Spec ?? new ServiceSpec();
            ContainerSpec c = spec.TaskTemplate?.ContainerSpec ?? new ContainerSpec();
            ServiceMode mode = spec.Mode ?? new ServiceMode();
            return new Models.SwarmService
            {
                Id = s.ID ?? string.Empty,
                Name = spec.Name ?? string.Empty,
                Mode = mode.Global != null ? "global" : mode.ReplicatedJob != null ? "replicated-job" : mode.GlobalJob != null ? "global-job" : "replicated",
                Replicas = mode.Replicated?.Replicas ?? mode.ReplicatedJob?.TotalCompletions,
                RunningTasks = s.ServiceStatus?.RunningTasks ?? 0,
                DesiredTasks = s.ServiceStatus?.DesiredTasks ?? 0,
                CompletedTasks = s.ServiceStatus?.CompletedTasks ?? 0,
                Image = c.Image ?? string.Empty,
                Command = c.Command?.ToArray() ?? Array.Empty<string>(),
                Args = c.Args?.ToArray() ?? Array.Empty<string>(),
                Environment = c.Env?.ToArray() ?? Array.Empty<string>(),
                Labels = Copy(spec.Labels),
                ContainerLabels = Copy(c.Labels),
                Ports = (s.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? new List<PortConfig>())
                    .Select(p => new SwarmServicePort { TargetPort = p.TargetPort ?? 0, PublishedPort = p.PublishedPort, Protocol = p.Protocol ?? "tcp", PublishMode = p.PublishMode ?? "ingress" })
                    .ToArray(),
                Constraints = spec.TaskTemplate?.Placement?.Constraints?.ToArray() ?? Array.Empty<string>(),
                SpreadPreferences = spec.TaskTemplate?.Placement?.Preferences?.Select(p => p.Spread?.SpreadDescriptor).Where(d => !string.IsNullOrEmpty(d)).Select(d => d!).ToArray()
                    ?? Array.Empty<string>(),
                Mounts = c.Mounts?.Select(m => $"{m.Type}:{m.Source}:{m.Target}{(m.ReadOnly == true ? ":ro" : string.Empty)}").ToArray() ?? Array.Empty<string>(),
                Networks = spec.TaskTemplate?.Networks?.Select(n => n.Target ?? string.Empty).ToArray() ?? Array.Empty<string>(),
                Secrets = c.Secrets?.Select(r => new SwarmFileReference { Id = r.SecretID ?? string.Empty, Name = r.SecretName ?? string.Empty, Target = r.File?.Name ?? string.Empty }).ToArray()
                    ?? Array.Empty<SwarmFileReference>(),
                Configs = c.Configs?.Select(r => new SwarmFileReference { Id = r.ConfigID ?? string.Empty, Name = r.ConfigName ?? string.Empty, Target = r.File?.Name ?? string.Empty }).ToArray()
                    ?? Array.Empty<SwarmFileReference>(),
                RestartCondition = spec.TaskTemplate?.RestartPolicy?.Condition,
                StopSignal = string.IsNullOrEmpty(c.StopSignal) ? null : c.StopSignal,
                StopGracePeriod = c.StopGracePeriod,
                UpdateFailureAction = spec.UpdateConfig?.FailureAction,
                UpdateState = string.IsNullOrEmpty(s.UpdateStatus?.State) ? null : s.UpdateStatus!.State,
                UpdateMessage = string.IsNullOrEmpty(s.UpdateStatus?.Message) ? null : s.UpdateStatus!.Message,
                PreviousImage = s.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image,
                ForceUpdate = spec.TaskTemplate?.ForceUpdate ?? 0,
                Created = LocalOrNull(s.CreatedAt),
                Updated = LocalOrNull(s.UpdatedAt),
                Version = s.Version?.Index ?? 0,
                Engine = Address,
            };
        }

        public async Task<IReadOnlyList<SwarmTask>> ListTasksAsync(IDictionary<string, IList<string>> filters, CancellationToken cancellationToken)
        {
            Task<IList<NodeListResponse>> nodes = Call(() => _client.Swarm.ListNodesAsync(cancellationToken), cancellationToken);
            Task<IList<Docker.DotNet.Models.SwarmService>> services = Call(() => _client.Swarm.ListServicesAsync(new ServiceListParameters(), cancellationToken), cancellationToken);
            IList<TaskResponse> tasks = await Call(() => _client.Tasks.ListAsync(new TasksListParameters { Filters = ToFilters(filters) }, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            Dictionary<string, string> nodeNames = (await nodes.ConfigureAwait(false)).ToDictionary(n => n.ID, n => n.Description?.Hostname ?? n.ID, StringComparer.Ordinal);
            Dictionary<string, string> serviceNames = (await services.ConfigureAwait(false)).ToDictionary(s => s.ID, s => s.Spec?.Name ?? s.ID, StringComparer.Ordinal);
            return tasks.Select(t => ToTask(t, nodeNames, serviceNames))
                .OrderBy(t => t.ServiceName, StringComparer.Ordinal).ThenBy(t => t.Slot ?? 0).ThenBy(t => t.NodeName, StringComparer.Ordinal)
                .ThenByDescending(t => t.Created)
                .ToList();
        }

        public async Task<SwarmTask> InspectTaskAsync(string id, CancellationToken cancellationToken)
        {
            TaskResponse t = await Call(() => _client.Tasks.InspectAsync(id, cancellationToken), cancellationToken).ConfigureAwait(false);
            var nodeNames = new Dictionary<string, string>(StringComparer.Ordinal);
            var serviceNames = new Dictionary<string, string>(StringComparer.Ordinal);
            if (t.NodeID is string nodeId && nodeId.Length > 0)
            {
                try
                {
                    NodeListResponse n = await Call(() => _client.Swarm.InspectNodeAsync(nodeId, cancellationToken), cancellationToken).ConfigureAwait(false);
                    nodeNames[nodeId] = n.Description?.Hostname ?? nodeId;
                }
                catch (DockerEngineException e) when (e.StatusCode == 404)
                {
                    // The node left the swarm since: its id is all there is.
                }
            }

            string serviceId = t.ServiceID ?? string.Empty;
            try
            {
                Docker.DotNet.Models.SwarmService s = await Call(() => _client.Swarm.InspectServiceAsync(serviceId, cancellationToken), cancellationToken).ConfigureAwait(false);
                serviceNames[serviceId] = s.Spec?.Name ?? serviceId;
            }
            catch (DockerEngineException e) when (e.StatusCode == 404)
            {
                // Removed since: the id stands in for the name.
            }

            return ToTask(t, nodeNames, serviceNames);
        }

        private SwarmTask ToTask(TaskResponse t, IDictionary<string, string> nodeNames, IDictionary<string, string> serviceNames)
        {
            string service = serviceNames.TryGetValue(t.ServiceID ?? string.Empty, out string? sn) ? sn : t.ServiceID ?? string.Empty;
            string node = nodeNames.TryGetValue(t.NodeID ?? string.Empty, out string? nn) ? nn : t.NodeID ?? string.Empty;
            return new SwarmTask
            {
                Id = t.ID ?? string.Empty,
                // docker service ps: service.slot for replicated tasks, service.nodeid for global ones.
                Name = t.Slot.HasValue && t.Slot.Value > 0 ? $"{service}.{t.Slot.Value}" : $"{service}.{t.NodeID}",
                ServiceId = t.ServiceID ?? string.Empty,
                ServiceName = service,
                Slot = t.Slot.HasValue && t.Slot.Value > 0 ? t.Slot : null,
                NodeId = t.NodeID ?? string.Empty,
                NodeName = node,
                Image = t.Spec?.ContainerSpec?.Image ?? string.Empty,
                DesiredState = t.DesiredState?.ToString().ToLowerInvariant() ?? string.Empty,
                State = t.Status?.State?.ToString().ToLowerInvariant() ?? string.Empty,
                StateTime = LocalOrNull(t.Status?.Timestamp),
                Message = t.Status?.Message ?? string.Empty,
                Error = t.Status?.Err ?? string.Empty,
                ContainerId = t.Status?.ContainerStatus?.ContainerID ?? string.Empty,
                ExitCode = t.Status?.ContainerStatus?.ExitCode,
                Created = LocalOrNull(t.CreatedAt),
                Engine = Address,
            };
        }

        public async Task<IContainerStream> OpenServiceLogAsync(string idOrName, ContainerLogQuery query, CancellationToken cancellationToken)
        {
            var parameters = new ServiceLogsParameters
            {
                ShowStdout = query.Stdout,
                ShowStderr = query.Stderr,
                Follow = query.Follow,
                Timestamps = query.Timestamps,
                Tail = query.Tail,
                Since = query.Since!,
                Details = true,
            };
            MultiplexedStream stream = await Call(() => _client.Swarm.GetServiceLogsAsync(idOrName, false, parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return new MuxStream(stream, Endpoint, cancellationToken);
        }

        /// <summary>Whether the engine is Podman (its /_ping names Libpod); asked once per engine.</summary>
        private bool? _isPodman;

        /// <summary>
        /// Podman answers /secrets with its own local secrets (podman secret), which are no swarm secrets: the secret
        /// calls refuse there as every other swarm call does (Podman's words for its missing swarm mode, mapped to
        /// SwarmNotSupported), rather than list or create Podman's secrets under a swarm name.
        /// </summary>
        private async Task RequireSwarmSecretsAsync(CancellationToken cancellationToken)
        {
            if (_isPodman == null)
            {
                IDictionary<string, string> headers = await Call(() => Raw.PingHeadersAsync(Address, cancellationToken), cancellationToken).ConfigureAwait(false);
                _isPodman = headers.ContainsKey("Libpod-Api-Version")
                    || (headers.TryGetValue("Server", out string? server) && server.IndexOf("Libpod", StringComparison.OrdinalIgnoreCase) >= 0);
            }

            if (_isPodman == true)
            {
                throw new DockerEngineException(503, "Podman does not support service: swarm secrets (its /secrets are Podman's own local secrets)", Address);
            }
        }

        public async Task<IReadOnlyList<SwarmSecret>> ListSecretsAsync(CancellationToken cancellationToken)
        {
            await RequireSwarmSecretsAsync(cancellationToken).ConfigureAwait(false);
            IList<Secret> list = await Call(() => _client.Secrets.ListAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            return list.Select(ToSecret).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        }

        public async Task<SwarmSecret> InspectSecretAsync(string idOrName, CancellationToken cancellationToken)
        {
            await RequireSwarmSecretsAsync(cancellationToken).ConfigureAwait(false);
            return ToSecret(await Call(() => _client.Secrets.InspectAsync(idOrName, cancellationToken), cancellationToken).ConfigureAwait(false));
        }

        public async Task<SwarmSecret> CreateSecretAsync(string name, IDictionary<string, string> labels, byte[] data, CancellationToken cancellationToken)
        {
            await RequireSwarmSecretsAsync(cancellationToken).ConfigureAwait(false);
            var spec = new SwarmSecretSpec { Name = name, Labels = new Dictionary<string, string>(labels), Data = data };
            SecretCreateResponse created = await Call(() => _client.Secrets.CreateAsync(spec, cancellationToken), cancellationToken).ConfigureAwait(false);
            return await InspectSecretAsync(created.ID, cancellationToken).ConfigureAwait(false);
        }

        public async Task RemoveSecretAsync(string idOrName, CancellationToken cancellationToken)
        {
            await RequireSwarmSecretsAsync(cancellationToken).ConfigureAwait(false);
            await Call(() => _client.Secrets.DeleteAsync(idOrName, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        private SwarmSecret ToSecret(Secret s) =>
            new SwarmSecret
            {
                Id = s.ID ?? string.Empty,
                Name = s.Spec?.Name ?? string.Empty,
                Labels = Copy(s.Spec?.Labels),
                Driver = s.Spec?.Driver?.Name ?? string.Empty,
                Created = LocalOrNull(s.CreatedAt),
                Updated = LocalOrNull(s.UpdatedAt),
                Version = s.Version?.Index ?? 0,
                Engine = Address,
            };

        public async Task<IReadOnlyList<Models.SwarmConfig>> ListConfigsAsync(CancellationToken cancellationToken)
        {
            IList<Docker.DotNet.Models.SwarmConfig> list = await Call(() => _client.Configs.ListConfigsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            return list.Select(ToConfig).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        }

        public async Task<Models.SwarmConfig> InspectConfigAsync(string idOrName, CancellationToken cancellationToken) =>
            ToConfig(await Call(() => _client.Configs.InspectConfigAsync(idOrName, cancellationToken), cancellationToken).ConfigureAwait(false));

        public async Task<Models.SwarmConfig> CreateConfigAsync(string name, IDictionary<string, string> labels, byte[] data, CancellationToken cancellationToken)
        {
            var parameters = new SwarmCreateConfigParameters { Config = new SwarmConfigSpec { Name = name, Labels = new Dictionary<string, string>(labels), Data = data } };
            SwarmCreateConfigResponse created = await Call(() => _client.Configs.CreateConfigAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
            return await InspectConfigAsync(created.ID, cancellationToken).ConfigureAwait(false);
        }

        public Task RemoveConfigAsync(string idOrName, CancellationToken cancellationToken) =>
            Call(() => _client.Configs.RemoveConfigAsync(idOrName, cancellationToken), cancellationToken);

        private Models.SwarmConfig ToConfig(Docker.DotNet.Models.SwarmConfig s) =>
            new Models.SwarmConfig
            {
                Id = s.ID ?? string.Empty,
                Name = s.Spec?.Name ?? string.Empty,
                Labels = Copy(s.Spec?.Labels),
                Data = s.Spec?.Data ?? Array.Empty<byte>(),
                Created = LocalOrNull(s.CreatedAt),
                Updated = LocalOrNull(s.UpdatedAt),
                Version = s.Version?.Index ?? 0,
                Engine = Address,
            };

        private static DateTime? LocalOrNull(DateTime? time) => time.HasValue ? Local(time.Value) : (DateTime?)null;
    }
}
