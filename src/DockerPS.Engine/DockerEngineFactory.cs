using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography.X509Certificates;
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
    internal sealed class DockerEngineFactory : IDockerEngineFactory
    {
        /// <summary>The newest Engine API the Docker.DotNet models describe (Docker.DotNet.Enhanced 4.3.3: API 1.54).</summary>
        internal static readonly Version MaxApiVersion = new Version(1, 54);

        public Compose.IYamlCodec Yaml { get; } = new YamlCodec();

        public async Task<IDockerEngine> ConnectAsync(EngineEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
        {
            TlsCredentials? auth = CreateAuth(endpoint);
            try
            {
                return await ConnectAsync(endpoint, auth, connectTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerConnectionException e) when (auth != null)
            {
                throw TlsFailure(e, auth, endpoint);
            }
            catch (DockerEngineException e) when (auth == null && endpoint.IsNetwork && e.StatusCode == 400
                && e.EngineMessage.IndexOf("HTTPS server", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerConnectionException(
                    "The engine speaks TLS only; connect with -CertificatePath (a folder with ca.pem, cert.pem and key.pem) or -Certificate.",
                    endpoint.Address, ErrorIds.TlsRequired, e);
            }
        }

        /// <summary>Names a failed TLS connect by what the certificate checks saw: the server refused by us, or us by the server.</summary>
        internal static DockerConnectionException TlsFailure(DockerConnectionException e, TlsCredentials auth, EngineEndpoint endpoint)
        {
            if (auth.ServerVerdict != null && auth.ServerVerdict != "Accepted")
            {
                return new DockerConnectionException("The engine's TLS certificate was refused: " + auth.ServerProblem, endpoint.Address, auth.ServerVerdict, e);
            }

            bool refusedUs = (auth.ServerVerdict == "Accepted" && (e.Reason == ErrorIds.EngineUnreachable || e.Reason == ErrorIds.TlsHandshakeFailed))
                || (auth.ServerVerdict == null && e.Reason == ErrorIds.TlsHandshakeFailed && IsClientCertificateAlert(e));
            if (refusedUs)
            {
                // We accepted the server and the connection broke, or the engine's alert says so: dockerd --tlsverify refused us.
                return auth.HasClientCertificate
                    ? new DockerConnectionException(
                        "The engine refused the client certificate: it is not issued by a CA the engine trusts (its --tlscacert). " + e.Message,
                        endpoint.Address, ErrorIds.TlsClientCertificateRejected, e)
                    : new DockerConnectionException(
                        "The engine requires a client certificate (it runs with --tlsverify): give -CertificatePath with cert.pem and key.pem, or -Certificate. " + e.Message,
                        endpoint.Address, ErrorIds.TlsClientCertificateRequired, e);
            }

            return e;
        }

        /// <summary>
        /// The TLS alerts a server sends about the client's certificate (OpenSSL's texts: "sslv3 alert bad certificate",
        /// "tlsv13 alert certificate required", "tlsv1 alert unknown ca"). OpenSSL reports the peer's alert before .NET
        /// checks the server certificate, so no verdict of ours exists then.
        /// </summary>
        internal static bool IsClientCertificateAlert(Exception e)
        {
            for (Exception? inner = e; inner != null; inner = inner.InnerException)
            {
                string m = inner.Message;
                if (m.IndexOf("alert bad certificate", StringComparison.OrdinalIgnoreCase) >= 0
                    || m.IndexOf("alert certificate required", StringComparison.OrdinalIgnoreCase) >= 0
                    || m.IndexOf("alert unknown ca", StringComparison.OrdinalIgnoreCase) >= 0
                    || m.IndexOf("alert certificate unknown", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static async Task<IDockerEngine> ConnectAsync(EngineEndpoint endpoint, IAuthProvider? auth, TimeSpan connectTimeout, CancellationToken cancellationToken)
        {
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
                using DockerClient probe = Build(endpoint, auth, null, connectTimeout);
                var version = await Calls.Run(endpoint, () => probe.System.GetVersionAsync(timeout.Token), timeout.Token, cancellationToken, connectTimeout)
                    .ConfigureAwait(false);
                pinned = Negotiate(version.APIVersion, version.MinAPIVersion, endpoint);
            }

            DockerClient client = Build(endpoint, auth, pinned, connectTimeout);
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

        private static DockerClient Build(EngineEndpoint endpoint, IAuthProvider? auth, Version? apiVersion, TimeSpan connectTimeout)
        {
            if (endpoint.IsSsh)
            {
                // ssh://: each connection is an ssh process running docker system dial-stdio on the remote host (SshTransport.cs).
                DockerClientBuilder ssh = new DockerClientBuilder().WithEndpoint(endpoint.Uri).WithAuthProvider(new EarlyAnswerAuthProvider(null));
                if (apiVersion != null)
                {
                    ssh = ssh.WithApiVersion(apiVersion);
                }

                return ssh.WithTransportOptions(SshHandlerFactory.Instance, new SshTransportOptions(endpoint, connectTimeout)).Build();
            }

            // Always through EarlyAnswerAuthProvider: it keeps the engine's answer to a refused upload (EarlyAnswers.cs).
            var builder = new DockerClientBuilder().WithEndpoint(ClientUri(endpoint.Uri)).WithAuthProvider(new EarlyAnswerAuthProvider(auth));

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

        /// <summary>TLS credentials from the endpoint's settings: -Certificate, or cert.pem/key.pem, and ca.pem, from the folder.</summary>
        private static TlsCredentials? CreateAuth(EngineEndpoint endpoint)
        {
            TlsSettings? tls = endpoint.Tls;
            if (tls == null)
            {
                return null;
            }

            string? dir = tls.CertificatePath;
            try
            {
                if (dir != null && !Directory.Exists(dir))
                {
                    throw new DirectoryNotFoundException($"The folder {dir} does not exist.");
                }

                X509Certificate2? client = tls.Certificate;
                if (client != null && !client.HasPrivateKey)
                {
                    throw new ArgumentException($"The certificate {client.Subject} has no private key; a client certificate needs one.");
                }

                if (client == null && dir != null && File.Exists(Path.Combine(dir, "cert.pem")) && File.Exists(Path.Combine(dir, "key.pem")))
                {
                    client = DockerTlsCertificates.LoadCertificateFromPemFiles(Path.Combine(dir, "cert.pem"), Path.Combine(dir, "key.pem"));
                }

                X509Certificate2? ca = tls.Verify && dir != null && File.Exists(Path.Combine(dir, "ca.pem"))
                    ? DockerTlsCertificates.LoadCertificateAuthorityFromPemFile(Path.Combine(dir, "ca.pem"))
                    : null;
                return new TlsCredentials(client, ca, tls.Verify);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.Cryptography.CryptographicException
                || e is ArgumentException || e is InvalidOperationException || e is InvalidCastException)
            {
                string where = dir != null ? $"the TLS certificates in {dir} (ca.pem, cert.pem, key.pem)" : "the client certificate";
                throw new DockerConnectionException($"Cannot read {where}: {e.Message}", endpoint.Address, ErrorIds.TlsCertificateUnreadable, e);
            }
        }
    }
}
