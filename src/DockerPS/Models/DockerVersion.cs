using System;

namespace DockerPS.Models
{
    /// <summary>The engine's version report (docker version), plus the API version DockerPS uses with it.</summary>
    public sealed class DockerVersion
    {
        /// <summary>The engine's release, e.g. 20.10.24.</summary>
        public string Version { get; set; } = string.Empty;

        /// <summary>The newest API version the engine speaks.</summary>
        public string ApiVersion { get; set; } = string.Empty;

        /// <summary>The oldest API version the engine accepts.</summary>
        public string MinApiVersion { get; set; } = string.Empty;

        /// <summary>The version DockerPS pinned for this engine: the lower of the engine's and DockerPS's newest, or DOCKER_API_VERSION.</summary>
        public string ClientApiVersion { get; set; } = string.Empty;

        public string Os { get; set; } = string.Empty;

        public string Arch { get; set; } = string.Empty;

        public string KernelVersion { get; set; } = string.Empty;

        public string GitCommit { get; set; } = string.Empty;

        public string GoVersion { get; set; } = string.Empty;

        public DateTime? BuildTime { get; set; }

        public bool Experimental { get; set; }

        /// <summary>The engine this report came from.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Version;
    }
}
