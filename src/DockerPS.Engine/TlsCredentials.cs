using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.Handler.Abstractions;
using Microsoft.Net.Http.Client;
using DockerPS.Errors;

namespace DockerPS.Engine
{
    /// <summary>
    /// TLS for a tcp:// engine: presents the client certificate (if any) and checks the server's certificate against
    /// ca.pem (or the system's roots), remembering why it refused one so the failure gets a specific ErrorId.
    /// </summary>
    internal sealed class TlsCredentials : IAuthProvider
    {
        private readonly X509Certificate2? _client;
        private readonly X509Certificate2? _ca;
        private readonly bool _verify;

        internal TlsCredentials(X509Certificate2? client, X509Certificate2? ca, bool verify)
        {
            _client = client;
            _ca = ca;
            _verify = verify;
        }

        public bool TlsEnabled => true;

        internal bool HasClientCertificate => _client != null;

        /// <summary>Null until a server certificate was checked; then "Accepted" or the ErrorId of the refusal.</summary>
        internal string? ServerVerdict { get; private set; }

        /// <summary>Why the server certificate was refused, in words.</summary>
        internal string? ServerProblem { get; private set; }

        public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler)
        {
            switch (handler)
            {
                case ManagedHandler managed:
                    if (_client != null)
                    {
                        managed.ClientCertificates = new X509CertificateCollection { _client };
                    }

                    managed.ServerCertificateValidationCallback = Validate;
                    break;
                case HttpClientHandler native:
                    if (_client != null)
                    {
                        native.ClientCertificates.Add(_client);
                    }

                    native.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => Validate(request, certificate, chain, errors);
                    break;
                default:
                    throw new NotSupportedException("TLS is not supported over the " + handler.GetType().Name + " transport.");
            }

            return handler;
        }

        private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (!_verify)
            {
                ServerVerdict = "Accepted";
                return true;
            }

            string? problem;
            string? id = Check(certificate == null ? null : new X509Certificate2(certificate), _ca, errors, out problem);
            ServerVerdict = id ?? "Accepted";
            ServerProblem = problem;
            return id == null;
        }

        /// <summary>
        /// Null when <paramref name="server"/> is acceptable; otherwise TlsServerNameMismatch or TlsCertificateRejected and
        /// the reason. With a CA, the chain must end in exactly that CA; without one, the platform's verdict stands.
        /// </summary>
        internal static string? Check(X509Certificate2? server, X509Certificate2? ca, SslPolicyErrors errors, out string? problem)
        {
            problem = null;
            if (server == null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                problem = "the engine presented no certificate.";
                return ErrorIds.TlsCertificateRejected;
            }

            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                problem = $"the engine's certificate ({server.Subject}) is not issued for the name in the address; use a name or IP address its certificate lists.";
                return ErrorIds.TlsServerNameMismatch;
            }

            if (ca == null)
            {
                if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                {
                    problem = $"the engine's certificate ({server.Subject}) does not chain to a root this system trusts; give the engine's CA as ca.pem in -CertificatePath.";
                    return ErrorIds.TlsCertificateRejected;
                }

                return null;
            }

            using var own = new X509Chain();
            own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            own.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            own.ChainPolicy.ExtraStore.Add(ca);
            bool built = own.Build(server);
            X509Certificate2 root = own.ChainElements[own.ChainElements.Count - 1].Certificate;
            if (!string.Equals(root.Thumbprint, ca.Thumbprint, StringComparison.OrdinalIgnoreCase))
            {
                problem = $"the engine's certificate ({server.Subject}, issued by {server.Issuer}) is not issued by the CA in ca.pem ({ca.Subject}).";
                return ErrorIds.TlsCertificateRejected;
            }

            foreach (X509ChainStatus status in own.ChainStatus)
            {
                if (status.Status != X509ChainStatusFlags.UntrustedRoot && status.Status != X509ChainStatusFlags.NoError)
                {
                    problem = $"the engine's certificate ({server.Subject}) is not valid: {status.StatusInformation.Trim()}";
                    return ErrorIds.TlsCertificateRejected;
                }
            }

            if (!built && own.ChainStatus.Length == 0)
            {
                problem = $"the engine's certificate ({server.Subject}) could not be checked against ca.pem.";
                return ErrorIds.TlsCertificateRejected;
            }

            return null;
        }
    }
}
