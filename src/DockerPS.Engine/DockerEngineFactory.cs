using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;
using DockerPS.Connection;
using DockerPS.Errors;

namespace DockerPS.Engine
{
    /// <summary>Connects to an engine and negotiates the API version, as the docker CLI does.</summary>
    public sealed class DockerEngineFactory : IDockerEngineFactory
    {
        /// <summary>The newest Engine API the Docker.DotNet models describe (Docker.DotNet.Enhanced 4.3.3: API 1.54).</summary>
        internal static readonly Version MaxApiVersion = new Version(1, 54);

        /// <inheritdoc/>
        public Task WarmUpAsync() => WarmUp.RunAsync(this);

        public async Task<IDockerEngine> ConnectAsync(EngineEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
        {
            IAuthProvider? auth = CreateAuth(endpoint);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(connectTimeout);

            Version pinned;
            if (endpoint.ApiVersion != null)
            {
                if (!TryParseApiVersion(endpoint.ApiVersion, out pinned))
                {
                    throw new DockerApiVersionException($"DOCKER_API_VERSION '{endpoint.ApiVersion}' is not an API version such as 1.41.");
                }
            }
            else
            {
                // Ask unversioned once; the engine answers with the range it speaks.
                using DockerClient probe = Build(endpoint, auth, null);
                var version = await Calls.Run(endpoint, () => probe.System.GetVersionAsync(timeout.Token), timeout.Token, cancellationToken, connectTimeout)
                    .ConfigureAwait(false);
                pinned = Negotiate(version.APIVersion, version.MinAPIVersion, endpoint);
            }

            DockerClient client = Build(endpoint, auth, pinned);
            if (endpoint.ApiVersion != null)
            {
                // A pinned version the engine refuses fails here, once, with the engine's reason.
                try
                {
                    await Calls.Run(endpoint, () => client.System.PingAsync(timeout.Token), timeout.Token, cancellationToken, connectTimeout)
                        .ConfigureAwait(false);
                }
                catch (DockerEngineException e) when (e.StatusCode == 400)
                {
                    client.Dispose();
                    throw new DockerApiVersionException($"The engine at {endpoint.Address} refuses DOCKER_API_VERSION {endpoint.ApiVersion}: {e.EngineMessage}");
                }
            }

            return new DockerEngine(endpoint, client, pinned.ToString(2));
        }

        /// <summary>min(engine's newest, DockerPS's newest); an engine whose oldest is newer than ours is refused.</summary>
        internal static Version Negotiate(string? engineMax, string? engineMin, EngineEndpoint endpoint)
        {
            if (!TryParseApiVersion(engineMax, out Version max))
            {
                // Engines before API 1.25 did not report it; 1.24 is the oldest Docker.DotNet speaks.
                max = new Version(1, 24);
            }

            Version chosen = max < MaxApiVersion ? max : MaxApiVersion;
            if (TryParseApiVersion(engineMin, out Version min) && min > chosen)
            {
                throw new DockerApiVersionException(
                    $"The engine at {endpoint.Address} needs API {min} or newer; DockerPS speaks up to {MaxApiVersion}. Update DockerPS.");
            }

            return chosen;
        }

        internal static bool TryParseApiVersion(string? text, out Version version)
        {
            version = new Version(0, 0);
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            string[] parts = text!.Trim().TrimStart('v').Split('.');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int major)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int minor))
            {
                return false;
            }

            version = new Version(major, minor);
            return true;
        }

        private static DockerClient Build(EngineEndpoint endpoint, IAuthProvider? auth, Version? apiVersion)
        {
            var builder = new DockerClientBuilder().WithEndpoint(ClientUri(endpoint.Uri));
            if (auth != null)
            {
                builder = builder.WithAuthProvider(auth);
            }

            if (apiVersion != null)
            {
                builder = builder.WithApiVersion(apiVersion);
            }

            return builder.Build();
        }

        /// <summary>Docker.DotNet takes tcp:// for both plain and TLS; http(s):// are spelt the CLI's way.</summary>
        private static Uri ClientUri(Uri uri)
        {
            if (uri.Scheme == "http" || uri.Scheme == "https")
            {
                return new Uri("tcp://" + uri.Authority);
            }

            return uri;
        }

        private static IAuthProvider? CreateAuth(EngineEndpoint endpoint)
        {
            TlsSettings? tls = endpoint.Tls;
            if (tls == null)
            {
                return null;
            }

            string dir = tls.CertificatePath;
            try
            {
                if (tls.Verify)
                {
                    return DockerTlsCertificates.LoadFromDirectory(dir, true, "ca.pem", "cert.pem", "key.pem").CreateCredentials();
                }

                var certificate = DockerTlsCertificates.LoadCertificateFromPemFiles(Path.Combine(dir, "cert.pem"), Path.Combine(dir, "key.pem"));
                return new CertificateCredentials(certificate) { ServerCertificateValidationCallback = (sender, cert, chain, errors) => true };
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.Cryptography.CryptographicException || e is ArgumentException)
            {
                throw new DockerConnectionException(
                    $"Cannot read the TLS certificates in {dir} (ca.pem, cert.pem, key.pem): {e.Message}", endpoint.Address, "TlsCertificateUnreadable", e);
            }
        }
    }
}
