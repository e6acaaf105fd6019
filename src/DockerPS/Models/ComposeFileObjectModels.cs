using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>
    /// A top-level secret or config of a compose file: where its bytes come from (a file, an environment variable,
    /// or for configs inline content) or that it already exists (external). An environment source is kept as the
    /// variable's name only; its value is read when the project is started or deployed, so it is never part of
    /// this object.
    /// </summary>
    public sealed class ComposeFileObject
    {
        /// <summary>The key in the file.</summary>
        public string Key { get; set; } = string.Empty;

        /// <summary>The engine's name: &lt;project&gt;_&lt;key&gt;, or name: / the external name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>secret or config.</summary>
        public string Kind { get; set; } = "secret";

        /// <summary>file: resolved from the project folder.</summary>
        public string? File { get; set; }

        /// <summary>environment: the variable whose value is the data.</summary>
        public string? Environment { get; set; }

        /// <summary>content: inline data (configs only).</summary>
        public string? Content { get; set; }

        public bool External { get; set; }

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public override string ToString() => Name;
    }

    /// <summary>A service's use of a secret or config (short form: the key; long form: source, target, uid, gid, mode).</summary>
    public sealed class ComposeFileReference
    {
        /// <summary>The key of the top-level secret or config.</summary>
        public string Source { get; set; } = string.Empty;

        /// <summary>target:, or null when not given (then each consumer applies its default).</summary>
        public string? Target { get; set; }

        public string? Uid { get; set; }

        public string? Gid { get; set; }

        /// <summary>The file mode (mode: is octal in the file, as in compose).</summary>
        public uint? Mode { get; set; }

        public override string ToString() => Source + (Target != null ? ":" + Target : string.Empty);
    }

    /// <summary>A published port in the long form (stacks need mode, which the short text form cannot carry).</summary>
    public sealed class ComposeServicePort
    {
        public int Target { get; set; }

        public int? Published { get; set; }

        /// <summary>tcp, udp or sctp.</summary>
        public string Protocol { get; set; } = "tcp";

        /// <summary>ingress (the default) or host.</summary>
        public string Mode { get; set; } = "ingress";

        public override string ToString() => (Published.HasValue ? Published + ":" : string.Empty) + Target + "/" + Protocol + (Mode != "ingress" ? " (" + Mode + ")" : string.Empty);
    }

    /// <summary>The deploy: keys of a service beyond replicas, as docker stack deploy reads them.</summary>
    public sealed class ComposeDeploy
    {
        /// <summary>replicated (default) or global.</summary>
        public string Mode { get; set; } = "replicated";

        /// <summary>vip or dnsrr; null for the engine's default.</summary>
        public string? EndpointMode { get; set; }

        /// <summary>deploy.labels: labels of the service itself (the service's labels: go on its containers).</summary>
        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public double? CpuLimit { get; set; }

        public long? MemoryLimit { get; set; }

        public double? CpuReservation { get; set; }

        public long? MemoryReservation { get; set; }

        /// <summary>restart_policy.condition: none, on-failure or any.</summary>
        public string? RestartCondition { get; set; }

        public TimeSpan? RestartDelay { get; set; }

        public ulong? RestartMaxAttempts { get; set; }

        public TimeSpan? RestartWindow { get; set; }

        public string[] Constraints { get; set; } = Array.Empty<string>();

        /// <summary>placement.preferences: the spread descriptors.</summary>
        public string[] Preferences { get; set; } = Array.Empty<string>();

        public ulong? MaxReplicasPerNode { get; set; }

        public ComposeUpdateConfig? UpdateConfig { get; set; }

        public ComposeUpdateConfig? RollbackConfig { get; set; }
    }

    /// <summary>deploy.update_config or deploy.rollback_config.</summary>
    public sealed class ComposeUpdateConfig
    {
        public ulong? Parallelism { get; set; }

        public TimeSpan? Delay { get; set; }

        /// <summary>continue, pause or rollback.</summary>
        public string? FailureAction { get; set; }

        public TimeSpan? Monitor { get; set; }

        public float? MaxFailureRatio { get; set; }

        /// <summary>stop-first or start-first.</summary>
        public string? Order { get; set; }
    }
}
