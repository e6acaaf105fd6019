using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>A volume as Get-ContainerVolume returns it (docker volume ls / inspect).</summary>
    public sealed class DockerVolume
    {
        public DockerVolume()
        {
        }

        /// <summary>A volume known only by name: PowerShell uses this to turn a typed name into a volume.</summary>
        public DockerVolume(string name)
        {
            Name = name ?? string.Empty;
        }

        public string Name { get; set; } = string.Empty;

        /// <summary>local, or a plugin's name.</summary>
        public string Driver { get; set; } = string.Empty;

        /// <summary>Where the volume's data lives on the engine's host.</summary>
        public string Mountpoint { get; set; } = string.Empty;

        /// <summary>local or global.</summary>
        public string Scope { get; set; } = string.Empty;

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Driver options.</summary>
        public Dictionary<string, string> Options { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>When the volume was created, in local time (null when the engine does not say).</summary>
        public DateTime? Created { get; set; }

        /// <summary>The containers that mount the volume, running or not (from the engine's disk usage data).</summary>
        public VolumeUser[] UsedBy { get; set; } = Array.Empty<VolumeUser>();

        /// <summary>How many containers reference the volume, as the engine counts them (null when unknown).</summary>
        public long? RefCount { get; set; }

        /// <summary>Bytes the volume holds (null when unknown, e.g. for volumes of other drivers).</summary>
        public long? Size { get; set; }

        /// <summary>The engine this volume lives on.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name;
    }

    /// <summary>A container that mounts a volume.</summary>
    public sealed class VolumeUser
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        /// <summary>Where the volume is mounted inside the container.</summary>
        public string Destination { get; set; } = string.Empty;

        public override string ToString() => Name.Length > 0 ? Name : Id;
    }
}
