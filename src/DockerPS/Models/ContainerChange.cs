namespace DockerPS.Models
{
    /// <summary>How a path changed in a container's file system relative to its image.</summary>
    public enum ContainerChangeKind
    {
        Modified = 0,
        Added = 1,
        Deleted = 2,
    }

    /// <summary>One changed path (Get-ContainerChange, docker diff).</summary>
    public sealed class ContainerChange
    {
        public ContainerChangeKind Kind { get; set; }

        public string Path { get; set; } = string.Empty;

        public string ContainerName { get; set; } = string.Empty;

        public string ContainerId { get; set; } = string.Empty;

        public string Engine { get; set; } = string.Empty;

        /// <summary>docker diff notation: "C /etc", "A /tmp/x", "D /var/old".</summary>
        public override string ToString() => (Kind == ContainerChangeKind.Modified ? "C" : Kind == ContainerChangeKind.Added ? "A" : "D") + " " + Path;
    }
}
