namespace DockerPS.Models
{
    /// <summary>One published port of a container (Get-ContainerPort, docker port): a port inside and where the engine bound it.</summary>
    public sealed class ContainerPort
    {
        public string ContainerName { get; set; } = string.Empty;

        public string ContainerId { get; set; } = string.Empty;

        /// <summary>The port inside the container.</summary>
        public int PrivatePort { get; set; }

        /// <summary>tcp, udp or sctp.</summary>
        public string Protocol { get; set; } = "tcp";

        /// <summary>The host address the engine bound (0.0.0.0 or :: for every address).</summary>
        public string HostIp { get; set; } = string.Empty;

        /// <summary>The port on the host.</summary>
        public int? HostPort { get; set; }

        public string Engine { get; set; } = string.Empty;

        /// <summary>The private side as docker writes it: 80/tcp.</summary>
        public string Private => PrivatePort.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + Protocol;

        /// <summary>The host side as docker port prints it: 127.0.0.1:8080, [::]:8080.</summary>
        public string HostAddress => (HostIp.Contains(":") ? "[" + HostIp + "]" : HostIp) + ":" + HostPort;

        /// <summary>docker port's line: 80/tcp -> 127.0.0.1:8080.</summary>
        public override string ToString() => Private + " -> " + HostAddress;
    }
}
