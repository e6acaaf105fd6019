using System;

namespace DockerPS.Connection
{
    /// <summary>A Docker engine address and how to talk to it, with where that choice came from.</summary>
    public sealed class EngineEndpoint
    {
        public EngineEndpoint(Uri uri, string source, TlsSettings? tls = null, string? apiVersion = null)
        {
            Uri = uri;
            Source = source;
            Tls = tls;
            ApiVersion = apiVersion;
        }

        /// <summary>unix://, npipe://, tcp:// (http) or tcp:// with <see cref="Tls"/>.</summary>
        public Uri Uri { get; }

        /// <summary>Where the address was found, for error messages: "the -Host parameter", "DOCKER_HOST", ...</summary>
        public string Source { get; }

        /// <summary>Client certificate and CA settings; null for plain connections.</summary>
        public TlsSettings? Tls { get; }

        /// <summary>An API version the user pinned (DOCKER_API_VERSION); null to negotiate.</summary>
        public string? ApiVersion { get; }

        /// <summary>The address as users write it, and the value output objects carry in their Engine property.</summary>
        public string Address => Uri.OriginalString;

        /// <summary>Identity for the client cache: the same address with other TLS settings is another client.</summary>
        internal string CacheKey => Address + "|" + (Tls?.CacheKey ?? "plain") + "|" + (ApiVersion ?? "negotiate");

        public override string ToString() => Address;
    }

    /// <summary>TLS material in the docker CLI's layout: a folder with ca.pem, cert.pem and key.pem.</summary>
    public sealed class TlsSettings
    {
        public TlsSettings(string certificatePath, bool verify)
        {
            CertificatePath = certificatePath;
            Verify = verify;
        }

        public string CertificatePath { get; }

        /// <summary>Whether the server certificate is checked against ca.pem.</summary>
        public bool Verify { get; }

        internal string CacheKey => CertificatePath + (Verify ? "|verify" : "|noverify");
    }
}
