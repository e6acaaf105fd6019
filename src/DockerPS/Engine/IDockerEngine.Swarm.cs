using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Engine
{
    /// <summary>Swarm mode: the swarm itself, nodes, services, tasks, secrets and configs (docker swarm/node/service/secret/config ...).</summary>
    internal partial interface IDockerEngine
    {
        /// <summary>GET /swarm with the local node's view from GET /info (its id, state, managers).</summary>
        Task<DockerSwarm> InspectSwarmAsync(CancellationToken cancellationToken);

        /// <summary>POST /swarm/init; returns the new node id.</summary>
        Task<string> InitSwarmAsync(SwarmInitRequest request, CancellationToken cancellationToken);

        /// <summary>POST /swarm/join.</summary>
        Task JoinSwarmAsync(SwarmJoinRequest request, CancellationToken cancellationToken);

        /// <summary>POST /swarm/leave.</summary>
        Task LeaveSwarmAsync(bool force, CancellationToken cancellationToken);

        /// <summary>POST /swarm/update at the current version: only the non-null settings change.</summary>
        Task UpdateSwarmAsync(SwarmSettings settings, CancellationToken cancellationToken);

        /// <summary>GET /swarm/unlockkey. The key is handed back as text; callers wrap it at once.</summary>
        Task<string> GetSwarmUnlockKeyAsync(CancellationToken cancellationToken);

        /// <summary>POST /swarm/unlock.</summary>
        Task UnlockSwarmAsync(string unlockKey, CancellationToken cancellationToken);

        Task<IReadOnlyList<SwarmNode>> ListNodesAsync(CancellationToken cancellationToken);

        Task<SwarmNode> InspectNodeAsync(string idOrName, CancellationToken cancellationToken);

        /// <summary>POST /nodes/{id}/update at the node's current version: only the non-null fields change.</summary>
        Task<SwarmNode> UpdateNodeAsync(string idOrName, NodeChange change, CancellationToken cancellationToken);

        Task RemoveNodeAsync(string idOrName, bool force, CancellationToken cancellationToken);

        /// <summary>GET /services?status=true, so running/desired counts are filled.</summary>
        Task<IReadOnlyList<SwarmService>> ListServicesAsync(IDictionary<string, IList<string>> filters, CancellationToken cancellationToken);

        Task<SwarmService> InspectServiceAsync(string idOrName, CancellationToken cancellationToken);

        /// <summary>
        /// POST /services/create, then inspects the new service. <paramref name="registryAuth"/>, when given, goes as
        /// X-Registry-Auth: the swarm keeps it with the service so every node can pull the image (--with-registry-auth).
        /// </summary>
        Task<SwarmService> CreateServiceAsync(ServiceSettings settings, RegistryAuth? registryAuth, CancellationToken cancellationToken);

        /// <summary>
        /// POST /services/{id}/update at the current version with the non-null settings applied; -Force bumps ForceUpdate.
        /// <paramref name="registryAuth"/>, when given, replaces the service's stored registry credentials (X-Registry-Auth);
        /// without it the engine keeps the ones it has.
        /// </summary>
        Task<SwarmService> UpdateServiceAsync(string idOrName, ServiceSettings change, bool force, RegistryAuth? registryAuth, CancellationToken cancellationToken);

        /// <summary>POST /services/{id}/update?rollback=previous.</summary>
        Task<SwarmService> RollbackServiceAsync(string idOrName, CancellationToken cancellationToken);

        Task RemoveServiceAsync(string idOrName, CancellationToken cancellationToken);

        /// <summary>GET /tasks with node and service names filled in.</summary>
        Task<IReadOnlyList<SwarmTask>> ListTasksAsync(IDictionary<string, IList<string>> filters, CancellationToken cancellationToken);

        Task<SwarmTask> InspectTaskAsync(string id, CancellationToken cancellationToken);

        /// <summary>GET /services/{id}/logs with details, so each line names its task and node.</summary>
        Task<IContainerStream> OpenServiceLogAsync(string idOrName, ContainerLogQuery query, CancellationToken cancellationToken);

        Task<IReadOnlyList<SwarmSecret>> ListSecretsAsync(CancellationToken cancellationToken);

        Task<SwarmSecret> InspectSecretAsync(string idOrName, CancellationToken cancellationToken);

        /// <summary>POST /secrets/create. The data buffer is the caller's to clear afterwards.</summary>
        Task<SwarmSecret> CreateSecretAsync(string name, IDictionary<string, string> labels, byte[] data, CancellationToken cancellationToken);

        Task RemoveSecretAsync(string idOrName, CancellationToken cancellationToken);

        Task<IReadOnlyList<SwarmConfig>> ListConfigsAsync(CancellationToken cancellationToken);

        Task<SwarmConfig> InspectConfigAsync(string idOrName, CancellationToken cancellationToken);

        Task<SwarmConfig> CreateConfigAsync(string name, IDictionary<string, string> labels, byte[] data, CancellationToken cancellationToken);

        Task RemoveConfigAsync(string idOrName, CancellationToken cancellationToken);
    }

    /// <summary>POST /swarm/init body.</summary>
    internal sealed class SwarmInitRequest
    {
        public string ListenAddress { get; set; } = "0.0.0.0:2377";

        public string? AdvertiseAddress { get; set; }

        public string? DataPathAddress { get; set; }

        public IList<string> DefaultAddressPool { get; } = new List<string>();

        public uint? SubnetSize { get; set; }

        public string? Availability { get; set; }

        public bool ForceNewCluster { get; set; }

        public SwarmSettings Settings { get; set; } = new SwarmSettings();
    }

    /// <summary>POST /swarm/join body.</summary>
    internal sealed class SwarmJoinRequest
    {
        public IList<string> RemoteAddresses { get; } = new List<string>();

        public string Token { get; set; } = string.Empty;

        public string ListenAddress { get; set; } = "0.0.0.0:2377";

        public string? AdvertiseAddress { get; set; }

        public string? DataPathAddress { get; set; }

        public string? Availability { get; set; }
    }

    /// <summary>The cluster settings Update-DockerSwarm and Initialize-DockerSwarm change; null keeps the current value.</summary>
    internal sealed class SwarmSettings
    {
        public bool? AutoLock { get; set; }

        public long? TaskHistoryLimit { get; set; }

        public TimeSpan? DispatcherHeartbeat { get; set; }

        public ulong? SnapshotInterval { get; set; }

        public ulong? KeepOldSnapshots { get; set; }

        public TimeSpan? CertificateExpiry { get; set; }

        public IDictionary<string, string>? Labels { get; set; }

        public bool RotateWorkerToken { get; set; }

        public bool RotateManagerToken { get; set; }

        public bool RotateUnlockKey { get; set; }
    }

    /// <summary>Node fields to change; null keeps the current value.</summary>
    internal sealed class NodeChange
    {
        public string? Availability { get; set; }

        public string? Role { get; set; }

        /// <summary>Labels to add or overwrite.</summary>
        public IDictionary<string, string> AddLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public IList<string> RemoveLabels { get; } = new List<string>();
    }

    /// <summary>How a service replaces its tasks on update or rollback.</summary>
    internal sealed class UpdatePolicy
    {
        public ulong? Parallelism { get; set; }

        public TimeSpan? Delay { get; set; }

        /// <summary>pause, continue or rollback (update only).</summary>
        public string? FailureAction { get; set; }

        public TimeSpan? Monitor { get; set; }

        public float? MaxFailureRatio { get; set; }

        /// <summary>stop-first or start-first.</summary>
        public string? Order { get; set; }
    }

    /// <summary>A secret or config mounted as a file into each task.</summary>
    internal sealed class FileReferenceSpec
    {
        /// <summary>The secret's or config's name.</summary>
        public string Source { get; set; } = string.Empty;

        /// <summary>The file name: under /run/secrets for secrets, an absolute path or a name under / for configs.</summary>
        public string Target { get; set; } = string.Empty;

        public uint Mode { get; set; } = Convert.ToUInt32("444", 8);

        public string Uid { get; set; } = "0";

        public string Gid { get; set; } = "0";
    }

    /// <summary>A published port of a service.</summary>
    internal sealed class ServicePortSpec
    {
        public uint Target { get; set; }

        public uint? Published { get; set; }

        public string Protocol { get; set; } = "tcp";

        /// <summary>ingress or host.</summary>
        public string Mode { get; set; } = "ingress";
    }

    /// <summary>
    /// A service's settings for create (null = engine default) and update (null = keep the current value). Lists
    /// replace the current list as a whole, as docker service update --xxx-add/--xxx-rm would leave them.
    /// </summary>
    internal sealed class ServiceSettings
    {
        public string? Name { get; set; }

        public string? Image { get; set; }

        /// <summary>replicated, global, replicated-job or global-job (create only).</summary>
        public string? Mode { get; set; }

        public ulong? Replicas { get; set; }

        public ulong? MaxConcurrent { get; set; }

        public IList<string>? Command { get; set; }

        public IList<string>? Args { get; set; }

        public IList<string>? Environment { get; set; }

        public IDictionary<string, string>? Labels { get; set; }

        public IDictionary<string, string>? ContainerLabels { get; set; }

        public string? WorkingDirectory { get; set; }

        public string? User { get; set; }

        public string? Hostname { get; set; }

        public IList<MountSpecItem>? Mounts { get; set; }

        public long? CpuLimitNano { get; set; }

        public long? MemoryLimit { get; set; }

        public long? CpuReservationNano { get; set; }

        public long? MemoryReservation { get; set; }

        public IList<string>? Constraints { get; set; }

        /// <summary>Spread descriptors, e.g. node.labels.zone.</summary>
        public IList<string>? SpreadPreferences { get; set; }

        public ulong? MaxReplicasPerNode { get; set; }

        /// <summary>none, on-failure or any.</summary>
        public string? RestartCondition { get; set; }

        public TimeSpan? RestartDelay { get; set; }

        public ulong? RestartMaxAttempts { get; set; }

        public TimeSpan? RestartWindow { get; set; }

        public UpdatePolicy? Update { get; set; }

        public UpdatePolicy? Rollback { get; set; }

        public IList<string>? HealthCommand { get; set; }

        public TimeSpan? HealthInterval { get; set; }

        public TimeSpan? HealthTimeout { get; set; }

        public long? HealthRetries { get; set; }

        public TimeSpan? HealthStartPeriod { get; set; }

        public bool NoHealthCheck { get; set; }

        /// <summary>Network names or ids; "host" runs the tasks in the node's network namespace.</summary>
        public IList<string>? Networks { get; set; }

        /// <summary>DNS aliases of the tasks on each network of <see cref="Networks"/>, by the same name (a stack's short service name).</summary>
        public IDictionary<string, IList<string>>? NetworkAliases { get; set; }

        public IList<ServicePortSpec>? Ports { get; set; }

        /// <summary>vip or dnsrr.</summary>
        public string? EndpointMode { get; set; }

        public IList<FileReferenceSpec>? Secrets { get; set; }

        public IList<FileReferenceSpec>? Configs { get; set; }

        public string? StopSignal { get; set; }

        public TimeSpan? StopGracePeriod { get; set; }

        public bool? ReadOnly { get; set; }

        public bool? Init { get; set; }
    }
}
