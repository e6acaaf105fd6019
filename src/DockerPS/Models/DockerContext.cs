namespace DockerPS.Models
{
    /// <summary>A docker CLI context: a named engine endpoint (docker context ls).</summary>
    public sealed class DockerContext
    {
        public string Name { get; set; } = string.Empty;

        public string Description { get; set; } = string.Empty;

        /// <summary>The engine address the context points at.</summary>
        public string DockerEndpoint { get; set; } = string.Empty;

        /// <summary>Whether this is the context DockerPS and docker use now.</summary>
        public bool Current { get; set; }

        /// <summary>Whether TLS material is stored with the context.</summary>
        public bool Tls { get; set; }

        public override string ToString() => Name;
    }
}
