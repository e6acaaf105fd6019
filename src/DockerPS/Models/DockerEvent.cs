using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>One engine event (Get-DockerEvent, docker events).</summary>
    public sealed class DockerEvent
    {
        /// <summary>When it happened, in local time.</summary>
        public DateTime Time { get; set; }

        /// <summary>container, image, volume, network, daemon, plugin, node, service, secret, config.</summary>
        public string Type { get; set; } = string.Empty;

        /// <summary>create, start, die, destroy, pull, ... (exec events carry the command: "exec_start: sh").</summary>
        public string Action { get; set; } = string.Empty;

        /// <summary>The id of the object the event is about.</summary>
        public string ActorId { get; set; } = string.Empty;

        /// <summary>The object's name attribute, when it has one.</summary>
        public string? Name { get; set; }

        public Dictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>local or swarm.</summary>
        public string Scope { get; set; } = string.Empty;

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Type + " " + Action + " " + (Name ?? ActorId);
    }
}
