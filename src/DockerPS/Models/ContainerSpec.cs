using System;
using System.Collections.Generic;
using DockerPS.Specs;

namespace DockerPS.Models
{
    /// <summary>Everything New-Container asks the engine for, in the module's own terms.</summary>
    internal sealed class ContainerCreateSpec
    {
        public string Image { get; set; } = string.Empty;

        public string? Name { get; set; }

        public List<string>? Command { get; set; }

        public List<string>? Entrypoint { get; set; }

        public List<string> Environment { get; set; } = new List<string>();

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public string? WorkingDirectory { get; set; }

        public string? User { get; set; }

        public string? Hostname { get; set; }

        public bool Tty { get; set; }

        public bool Interactive { get; set; }

        public List<PortBindingSpec> Ports { get; set; } = new List<PortBindingSpec>();

        /// <summary>Ports exposed without publishing (80/tcp).</summary>
        public List<string> Expose { get; set; } = new List<string>();

        public List<MountSpecItem> Mounts { get; set; } = new List<MountSpecItem>();

        /// <summary>-v with a source, as docker sends it: source:target[:options] (HostConfig.Binds).</summary>
        public List<string> Binds { get; set; } = new List<string>();

        /// <summary>-v with a target alone: anonymous volumes (Config.Volumes).</summary>
        public List<string> AnonymousVolumes { get; set; } = new List<string>();

        /// <summary>--tmpfs path → its mount options, as docker sends them (HostConfig.Tmpfs).</summary>
        public Dictionary<string, string> Tmpfs { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Whether stdout and stderr are attached (docker create and run without -d).</summary>
        public bool AttachOutput { get; set; }

        public string? Platform { get; set; }

        public string? Isolation { get; set; }

        public bool PublishAllPorts { get; set; }

        public bool? Init { get; set; }

        public List<string> ExtraHosts { get; set; } = new List<string>();

        public List<string> Dns { get; set; } = new List<string>();

        public List<string> DnsSearch { get; set; } = new List<string>();

        public List<string> DnsOptions { get; set; } = new List<string>();

        public List<UlimitSpec> Ulimits { get; set; } = new List<UlimitSpec>();

        public List<DeviceSpec> Devices { get; set; } = new List<DeviceSpec>();

        public GpuRequestSpec? Gpus { get; set; }

        public string? LogDriver { get; set; }

        public Dictionary<string, string> LogOptions { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public long? ShmSize { get; set; }

        public Dictionary<string, string> Sysctls { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public List<string> SecurityOptions { get; set; } = new List<string>();

        public long? PidsLimit { get; set; }

        public List<string> NetworkAliases { get; set; } = new List<string>();

        public string? IPv4Address { get; set; }

        public string? IPv6Address { get; set; }

        public string? MacAddress { get; set; }

        public string? IpcMode { get; set; }

        public string? PidMode { get; set; }

        public string? UtsMode { get; set; }

        public string? UsernsMode { get; set; }

        public string? CgroupnsMode { get; set; }

        public List<string> VolumesFrom { get; set; } = new List<string>();

        public string? Runtime { get; set; }

        public long? MemoryReservation { get; set; }

        public string? CpusetCpus { get; set; }

        public string? CpusetMems { get; set; }

        public long? CpuPeriod { get; set; }

        public long? CpuQuota { get; set; }

        public ushort? BlkioWeight { get; set; }

        public bool? OomKillDisable { get; set; }

        public int? OomScoreAdj { get; set; }

        public Dictionary<string, string> StorageOptions { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public List<string> GroupAdd { get; set; } = new List<string>();

        public string? Network { get; set; }

        public string? RestartPolicy { get; set; }

        public long RestartMaximumRetryCount { get; set; }

        public long? Memory { get; set; }

        public long? MemorySwap { get; set; }

        public long? NanoCpus { get; set; }

        public long? CpuShares { get; set; }

        public bool AutoRemove { get; set; }

        public bool ReadOnlyRootFilesystem { get; set; }

        public bool Privileged { get; set; }

        public List<string> CapAdd { get; set; } = new List<string>();

        public List<string> CapDrop { get; set; } = new List<string>();

        public HealthCheckSpec? HealthCheck { get; set; }

        public string? StopSignal { get; set; }

        public int? StopTimeoutSeconds { get; set; }

        /// <summary>
        /// The escape hatch: Engine API create-body fields (as in POST /containers/create) merged over what the
        /// parameters set, as plain dictionaries, lists and scalars.
        /// </summary>
        public IDictionary<string, object?>? Extra { get; set; }
    }

    /// <summary>docker --ulimit name=soft[:hard].</summary>
    internal sealed class UlimitSpec
    {
        public string Name { get; set; } = string.Empty;

        public long Soft { get; set; }

        public long Hard { get; set; }
    }

    /// <summary>docker --device host[:container[:permissions]].</summary>
    internal sealed class DeviceSpec
    {
        public string PathOnHost { get; set; } = string.Empty;

        public string PathInContainer { get; set; } = string.Empty;

        public string CgroupPermissions { get; set; } = "rwm";
    }

    /// <summary>docker --gpus: all, a count, or device=ids, with an optional driver and capabilities.</summary>
    internal sealed class GpuRequestSpec
    {
        public string Driver { get; set; } = string.Empty;

        public long Count { get; set; }

        public List<string>? DeviceIds { get; set; }

        public List<string> Capabilities { get; set; } = new List<string>();

        public Dictionary<string, string> Options { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>A container health check (docker --health-*).</summary>
    public sealed class HealthCheckSpec
    {
        /// <summary>["CMD-SHELL", "..."], ["CMD", ...] or ["NONE"].</summary>
        public List<string> Test { get; set; } = new List<string>();

        public TimeSpan? Interval { get; set; }

        public TimeSpan? Timeout { get; set; }

        public int? Retries { get; set; }

        public TimeSpan? StartPeriod { get; set; }
    }

    /// <summary>What Update-Container changes; null leaves a setting as it is.</summary>
    internal sealed class ContainerUpdateSpec
    {
        public long? Memory { get; set; }

        public long? MemorySwap { get; set; }

        public long? NanoCpus { get; set; }

        public long? CpuShares { get; set; }

        public string? RestartPolicy { get; set; }

        public long RestartMaximumRetryCount { get; set; }

        public long? PidsLimit { get; set; }
    }

    /// <summary>The result of creating a container.</summary>
    internal sealed class ContainerCreated
    {
        public string Id { get; set; } = string.Empty;

        public string[] Warnings { get; set; } = Array.Empty<string>();
    }
}
