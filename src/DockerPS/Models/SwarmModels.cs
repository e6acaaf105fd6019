using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>A swarm as Get-DockerSwarm returns it (docker swarm inspect, docker swarm join-token, docker info's Swarm part).</summary>
    public sealed class DockerSwarm
    {
        /// <summary>The cluster id.</summary>
        public string Id { get; set; } = string.Empty;

        /// <summary>The id of the node this engine is.</summary>
        public string NodeId { get; set; } = string.Empty;

        /// <summary>This engine's membership: active, inactive, pending, error or locked.</summary>
        public string LocalNodeState { get; set; } = string.Empty;

        /// <summary>Whether this engine is a manager.</summary>
        public bool IsManager { get; set; }

        /// <summary>The address this node is reached at by the other nodes.</summary>
        public string NodeAddress { get; set; } = string.Empty;

        /// <summary>The managers' addresses (host:port), to join the swarm through.</summary>
        public string[] ManagerAddresses { get; set; } = Array.Empty<string>();

        public int Nodes { get; set; }

        public int Managers { get; set; }

        /// <summary>The token a worker joins with (docker swarm join-token worker).</summary>
        public string WorkerToken { get; set; } = string.Empty;

        /// <summary>The token a manager joins with (docker swarm join-token manager).</summary>
        public string ManagerToken { get; set; } = string.Empty;

        /// <summary>Managers lock their raft data at restart until unlocked with the unlock key.</summary>
        public bool AutoLock { get; set; }

        /// <summary>How many finished tasks per slot the swarm keeps.</summary>
        public long? TaskHistoryLimit { get; set; }

        /// <summary>How often nodes report to the dispatcher.</summary>
        public TimeSpan? DispatcherHeartbeat { get; set; }

        /// <summary>Raft log entries between snapshots.</summary>
        public ulong? SnapshotInterval { get; set; }

        public TimeSpan? CertificateExpiry { get; set; }

        /// <summary>The pools overlay networks get their subnets from.</summary>
        public string[] DefaultAddressPool { get; set; } = Array.Empty<string>();

        public uint SubnetSize { get; set; }

        /// <summary>The VXLAN port of overlay traffic.</summary>
        public uint DataPathPort { get; set; }

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public DateTime? Created { get; set; }

        public DateTime? Updated { get; set; }

        /// <summary>The object version updates are made against.</summary>
        public ulong Version { get; set; }

        /// <summary>The engine asked.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Id;
    }

    /// <summary>A swarm node as Get-SwarmNode returns it (docker node ls / inspect).</summary>
    public sealed class SwarmNode
    {
        public string Id { get; set; } = string.Empty;

        /// <summary>The node's host name.</summary>
        public string Hostname { get; set; } = string.Empty;

        /// <summary>worker or manager.</summary>
        public string Role { get; set; } = string.Empty;

        /// <summary>active, pause or drain.</summary>
        public string Availability { get; set; } = string.Empty;

        /// <summary>ready, down, unknown or disconnected.</summary>
        public string Status { get; set; } = string.Empty;

        public string StatusMessage { get; set; } = string.Empty;

        /// <summary>The node's IP address as the swarm sees it.</summary>
        public string Address { get; set; } = string.Empty;

        /// <summary>For managers: reachable, unreachable or unknown.</summary>
        public string? ManagerReachability { get; set; }

        /// <summary>This manager is the raft leader.</summary>
        public bool Leader { get; set; }

        /// <summary>For managers: the address other managers reach it at.</summary>
        public string? ManagerAddress { get; set; }

        public string EngineVersion { get; set; } = string.Empty;

        /// <summary>The node's labels (docker node update --label-add), used by placement constraints.</summary>
        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The engine's own labels (dockerd --label).</summary>
        public Dictionary<string, string> EngineLabels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public string OS { get; set; } = string.Empty;

        public string Architecture { get; set; } = string.Empty;

        public long? NanoCpus { get; set; }

        public long? MemoryBytes { get; set; }

        /// <summary>The node is the engine asked (docker node ls marks it with *).</summary>
        public bool Self { get; set; }

        public DateTime? Created { get; set; }

        public DateTime? Updated { get; set; }

        public ulong Version { get; set; }

        /// <summary>The manager engine this was read from.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Hostname.Length > 0 ? Hostname : Id;
    }

    /// <summary>A published port of a service.</summary>
    public sealed class SwarmServicePort
    {
        public uint TargetPort { get; set; }

        public uint? PublishedPort { get; set; }

        public string Protocol { get; set; } = "tcp";

        /// <summary>ingress (routing mesh) or host.</summary>
        public string PublishMode { get; set; } = "ingress";

        public override string ToString() =>
            (PublishedPort.HasValue ? "*:" + PublishedPort.Value + "->" : string.Empty) + TargetPort + "/" + Protocol;
    }

    /// <summary>A secret or config a service mounts into its tasks.</summary>
    public sealed class SwarmFileReference
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        /// <summary>The file inside the task.</summary>
        public string Target { get; set; } = string.Empty;

        public override string ToString() => Name + ":" + Target;
    }

    /// <summary>A swarm service as Get-SwarmService returns it (docker service ls / inspect).</summary>
    public sealed class SwarmService
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        /// <summary>replicated, global, replicated-job or global-job.</summary>
        public string Mode { get; set; } = string.Empty;

        /// <summary>The replicas asked for (replicated services), or the completions (replicated jobs).</summary>
        public ulong? Replicas { get; set; }

        /// <summary>Tasks running now.</summary>
        public ulong RunningTasks { get; set; }

        /// <summary>Tasks the orchestrator wants running.</summary>
        public ulong DesiredTasks { get; set; }

        /// <summary>Tasks that completed (jobs).</summary>
        public ulong CompletedTasks { get; set; }

        public string Image { get; set; } = string.Empty;

        public string[] Command { get; set; } = Array.Empty<string>();

        public string[] Args { get; set; } = Array.Empty<string>();

        public string[] Environment { get; set; } = Array.Empty<string>();

        /// <summary>The service's labels.</summary>
        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The labels every task's container gets.</summary>
        public Dictionary<string, string> ContainerLabels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public SwarmServicePort[] Ports { get; set; } = Array.Empty<SwarmServicePort>();

        /// <summary>Placement constraints such as node.role==worker.</summary>
        public string[] Constraints { get; set; } = Array.Empty<string>();

        /// <summary>Spread preferences such as node.labels.zone.</summary>
        public string[] SpreadPreferences { get; set; } = Array.Empty<string>();

        public string[] Mounts { get; set; } = Array.Empty<string>();

        public string[] Networks { get; set; } = Array.Empty<string>();

        public SwarmFileReference[] Secrets { get; set; } = Array.Empty<SwarmFileReference>();

        public SwarmFileReference[] Configs { get; set; } = Array.Empty<SwarmFileReference>();

        public string? RestartCondition { get; set; }

        public string? StopSignal { get; set; }

        public TimeSpan? StopGracePeriod { get; set; }

        /// <summary>What a failed update does: pause, continue or rollback.</summary>
        public string? UpdateFailureAction { get; set; }

        /// <summary>The last update's state: updating, paused, completed, rollback_started, rollback_paused, rollback_completed.</summary>
        public string? UpdateState { get; set; }

        public string? UpdateMessage { get; set; }

        /// <summary>The image before the last update (what a rollback goes back to).</summary>
        public string? PreviousImage { get; set; }

        /// <summary>How many times the tasks were redeployed without a change (-Force).</summary>
        public ulong ForceUpdate { get; set; }

        public DateTime? Created { get; set; }

        public DateTime? Updated { get; set; }

        public ulong Version { get; set; }

        /// <summary>The manager engine this was read from.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name;
    }

    /// <summary>A task of a service as Get-SwarmTask returns it (docker service ps / inspect).</summary>
    public sealed class SwarmTask
    {
        public string Id { get; set; } = string.Empty;

        /// <summary>service.slot for replicated services, service.node for global ones, as docker service ps names them.</summary>
        public string Name { get; set; } = string.Empty;

        public string ServiceId { get; set; } = string.Empty;

        public string ServiceName { get; set; } = string.Empty;

        public long? Slot { get; set; }

        public string NodeId { get; set; } = string.Empty;

        /// <summary>The host name of the node the task was given to.</summary>
        public string NodeName { get; set; } = string.Empty;

        public string Image { get; set; } = string.Empty;

        /// <summary>running, shutdown, ... : what the orchestrator wants.</summary>
        public string DesiredState { get; set; } = string.Empty;

        /// <summary>new, pending, assigned, preparing, starting, running, complete, failed, shutdown, rejected, orphaned, remove.</summary>
        public string State { get; set; } = string.Empty;

        /// <summary>When the task reached its current state.</summary>
        public DateTime? StateTime { get; set; }

        public string Message { get; set; } = string.Empty;

        public string Error { get; set; } = string.Empty;

        public string ContainerId { get; set; } = string.Empty;

        public long? ExitCode { get; set; }

        public DateTime? Created { get; set; }

        /// <summary>The manager engine this was read from.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name;
    }

    /// <summary>A swarm secret as Get-SwarmSecret returns it. Its data never leaves the swarm.</summary>
    public sealed class SwarmSecret
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The secret store driver; empty for the swarm's own raft store.</summary>
        public string Driver { get; set; } = string.Empty;

        public DateTime? Created { get; set; }

        public DateTime? Updated { get; set; }

        public ulong Version { get; set; }

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name;
    }

    /// <summary>A swarm config as Get-SwarmConfig returns it, with its data (configs are not secret).</summary>
    public sealed class SwarmConfig
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The config's bytes.</summary>
        public byte[] Data { get; set; } = Array.Empty<byte>();

        /// <summary>The data as UTF-8 text.</summary>
        public string Text => System.Text.Encoding.UTF8.GetString(Data);

        public DateTime? Created { get; set; }

        public DateTime? Updated { get; set; }

        public ulong Version { get; set; }

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name;
    }
}
