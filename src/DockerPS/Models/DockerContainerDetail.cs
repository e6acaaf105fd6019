using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>A container inspected (docker inspect): its state, configuration and host settings.</summary>
    public sealed class DockerContainerDetail
    {
        public string Id { get; set; } = string.Empty;

        /// <summary>The name, without docker's leading '/'.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The image as given at create time.</summary>
        public string Image { get; set; } = string.Empty;

        public string ImageId { get; set; } = string.Empty;

        public DateTime Created { get; set; }

        /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
        public string State { get; set; } = string.Empty;

        public bool Running { get; set; }

        public bool Paused { get; set; }

        public bool Restarting { get; set; }

        public bool OomKilled { get; set; }

        public int Pid { get; set; }

        public long ExitCode { get; set; }

        /// <summary>Why the container could not start, if it could not.</summary>
        public string? Error { get; set; }

        public DateTime? StartedAt { get; set; }

        public DateTime? FinishedAt { get; set; }

        /// <summary>healthy, unhealthy, starting; null without a health check.</summary>
        public string? Health { get; set; }

        public long RestartCount { get; set; }

        /// <summary>The process the container runs: entrypoint and command joined.</summary>
        public string[] Command { get; set; } = Array.Empty<string>();

        public string[] Entrypoint { get; set; } = Array.Empty<string>();

        public string[] Cmd { get; set; } = Array.Empty<string>();

        /// <summary>KEY=VALUE entries of the container's environment.</summary>
        public string[] Environment { get; set; } = Array.Empty<string>();

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public string WorkingDirectory { get; set; } = string.Empty;

        public string User { get; set; } = string.Empty;

        public string Hostname { get; set; } = string.Empty;

        public bool Tty { get; set; }

        public bool Interactive { get; set; }

        public string? StopSignal { get; set; }

        public int? StopTimeout { get; set; }

        public string NetworkMode { get; set; } = string.Empty;

        /// <summary>Network name → the container's IPv4 address on it (empty when it has none).</summary>
        public Dictionary<string, string> Networks { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Published and exposed ports as configured (what the engine stored, running or not).</summary>
        public PortMapping[] Ports { get; set; } = Array.Empty<PortMapping>();

        /// <summary>The ports the engine bound for the running container (NetworkSettings.Ports, what docker port shows).</summary>
        public PortMapping[] PublishedPorts { get; set; } = Array.Empty<PortMapping>();

        public MountSummary[] Mounts { get; set; } = Array.Empty<MountSummary>();

        /// <summary>no, always, unless-stopped or on-failure.</summary>
        public string RestartPolicy { get; set; } = string.Empty;

        public long RestartMaximumRetryCount { get; set; }

        /// <summary>Memory limit in bytes; 0 for none.</summary>
        public long Memory { get; set; }

        public long MemorySwap { get; set; }

        /// <summary>CPU limit in CPUs (docker --cpus); 0 for none.</summary>
        public double Cpus { get; set; }

        public long CpuShares { get; set; }

        public bool AutoRemove { get; set; }

        public bool ReadOnlyRootFilesystem { get; set; }

        public bool Privileged { get; set; }

        public string[] CapAdd { get; set; } = Array.Empty<string>();

        public string[] CapDrop { get; set; } = Array.Empty<string>();

        public HealthCheckSpec? HealthCheck { get; set; }

        public string LogPath { get; set; } = string.Empty;

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name;
    }

    /// <summary>How a container ended (docker wait).</summary>
    public sealed class DockerContainerExit
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public long ExitCode { get; set; }

        /// <summary>The engine's error for the wait, if any.</summary>
        public string? Error { get; set; }

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name + " exited " + ExitCode;
    }

    /// <summary>What Invoke-Container gives back for a container it ran to the end (docker run).</summary>
    public sealed class DockerRunResult
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Image { get; set; } = string.Empty;

        /// <summary>The container's exit code; also left in $LASTEXITCODE, as a native command does.</summary>
        public long ExitCode { get; set; }

        /// <summary>Everything the container wrote to stdout.</summary>
        public string Stdout { get; set; } = string.Empty;

        /// <summary>Everything the container wrote to stderr.</summary>
        public string Stderr { get; set; } = string.Empty;

        /// <summary>Whether the container was removed afterwards (-Remove).</summary>
        public bool Removed { get; set; }

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Stdout;
    }
}
