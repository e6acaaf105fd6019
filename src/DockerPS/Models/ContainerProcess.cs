using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>One process running in a container (Get-ContainerProcess, docker top).</summary>
    public sealed class ContainerProcess
    {
        /// <summary>The process id on the engine's host.</summary>
        public int? Pid { get; set; }

        /// <summary>The parent's process id on the engine's host.</summary>
        public int? ParentPid { get; set; }

        public string User { get; set; } = string.Empty;

        /// <summary>The command line (ps's CMD or COMMAND column).</summary>
        public string Command { get; set; } = string.Empty;

        /// <summary>Every column ps printed, by its title (UID, PID, PPID, C, STIME, TTY, TIME, CMD ...).</summary>
        public Dictionary<string, string> Fields { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public string ContainerName { get; set; } = string.Empty;

        public string ContainerId { get; set; } = string.Empty;

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Command;
    }
}
