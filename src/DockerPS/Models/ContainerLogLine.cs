using System;

namespace DockerPS.Models
{
    /// <summary>Where a line of container output came from.</summary>
    public enum ContainerOutputStream
    {
        /// <summary>Standard output; also every line of a TTY container, whose output is one stream.</summary>
        Stdout = 1,

        /// <summary>Standard error.</summary>
        Stderr = 2,
    }

    /// <summary>One line of a container's log (Get-ContainerLog).</summary>
    public sealed class ContainerLogLine
    {
        /// <summary>When the engine received the line, in local time.</summary>
        public DateTime? Time { get; set; }

        public ContainerOutputStream Stream { get; set; }

        /// <summary>The line without its line ending.</summary>
        public string Text { get; set; } = string.Empty;

        public string ContainerName { get; set; } = string.Empty;

        public string ContainerId { get; set; } = string.Empty;

        /// <summary>For service logs (Get-SwarmServiceLog): the swarm task that wrote the line.</summary>
        public string? TaskId { get; set; }

        /// <summary>For service logs: the host name of the node the task ran on.</summary>
        public string? Node { get; set; }

        /// <summary>For service logs: the service's name.</summary>
        public string? Service { get; set; }

        /// <summary>The engine the container lives on (for service logs: the manager asked).</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Text;
    }
}
