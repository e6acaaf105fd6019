using System;

namespace DockerPS.Models
{
    /// <summary>What one prune removed, and the disk space it freed.</summary>
    public sealed class DockerPruneResult
    {
        /// <summary>Container, Image, Network, Volume or BuildCache.</summary>
        public string Type { get; set; } = string.Empty;

        /// <summary>The ids (containers, images, build cache) or names (networks, volumes) removed.</summary>
        public string[] Deleted { get; set; } = Array.Empty<string>();

        /// <summary>Image references untagged on the way (images only).</summary>
        public string[] Untagged { get; set; } = Array.Empty<string>();

        /// <summary>Bytes freed, as the engine reports them (0 for networks).</summary>
        public long ReclaimedBytes { get; set; }

        /// <summary>The engine that pruned.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => $"{Type}: {Deleted.Length} deleted, {ReclaimedBytes} bytes";
    }
}
