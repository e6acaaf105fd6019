using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>A service's build: section (docker compose build), with the context resolved against the project folder.</summary>
    public sealed class ComposeBuild
    {
        /// <summary>The context folder, a full path.</summary>
        public string Context { get; set; } = string.Empty;

        /// <summary>The Dockerfile, relative to the context or a full path (Dockerfile by default).</summary>
        public string Dockerfile { get; set; } = "Dockerfile";

        /// <summary>dockerfile_inline: the Dockerfile's text, used instead of a file.</summary>
        public string? DockerfileInline { get; set; }

        /// <summary>Build arguments (ARG values); a name alone takes the value from the environment.</summary>
        public Dictionary<string, string> Args { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The stage of a multi-stage Dockerfile.</summary>
        public string? Target { get; set; }

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public string[] CacheFrom { get; set; } = Array.Empty<string>();

        public bool NoCache { get; set; }

        /// <summary>Always pull newer versions of the FROM images.</summary>
        public bool Pull { get; set; }

        /// <summary>More names for the built image, besides the service's image.</summary>
        public string[] Tags { get; set; } = Array.Empty<string>();

        /// <summary>The network of RUN steps (none, host, default or a network name).</summary>
        public string? Network { get; set; }

        /// <summary>shm_size of RUN steps in bytes.</summary>
        public long? ShmSize { get; set; }

        /// <summary>host:ip entries for /etc/hosts of RUN steps.</summary>
        public string[] ExtraHosts { get; set; } = Array.Empty<string>();
    }
}
