using System;
using System.Security.Cryptography.X509Certificates;

namespace DockerPS.Connection
{
    /// <summary>A Docker engine address and how to talk to it, with where that choice came from.</summary>
    internal sealed class EngineEndpoint
    {
        public EngineEndpoint(Uri uri, string source, TlsSettings? tls = null, string? apiVersion = null)
        {
            Uri = uri;
            Source = source;
            Tls = tls;
            ApiVersion = apiVersion;
        }

        /// <summary>unix://, npipe://, tcp:// (http), tcp:// with <see cref="Tls"/>, or ssh://.</summary>
        public Uri Uri { get; }

        /// <summary>Where the address was found, for error messages: "the -Host parameter", "DOCKER_HOST", ...</summary>
        public string Source { get; }

        /// <summary>Client certificate and CA settings; null for plain connections.</summary>
        public TlsSettings? Tls { get; }

        /// <summary>An API version the user pinned (DOCKER_API_VERSION); null to negotiate.</summary>
        public string? ApiVersion { get; }

        /// <summary>The address as users write it, and the value output objects carry in their Engine property.</summary>
        public string Address => Uri.OriginalString;

        /// <summary>tcp://, http:// or https://: an engine reached over the network, where TLS matters.</summary>
        public bool IsNetwork => Uri.Scheme == "tcp" || Uri.Scheme == "http" || Uri.Scheme == "https";

        /// <summary>ssh://: an engine reached through the ssh program and docker system dial-stdio on the remote host.</summary>
        public bool IsSsh => Uri.Scheme == "ssh";

        /// <summary>For ssh://: the ssh program to run (DOCKERPS_SSH); null for ssh on PATH.</summary>
        public string? SshProgram { get; private set; }

        /// <summary>For ssh://: the ssh_config file passed with -F (DOCKERPS_SSH_CONFIG); null for ssh's own (~/.ssh/config).</summary>
        public string? SshConfigFile { get; private set; }

        /// <summary>Identity for the client cache: the same address with other TLS (or ssh) settings is another client.</summary>
        internal string CacheKey => Address + "|" + (Tls?.CacheKey ?? "plain") + "|" + (ApiVersion ?? "negotiate")
            + (IsSsh ? "|" + (SshProgram ?? "ssh") + "|" + (SshConfigFile ?? "-") : string.Empty);

        /// <summary>The same endpoint with other TLS settings.</summary>
        public EngineEndpoint WithTls(TlsSettings? tls) =>
            new EngineEndpoint(Uri, Source, tls, ApiVersion) { SshProgram = SshProgram, SshConfigFile = SshConfigFile };

        /// <summary>The same endpoint with the ssh program and config file to use.</summary>
        public EngineEndpoint WithSsh(string? program, string? configFile) =>
            new EngineEndpoint(Uri, Source, Tls, ApiVersion) { SshProgram = program, SshConfigFile = configFile };

        public override string ToString() => Address;
    }

    /// <summary>
    /// TLS material: a folder in the docker CLI's layout (ca.pem, cert.pem, key.pem; each optional) and/or a client
    /// certificate object, and whether the server's certificate is verified.
    /// </summary>
    internal sealed class TlsSettings
    {
        public TlsSettings(string? certificatePath, bool verify, X509Certificate2? certificate = null)
        {
            CertificatePath = certificatePath;
            Verify = verify;
            Certificate = certificate;
        }

        /// <summary>The folder with ca.pem (the CA the server must chain to), cert.pem and key.pem (the client certificate); null for none.</summary>
        public string? CertificatePath { get; }

        /// <summary>Whether the server certificate is checked (against ca.pem, or the system's trusted roots without one).</summary>
        public bool Verify { get; }

        /// <summary>A client certificate with its private key; wins over cert.pem/key.pem.</summary>
        public X509Certificate2? Certificate { get; }

        internal string CacheKey =>
            (CertificatePath ?? "-") + (Verify ? "|verify" : "|noverify") + "|" + (Certificate?.Thumbprint ?? "-");
    }
}
