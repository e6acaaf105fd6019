using System;

namespace DockerPS.Models
{
    /// <summary>What is at a path in a container (the archive API's stat header).</summary>
    public sealed class ContainerPathInfo
    {
        public string Name { get; set; } = string.Empty;

        public long Size { get; set; }

        /// <summary>Go's os.FileMode bits: permission bits plus type flags (directory = 1 &lt;&lt; 31, symlink = 1 &lt;&lt; 27).</summary>
        public uint Mode { get; set; }

        public DateTime Modified { get; set; }

        public string? LinkTarget { get; set; }

        public bool IsDirectory => (Mode & 0x80000000u) != 0;
    }
}
