using System;

namespace DockerPS.Models
{
    /// <summary>What a command run in a container (Invoke-ContainerCommand) returned.</summary>
    public sealed class ContainerCommandResult
    {
        public string ContainerName { get; set; } = string.Empty;

        public string ContainerId { get; set; } = string.Empty;

        /// <summary>The exec instance id.</summary>
        public string ExecId { get; set; } = string.Empty;

        public string[] Command { get; set; } = Array.Empty<string>();

        /// <summary>The process's exit code; null for -Detach, where the process is still running.</summary>
        public int? ExitCode { get; set; }

        /// <summary>True when the exit code is 0 (like $? after a native command).</summary>
        public bool Succeeded => ExitCode == 0;

        /// <summary>Everything the process wrote to stdout (with a TTY: all of its output).</summary>
        public string Stdout { get; set; } = string.Empty;

        /// <summary>Everything the process wrote to stderr (empty with a TTY).</summary>
        public string Stderr { get; set; } = string.Empty;

        /// <summary>Stdout split into lines, without line endings.</summary>
        public string[] StdoutLines => Split(Stdout);

        /// <summary>Stderr split into lines, without line endings.</summary>
        public string[] StderrLines => Split(Stderr);

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Stdout;

        private static string[] Split(string text)
        {
            if (text.Length == 0)
            {
                return Array.Empty<string>();
            }

            string trimmed = text.EndsWith("\n", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
            string[] lines = trimmed.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = lines[i].TrimEnd('\r');
            }

            return lines;
        }
    }
}
