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
