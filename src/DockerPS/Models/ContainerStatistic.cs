using System;

namespace DockerPS.Models
{
    /// <summary>One resource-use sample of a container (Get-ContainerStatistic, docker stats).</summary>
    public sealed class ContainerStatistic
    {
        /// <summary>When the engine read the sample, in local time.</summary>
        public DateTime Time { get; set; }

        /// <summary>CPU use since the previous sample, in percent of one CPU (200 = two CPUs busy), as docker stats shows it.</summary>
        public double CpuPercent { get; set; }

        public long MemoryUsage { get; set; }

        public long MemoryLimit { get; set; }

        public double MemoryPercent { get; set; }

        public long NetworkReceived { get; set; }

        public long NetworkSent { get; set; }

        public long BlockRead { get; set; }

        public long BlockWritten { get; set; }

        public long Pids { get; set; }

        public int OnlineCpus { get; set; }

        public string ContainerName { get; set; } = string.Empty;

        public string ContainerId { get; set; } = string.Empty;

        public string Engine { get; set; } = string.Empty;
    }
}
