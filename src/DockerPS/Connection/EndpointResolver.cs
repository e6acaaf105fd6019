using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DockerPS.Connection
{
    /// <summary>
    /// Picks the engine the way the docker CLI does: -Host, then the piped object's engine, then DOCKER_HOST,
    /// then DOCKER_CONTEXT or the config's currentContext, then the platform default. Pure apart from reading the
    /// docker config folder, so it is unit-tested with a fake environment.
    /// </summary>
    internal sealed class EndpointResolver
    {
        internal const string UnixDefault = "unix:///var/run/docker.sock";
        internal const string WindowsDefault = "npipe://./pipe/docker_engine";

        private readonly Func<string, string?> _getEnv;
        private readonly bool _isWindows;
        private readonly string _home;

        public EndpointResolver(Func<string, string?> getEnvironmentVariable, bool isWindows, string homeDirectory)
        {
            _getEnv = getEnvironmentVariable;
            _isWindows = isWindows;
            _home = homeDirectory;
        }

        /// <summary>The resolver over this process's environment.</summary>
        public static EndpointResolver ForCurrentProcess() => new EndpointResolver(
            Environment.GetEnvironmentVariable,
            Path.DirectorySeparatorChar == '\\',
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

        /// <summary>The docker CLI's config folder: DOCKER_CONFIG or ~/.docker.</summary>
        public string ConfigDirectory
        {
            get
            {
                string? fromEnv = _getEnv("DOCKER_CONFIG");
                return string.IsNullOrEmpty(fromEnv) ? Path.Combine(_home, ".docker") : fromEnv!;
            }
        }

        /// <summary>Resolves the endpoint for one call.</summary>
        /// <param name="hostParameter">The -Host value, if given.</param>
        /// <param name="pipedEngine">The Engine property of a piped object, if any.</param>
        public EngineEndpoint Resolve(string? hostParameter, string? pipedEngine)
        {
            string? apiVersion = Empty(_getEnv("DOCKER_API_VERSION")) ? null : _getEnv("DOCKER_API_VERSION");
            if (!Empty(hostParameter))
            {
                return FromHostString(hostParameter!, "the -Host parameter", apiVersion, envTls: true);
            }

            if (!Empty(pipedEngine))
            {
                return FromHostString(pipedEngine!, "the piped object's Engine property", apiVersion, envTls: true);
            }

            string? dockerHost = _getEnv("DOCKER_HOST");
            if (!Empty(dockerHost))
            {
                return FromHostString(dockerHost!, "the DOCKER_HOST environment variable", apiVersion, envTls: true);
            }

            string? context = _getEnv("DOCKER_CONTEXT");
            string contextSource = "the DOCKER_CONTEXT environment variable";
            if (Empty(context))
            {
                context = DockerCliConfig.ReadCurrentContext(ConfigDirectory);
                contextSource = "currentContext in " + Path.Combine(ConfigDirectory, "config.json");
            }

            if (!Empty(context) && !string.Equals(context, "default", StringComparison.Ordinal))
            {
                return FromContext(context!, contextSource, apiVersion);
            }

            return new EngineEndpoint(new Uri(_isWindows ? WindowsDefault : UnixDefault), "the platform default", null, apiVersion);
        }

        /// <summary>The endpoint of the context named by -Context (docker --context); default is DOCKER_HOST or the platform default.</summary>
        public EngineEndpoint ResolveContext(string name)
        {
            string? apiVersion = Empty(_getEnv("DOCKER_API_VERSION")) ? null : _getEnv("DOCKER_API_VERSION");
            if (string.Equals(name, DockerContextStore.DefaultName, StringComparison.Ordinal))
            {
                string? dockerHost = _getEnv("DOCKER_HOST");
                return !Empty(dockerHost)
                    ? FromHostString(dockerHost!, "the DOCKER_HOST environment variable (the default context, from the -Context parameter)", apiVersion, envTls: true)
                    : new EngineEndpoint(new Uri(_isWindows ? WindowsDefault : UnixDefault), "the platform default (the default context, from the -Context parameter)", null, apiVersion);
            }

            return FromContext(name, "the -Context parameter", apiVersion);
        }

        /// <summary>The endpoint stored in a docker CLI context (contexts/meta/&lt;sha256(name)&gt;/meta.json).</summary>
        public EngineEndpoint FromContext(string name, string source, string? apiVersion)
        {
            DockerContextInfo info = DockerCliConfig.ReadContext(ConfigDirectory, name)
                ?? throw new DockerContextMissingException(name,
                    $"The docker context '{name}' (from {source}) does not exist in {Path.Combine(ConfigDirectory, "contexts")}.");
            string where = $"docker context '{name}' (from {source})";
            TlsSettings? tls = null;
            if (info.TlsDirectory != null)
            {
                tls = new TlsSettings(info.TlsDirectory, !info.SkipTlsVerify);
            }

            return WithSsh(new EngineEndpoint(ParseHost(info.Host, where), where, tls, apiVersion));
        }

        private EngineEndpoint FromHostString(string host, string source, string? apiVersion, bool envTls)
        {
            Uri uri = ParseHost(host, source);
            TlsSettings? tls = null;
            if (envTls && uri.Scheme == "tcp")
            {
                bool verify = !Empty(_getEnv("DOCKER_TLS_VERIFY"));
                bool tlsOn = verify || !Empty(_getEnv("DOCKER_TLS"));
                if (tlsOn)
                {
                    string? certPath = _getEnv("DOCKER_CERT_PATH");
                    tls = new TlsSettings(Empty(certPath) ? ConfigDirectory : certPath!, verify);
                }
            }
            else if (uri.Scheme == "https")
            {
                // https:// asks for TLS by itself: the server is verified (against DOCKER_CERT_PATH's ca.pem, or the system's roots).
                string? certPath = _getEnv("DOCKER_CERT_PATH");
                tls = new TlsSettings(Empty(certPath) ? null : certPath, verify: true);
            }

            return WithSsh(new EngineEndpoint(uri, source, tls, apiVersion));
        }

        /// <summary>An ssh:// endpoint carries the ssh program and config file from DOCKERPS_SSH and DOCKERPS_SSH_CONFIG.</summary>
        private EngineEndpoint WithSsh(EngineEndpoint endpoint) =>
            endpoint.IsSsh
                ? endpoint.WithSsh(Empty(_getEnv(SshTarget.ProgramVariable)) ? null : _getEnv(SshTarget.ProgramVariable),
                    Empty(_getEnv(SshTarget.ConfigVariable)) ? null : _getEnv(SshTarget.ConfigVariable))
                : endpoint;

        /// <summary>
        /// Applies -CertificatePath, -Certificate and -SkipCertificateCheck to a network endpoint: any of them switches TLS
        /// on and replaces what DOCKER_TLS_VERIFY/DOCKER_CERT_PATH or the context said. Verification stays on unless
        /// <paramref name="skipCertificateCheck"/>. unix:// and npipe:// endpoints are returned as they are (no TLS there).
        /// </summary>
        public static EngineEndpoint ApplyTlsOptions(EngineEndpoint endpoint, string? certificatePath, X509Certificate2? certificate, bool skipCertificateCheck)
        {
            if (!endpoint.IsNetwork || (certificatePath == null && certificate == null && !skipCertificateCheck))
            {
                return endpoint;
            }

            TlsSettings? current = endpoint.Tls;
            return endpoint.WithTls(new TlsSettings(
                certificatePath ?? current?.CertificatePath,
                verify: !skipCertificateCheck,
                certificate ?? current?.Certificate));
        }

        /// <summary>Normalizes docker host strings: unix://, npipe://, tcp://, http(s)://, ssh://, or host:port.</summary>
        /// <exception cref="EngineHostException">The text is not an engine address; the message says why and where it came from.</exception>
        public static Uri ParseHost(string host, string source)
        {
            string text = host.Trim();
            if (text.IndexOf("://", StringComparison.Ordinal) < 0)
            {
                // docker accepts a bare host:port for tcp.
                text = "tcp://" + text;
            }

            Uri? uri;
            try
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out uri))
                {
                    uri = null;
                }
            }
            catch (UriFormatException)
            {
                uri = null;
            }

            if (uri == null)
            {
                throw new EngineHostException(host, source, "is not a Docker engine address; use unix:///path, npipe://./pipe/name, tcp://host:port or ssh://user@host.");
            }

            switch (uri.Scheme)
            {
                case "unix":
                    // unix:// and unix:/// name no socket; Docker.DotNet would fail on them with a bare UriFormatException.
                    if (uri.Host.Length > 0 || uri.LocalPath.Trim('/').Length == 0)
                    {
                        throw new EngineHostException(host, source, "names no socket; write unix:///path/to/docker.sock (three slashes, then the path).");
                    }

                    return uri;
                case "npipe":
                    if (uri.Host.Length == 0 || uri.AbsolutePath.Trim('/').Length == 0)
                    {
                        throw new EngineHostException(host, source, "names no pipe; write npipe://./pipe/docker_engine.");
                    }

                    return uri;
                case "tcp":
                case "http":
                case "https":
                    if (uri.Host.Length == 0)
                    {
                        throw new EngineHostException(host, source, "names no host; write tcp://host:2375.");
                    }

                    if (uri.IsDefaultPort || uri.Port <= 0)
                    {
                        throw new EngineHostException(host, source, $"has no port; write tcp://{uri.Host}:2375 (plain) or tcp://{uri.Host}:2376 (TLS).");
                    }

                    return uri;
                case "ssh":
                    if (SshTarget.TryParse(uri, out string? problem) == null)
                    {
                        throw new EngineHostException(host, source, problem + ".");
                    }

                    return uri;
                default:
                    throw new EngineHostException(host, source, $"has the unsupported scheme '{uri.Scheme}'; use unix://, npipe://, tcp:// or ssh://.");
            }
        }

        private static bool Empty(string? s) => string.IsNullOrEmpty(s);
    }

    /// <summary>A -Host, DOCKER_HOST, context or piped address that is not an engine address: the value and where it came from.</summary>
    internal sealed class EngineHostException : ArgumentException
    {
        public EngineHostException(string value, string source, string why)
            : base($"'{value}' (from {source}) {why}")
        {
            Value = value;
            HostSource = source;
        }

        /// <summary>The address as given.</summary>
        public string Value { get; }

        /// <summary>Where it came from: the -Host parameter, the DOCKER_HOST environment variable, ...</summary>
        public string HostSource { get; }
    }

    /// <summary>A context named by -Context, DOCKER_CONTEXT or currentContext that is not in the store.</summary>
    internal sealed class DockerContextMissingException : ArgumentException
    {
        public DockerContextMissingException(string name, string message)
            : base(message)
        {
            Name = name;
        }

        public string Name { get; }
    }

    /// <summary>What a docker CLI context says about its docker endpoint.</summary>
    internal sealed class DockerContextInfo
    {
        public DockerContextInfo(string name, string host, bool skipTlsVerify, string? tlsDirectory, string? description)
        {
            Name = name;
            Host = host;
            SkipTlsVerify = skipTlsVerify;
            TlsDirectory = tlsDirectory;
            Description = description;
        }

        public string Name { get; }

        public string Host { get; }

        public bool SkipTlsVerify { get; }

        public string? TlsDirectory { get; }

        public string? Description { get; }
    }

    /// <summary>Reads the docker CLI's config.json and context store without a JSON library (DockerPS.dll has none).</summary>
    internal static class DockerCliConfig
    {
        /// <summary>The folder name the CLI gives a context: the hex SHA-256 of its name.</summary>
        public static string ContextDirectoryName(string name)
        {
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(name));
            var sb = new StringBuilder(hash.Length * 2);
            foreach (byte b in hash)
            {
                sb.Append(b.ToString("x2"));
            }

            return sb.ToString();
        }

        public static string? ReadCurrentContext(string configDirectory)
        {
            string path = Path.Combine(configDirectory, "config.json");
            if (!File.Exists(path))
            {
                return null;
            }

            return MiniJson.Parse(File.ReadAllText(path)) is Dictionary<string, object?> root
                && root.TryGetValue("currentContext", out object? value) ? value as string : null;
        }

        public static DockerContextInfo? ReadContext(string configDirectory, string name)
        {
            string id = ContextDirectoryName(name);
            string meta = Path.Combine(configDirectory, "contexts", "meta", id, "meta.json");
            if (!File.Exists(meta))
            {
                return null;
            }

            if (MiniJson.Parse(File.ReadAllText(meta)) is not Dictionary<string, object?> root
                || !root.TryGetValue("Endpoints", out object? eps) || eps is not Dictionary<string, object?> endpoints
                || !endpoints.TryGetValue("docker", out object? d) || d is not Dictionary<string, object?> docker
                || !docker.TryGetValue("Host", out object? h) || h is not string host)
            {
                throw new ArgumentException($"The docker context '{name}' ({meta}) has no docker endpoint host.");
            }

            bool skip = docker.TryGetValue("SkipTLSVerify", out object? s) && s is bool b && b;
            string tlsDir = Path.Combine(configDirectory, "contexts", "tls", id, "docker");
            string? description = root.TryGetValue("Metadata", out object? m) && m is Dictionary<string, object?> md
                && md.TryGetValue("Description", out object? desc) ? desc as string : null;
            return new DockerContextInfo(name, host, skip, Directory.Exists(tlsDir) ? tlsDir : null, description);
        }
    }
}
