using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>A container as Get-Container lists it (docker ps -a).</summary>
    public sealed class DockerContainer
    {
        /// <summary>The full 64-character container id.</summary>
        public string Id { get; set; } = string.Empty;

        /// <summary>The primary name, without docker's leading '/'.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>All names (links add more), without the leading '/'.</summary>
        public string[] Names { get; set; } = Array.Empty<string>();

        /// <summary>The image as the container was created from it (reference or id).</summary>
        public string Image { get; set; } = string.Empty;

        /// <summary>The id of that image.</summary>
        public string ImageId { get; set; } = string.Empty;

        /// <summary>The command line the container runs.</summary>
        public string Command { get; set; } = string.Empty;

        /// <summary>When the container was created, in local time.</summary>
        public DateTime Created { get; set; }

        /// <summary>
        /// The machine value: created, restarting, running, removing, paused, exited or dead. Filter and group on this
        /// (Where-Object State -eq exited, Group-Object State); Get-Container -Status (alias -State) filters on it.
        /// </summary>
        public string State { get; set; } = string.Empty;

        /// <summary>The engine's text for people, as docker ps prints it: "Up 5 minutes", "Exited (0) 2 hours ago". Not a state to compare.</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>Exposed and published ports.</summary>
        public PortMapping[] Ports { get; set; } = Array.Empty<PortMapping>();

        /// <summary>Labels set on the container.</summary>
        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Names of the networks the container is attached to.</summary>
        public string[] Networks { get; set; } = Array.Empty<string>();

        /// <summary>Volumes, binds and tmpfs mounts.</summary>
        public MountSummary[] Mounts { get; set; } = Array.Empty<MountSummary>();

        /// <summary>Bytes written in the container's own layer (only with -Size).</summary>
        public long? SizeRw { get; set; }

        /// <summary>Bytes of all layers, image included (only with -Size).</summary>
        public long? SizeRootFs { get; set; }

        /// <summary>The engine this container lives on; piping the object on reaches the same engine.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name.Length > 0 ? Name : Id;
    }

    /// <summary>One exposed port, and where it is published on the host if it is.</summary>
    public sealed class PortMapping
    {
        /// <summary>The host address the port is bound to; null when not published.</summary>
        public string? HostIp { get; set; }

        /// <summary>The host port; null when not published.</summary>
        public int? HostPort { get; set; }

        /// <summary>The port inside the container.</summary>
        public int ContainerPort { get; set; }

        /// <summary>tcp, udp or sctp.</summary>
        public string Protocol { get; set; } = "tcp";

        /// <summary>docker ps notation: 127.0.0.1:8080->80/tcp, or 80/tcp when not published.</summary>
        public override string ToString()
        {
            string inner = ContainerPort + "/" + Protocol;
            if (HostPort == null)
            {
                return inner;
            }

            string ip = string.IsNullOrEmpty(HostIp) ? "0.0.0.0" : HostIp!;
            return (ip.Contains(":") ? "[" + ip + "]" : ip) + ":" + HostPort + "->" + inner;
        }
    }

    /// <summary>A mount as the container list reports it.</summary>
    public sealed class MountSummary
    {
        /// <summary>bind, volume, tmpfs or npipe.</summary>
        public string Type { get; set; } = string.Empty;

        /// <summary>The volume name (volumes only).</summary>
        public string? Name { get; set; }

        /// <summary>The host path or volume data path.</summary>
        public string? Source { get; set; }

        /// <summary>The path inside the container.</summary>
        public string Destination { get; set; } = string.Empty;

        public bool ReadOnly { get; set; }

        public override string ToString() => (Name ?? Source) + ":" + Destination + (ReadOnly ? ":ro" : string.Empty);
    }
}
