using System.Collections.Concurrent;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using DockerPS.Connection;
using DockerPS.Engine;

namespace DockerPS
{
    /// <summary>TLS parameters of every engine cmdlet, and the warnings for connections that are not protected.</summary>
    public abstract partial class DockerCmdlet
    {
        /// <summary>Warnings already given this session, so a script calling a plain engine 1000 times warns once.</summary>
        private static readonly ConcurrentDictionary<string, bool> s_warned = new ConcurrentDictionary<string, bool>();

        /// <summary>A folder with ca.pem (the engine's CA), cert.pem and key.pem (the client certificate), as docker --tlsverify takes them; switches TLS on for tcp:// engines.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        /// <summary>The client certificate, with its private key, for tcp:// engines that require one; switches TLS on.</summary>
        [Parameter]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Connect over TLS without checking the engine's certificate (a warning says so); for test setups only.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>
        /// Applies -CertificatePath, -Certificate and -SkipCertificateCheck. A piped object carries only its engine's address:
        /// when an earlier command of this session reached that address with TLS settings, the object goes back with them. Warns once per engine about plain tcp and
        /// about skipped certificate checks.
        /// </summary>
        private EngineEndpoint WithTlsOptions(EngineEndpoint endpoint, bool piped)
        {
            string? path = CertificatePath == null ? null : GetUnresolvedProviderPathFromPSPath(CertificatePath);
            EngineEndpoint result = EndpointResolver.ApplyTlsOptions(endpoint, path, Certificate, SkipCertificateCheck.IsPresent);
            if (piped && result.Tls == null && result.IsNetwork && EngineCache.RememberedTls(result.Address) is TlsSettings remembered)
            {
                result = result.WithTls(remembered);
            }

            if (result.IsNetwork && result.Tls == null)
            {
                WarnOnce("plain|" + result.Address,
                    $"The connection to {result.Address} is neither encrypted nor authenticated: anyone who can reach that port controls the engine. Use TLS (-CertificatePath) for engines on other machines.");
            }
            else if (result.Tls != null && !result.Tls.Verify)
            {
                WarnOnce("noverify|" + result.Address,
                    $"The certificate of the engine at {result.Address} is not checked (-SkipCertificateCheck or DOCKER_TLS without DOCKER_TLS_VERIFY): anyone in the network path can pose as the engine.");
            }

            return result;
        }

        private void WarnOnce(string key, string text)
        {
            if (s_warned.TryAdd(key, true))
            {
                WriteWarning(text);
            }
        }
    }
}
