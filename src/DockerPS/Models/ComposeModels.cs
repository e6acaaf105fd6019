using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>A compose project as Get-ComposeConfig resolves it (docker compose config): files merged, variables filled in, profiles applied.</summary>
    public sealed class ComposeProjectConfig
    {
        /// <summary>The project name: -ProjectName, the top-level name:, COMPOSE_PROJECT_NAME, or the project folder's name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The project folder: relative paths in the files are resolved from here.</summary>
        public string WorkingDirectory { get; set; } = string.Empty;

        /// <summary>The files read, in merge order (overrides last).</summary>
        public string[] ConfigFiles { get; set; } = Array.Empty<string>();

        /// <summary>The enabled services in dependency order (dependencies first).</summary>
        public ComposeService[] Services { get; set; } = Array.Empty<ComposeService>();

        public ComposeNetwork[] Networks { get; set; } = Array.Empty<ComposeNetwork>();

        public ComposeVolume[] Volumes { get; set; } = Array.Empty<ComposeVolume>();

        /// <summary>The top-level secrets (every one the file defines).</summary>
        public ComposeFileObject[] Secrets { get; set; } = Array.Empty<ComposeFileObject>();

        /// <summary>The top-level configs (every one the file defines).</summary>
        public ComposeFileObject[] Configs { get; set; } = Array.Empty<ComposeFileObject>();

        /// <summary>The profiles that were active.</summary>
        public string[] Profiles { get; set; } = Array.Empty<string>();

        /// <summary>Warnings found while reading (unset variables, obsolete version:).</summary>
        public string[] Warnings { get; set; } = Array.Empty<string>();

        public override string ToString() => Name;
    }

    /// <summary>One service of a compose project.</summary>
    public sealed class ComposeService
    {
        public string Name { get; set; } = string.Empty;

        public string Image { get; set; } = string.Empty;

        /// <summary>container_name, when set (then only one replica is possible).</summary>
        public string? ContainerName { get; set; }

        public string[]? Command { get; set; }

        public string[]? Entrypoint { get; set; }

        /// <summary>The environment after env_file and environment; a null value passes the variable through only if set.</summary>
        public Dictionary<string, string?> Environment { get; set; } = new Dictionary<string, string?>(StringComparer.Ordinal);

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Published ports in docker's short form: [ip:][host:]container[/protocol].</summary>
        public string[] Ports { get; set; } = Array.Empty<string>();

        public string[] Expose { get; set; } = Array.Empty<string>();

        public ComposeServiceVolume[] Volumes { get; set; } = Array.Empty<ComposeServiceVolume>();

        public ComposeDependency[] DependsOn { get; set; } = Array.Empty<ComposeDependency>();

        /// <summary>The project networks the service joins (project keys, not engine names).</summary>
        public string[] Networks { get; set; } = Array.Empty<string>();

        /// <summary>network_mode: none, host, service:x or container:x; then Networks is empty.</summary>
        public string? NetworkMode { get; set; }

        /// <summary>deploy.replicas or scale; 1 when neither is set.</summary>
        public int Replicas { get; set; } = 1;

        public string[] Profiles { get; set; } = Array.Empty<string>();

        public HealthCheckSpec? HealthCheck { get; set; }

        public string? Restart { get; set; }

        public string? WorkingDirectory { get; set; }

        public string? User { get; set; }

        public string? Hostname { get; set; }

        public string[] Tmpfs { get; set; } = Array.Empty<string>();

        public string? StopSignal { get; set; }

        public TimeSpan? StopGracePeriod { get; set; }

        public bool Tty { get; set; }

        public bool StdinOpen { get; set; }

        public bool Init { get; set; }

        public bool Privileged { get; set; }

        public bool ReadOnly { get; set; }

        public string[] CapAdd { get; set; } = Array.Empty<string>();

        public string[] CapDrop { get; set; } = Array.Empty<string>();

        public string[] Dns { get; set; } = Array.Empty<string>();

        public string[] ExtraHosts { get; set; } = Array.Empty<string>();

        public string[] SecurityOpt { get; set; } = Array.Empty<string>();

        /// <summary>mem_limit in bytes.</summary>
        public long? MemLimit { get; set; }

        public double? Cpus { get; set; }

        /// <summary>shm_size in bytes.</summary>
        public long? ShmSize { get; set; }

        /// <summary>missing (default), always, never or build.</summary>
        public string PullPolicy { get; set; } = "missing";

        /// <summary>ulimits in docker's form: name=soft:hard.</summary>
        public string[] Ulimits { get; set; } = Array.Empty<string>();

        public Dictionary<string, string> Sysctls { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>devices in docker's form: host[:container[:permissions]].</summary>
        public string[] Devices { get; set; } = Array.Empty<string>();

        public long? PidsLimit { get; set; }

        public long? CpuShares { get; set; }

        /// <summary>cpu_quota in microseconds.</summary>
        public long? CpuQuota { get; set; }

        /// <summary>cpu_period in microseconds.</summary>
        public long? CpuPeriod { get; set; }

        /// <summary>cpuset: the CPUs the service may use (0-3, 0,1).</summary>
        public string? Cpuset { get; set; }

        /// <summary>mem_reservation in bytes.</summary>
        public long? MemReservation { get; set; }

        /// <summary>memswap_limit in bytes; -1 is unlimited.</summary>
        public long? MemswapLimit { get; set; }

        public bool OomKillDisable { get; set; }

        public int? OomScoreAdj { get; set; }

        public string? Ipc { get; set; }

        public string? Pid { get; set; }

        public string? Uts { get; set; }

        public string? UsernsMode { get; set; }

        /// <summary>cgroup: the cgroup namespace, host or private.</summary>
        public string? Cgroup { get; set; }

        public string? Runtime { get; set; }

        public string[] DnsOpt { get; set; } = Array.Empty<string>();

        public string[] DnsSearch { get; set; } = Array.Empty<string>();

        public string[] GroupAdd { get; set; } = Array.Empty<string>();

        public string? MacAddress { get; set; }

        /// <summary>logging.driver.</summary>
        public string? LogDriver { get; set; }

        /// <summary>logging.options.</summary>
        public Dictionary<string, string> LogOptions { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The build: section; null when the service only runs an image.</summary>
        public ComposeBuild? Build { get; set; }

        /// <summary>secrets: the service uses, short or long form.</summary>
        public ComposeFileReference[] Secrets { get; set; } = Array.Empty<ComposeFileReference>();

        /// <summary>configs: the service uses, short or long form.</summary>
        public ComposeFileReference[] Configs { get; set; } = Array.Empty<ComposeFileReference>();

        /// <summary>ports: in the long form, with their mode (what a stack publishes).</summary>
        public ComposeServicePort[] PortConfigs { get; set; } = Array.Empty<ComposeServicePort>();

        /// <summary>Aliases given under a service's networks:, by network key.</summary>
        public Dictionary<string, string[]> NetworkAliases { get; set; } = new Dictionary<string, string[]>(StringComparer.Ordinal);

        /// <summary>The deploy: keys other than replicas (read only for stacks; Start-ComposeProject refuses them).</summary>
        public ComposeDeploy Deploy { get; set; } = new ComposeDeploy();

        /// <summary>The com.docker.compose.config-hash label value: a hash of the service's resolved configuration.</summary>
        public string ConfigHash { get; set; } = string.Empty;

        public override string ToString() => Name;
    }

    /// <summary>A mount of a service (short or long volume syntax).</summary>
    public sealed class ComposeServiceVolume
    {
        /// <summary>volume, bind or tmpfs.</summary>
        public string Type { get; set; } = "volume";

        /// <summary>A project volume's key, a host path (resolved from the project folder), or null for an anonymous volume.</summary>
        public string? Source { get; set; }

        public string Target { get; set; } = string.Empty;

        public bool ReadOnly { get; set; }

        public override string ToString() => (Source != null ? Source + ":" : string.Empty) + Target + (ReadOnly ? ":ro" : string.Empty);
    }

    /// <summary>depends_on: the service waited for and the condition.</summary>
    public sealed class ComposeDependency
    {
        public string Service { get; set; } = string.Empty;

        /// <summary>service_started, service_healthy or service_completed_successfully.</summary>
        public string Condition { get; set; } = "service_started";

        public bool Required { get; set; } = true;

        public bool Restart { get; set; }

        public override string ToString() => Service + " (" + Condition + ")";
    }

    /// <summary>A network of a compose project.</summary>
    public sealed class ComposeNetwork
    {
        /// <summary>The key in the file (default for the implicit one).</summary>
        public string Key { get; set; } = string.Empty;

        /// <summary>The engine's name: &lt;project&gt;_&lt;key&gt;, or name: / the external name.</summary>
        public string Name { get; set; } = string.Empty;

        public string? Driver { get; set; }

        public bool External { get; set; }

        public bool Internal { get; set; }

        public bool Attachable { get; set; }

        public Dictionary<string, string> DriverOpts { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public override string ToString() => Name;
    }

    /// <summary>A named volume of a compose project.</summary>
    public sealed class ComposeVolume
    {
        public string Key { get; set; } = string.Empty;

        /// <summary>The engine's name: &lt;project&gt;_&lt;key&gt;, or name: / the external name.</summary>
        public string Name { get; set; } = string.Empty;

        public string? Driver { get; set; }

        public bool External { get; set; }

        public Dictionary<string, string> DriverOpts { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public override string ToString() => Name;
    }

    /// <summary>
    /// A compose project on an engine (docker compose ls), found by its containers' labels. Name and Id hold its
    /// containers' names and ids, so the project pipes into Get-Container and the other container cmdlets.
    /// </summary>
    public sealed class DockerComposeProject
    {
        public string Project { get; set; } = string.Empty;

        /// <summary>As docker compose ls says it: running(2), exited(1).</summary>
        public string Status { get; set; } = string.Empty;

        public string[] ConfigFiles { get; set; } = Array.Empty<string>();

        public string WorkingDirectory { get; set; } = string.Empty;

        public string[] Services { get; set; } = Array.Empty<string>();

        /// <summary>The names of the project's containers (what Get-Container and Stop-Container bind from a piped project).</summary>
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>The ids of the project's containers.</summary>
        public string[] Id { get; set; } = Array.Empty<string>();

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Project;
    }

    /// <summary>A stack on a swarm (docker stack ls): the services that carry com.docker.stack.namespace=Name.</summary>
    public sealed class SwarmStack
    {
        /// <summary>The stack name (the com.docker.stack.namespace label).</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>How many services the stack has.</summary>
        public int Services { get; set; }

        /// <summary>The stack's service names, as the swarm knows them (&lt;stack&gt;_&lt;service&gt;).</summary>
        public string[] ServiceNames { get; set; } = Array.Empty<string>();

        /// <summary>Always Swarm (docker stack ls's ORCHESTRATOR column).</summary>
        public string Orchestrator { get; set; } = "Swarm";

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name;
    }
}
