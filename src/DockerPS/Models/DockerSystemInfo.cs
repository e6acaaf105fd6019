using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>The engine's system report (docker info).</summary>
    public sealed class DockerSystemInfo
    {
        /// <summary>The engine host's name.</summary>
        public string Name { get; set; } = string.Empty;

        public string Id { get; set; } = string.Empty;

        public string ServerVersion { get; set; } = string.Empty;

        public string OperatingSystem { get; set; } = string.Empty;

        /// <summary>linux or windows: the kind of containers the engine runs.</summary>
        public string OSType { get; set; } = string.Empty;

        public string Architecture { get; set; } = string.Empty;

        public string KernelVersion { get; set; } = string.Empty;

        /// <summary>Logical CPUs of the host.</summary>
        public long Cpus { get; set; }

        /// <summary>Bytes of memory of the host.</summary>
        public long MemoryTotal { get; set; }

        public long Containers { get; set; }

        public long ContainersRunning { get; set; }

        public long ContainersPaused { get; set; }

        public long ContainersStopped { get; set; }

        public long Images { get; set; }

        /// <summary>The storage driver, e.g. overlay2.</summary>
        public string StorageDriver { get; set; } = string.Empty;

        public string LoggingDriver { get; set; } = string.Empty;

        public string CgroupDriver { get; set; } = string.Empty;

        public string CgroupVersion { get; set; } = string.Empty;

        public string DockerRootDir { get; set; } = string.Empty;

        public string DefaultRuntime { get; set; } = string.Empty;

        public string[] Runtimes { get; set; } = Array.Empty<string>();

        public string[] SecurityOptions { get; set; } = Array.Empty<string>();

        /// <summary>Registries the engine talks to over plain HTTP.</summary>
        public string[] InsecureRegistries { get; set; } = Array.Empty<string>();

        /// <summary>Swarm state: inactive, active, ...</summary>
        public string SwarmState { get; set; } = string.Empty;

        public bool Debug { get; set; }

        public bool LiveRestoreEnabled { get; set; }

        /// <summary>The engine host's clock.</summary>
        public DateTime? SystemTime { get; set; }

        public string[] Labels { get; set; } = Array.Empty<string>();

        public string[] Warnings { get; set; } = Array.Empty<string>();

        /// <summary>The engine this report came from.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name;
    }
}
