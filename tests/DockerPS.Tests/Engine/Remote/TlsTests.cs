using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Remote
{
    /// <summary>tcp + TLS against a second dockerd started with --tlsverify and certificates made by the fixture.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class TlsTests : IClassFixture<SecondEngineFixture>
    {
        private readonly SecondEngineFixture _remote;
        private readonly PowerShellSession _ps;

        public TlsTests(EngineFixture engine, SecondEngineFixture remote)
        {
            _remote = remote;
            _ps = engine.Session;
        }

        private PsResult Run(string script, params (string Name, object? Value)[] vars)
        {
            var all = new Dictionary<string, object?>
            {
                ["tls"] = _remote.TlsAddress, ["certs"] = _remote.ClientCerts, ["caOnly"] = _remote.CaOnly,
                ["otherClient"] = _remote.OtherCaClient, ["wrongCa"] = _remote.WrongCa, ["mismatch"] = _remote.MismatchAddress,
                ["plain"] = _remote.PlainAddress, ["pfx"] = _remote.ClientPfx,
            };
            foreach (var (name, value) in vars)
            {
                all[name] = value;
            }

            return _ps.Run(script, all);
        }

        private static ErrorRecord Refused(PsResult r, string errorId)
        {
            ErrorRecord e = r.Terminating ?? Assert.Single(r.Errors);
            Assert.True(errorId == e.FullyQualifiedErrorId.Split(',')[0], $"expected {errorId}, got {e.FullyQualifiedErrorId}: {e.Exception}");
            Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
            Assert.Empty(r.Output);
            return e;
        }

        [Fact]
        public void TheRightCertificatesConnectWithoutWarnings()
        {
            PsResult r = Run("Get-DockerVersion -Host $tls -CertificatePath $certs").AssertClean();
            var v = r.Single<DockerVersion>();
            Assert.Equal(_remote.TlsAddress, v.Engine);
            Assert.Equal("1.41", v.ApiVersion);
            Assert.Empty(r.Warnings);
        }

        [Fact]
        public void AnX509Certificate2ParameterIsTheClientCertificate()
        {
            PsResult r = Run(@"$c = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($pfx, 'pfx-pass')
                Get-DockerInfo -Host $tls -Certificate $c -CertificatePath $caOnly").AssertClean();
            Assert.Equal(_remote.TlsAddress, r.Single<DockerSystemInfo>().Engine);
        }

        [Fact]
        public void DockerCertPathAndTlsVerifyFromTheEnvironmentWork()
        {
            PsResult r = Run(@"$env:DOCKER_TLS_VERIFY = '1'; $env:DOCKER_CERT_PATH = $certs
                try { Get-DockerVersion -Host $tls } finally { $env:DOCKER_TLS_VERIFY = $null; $env:DOCKER_CERT_PATH = $null }").AssertClean();
            Assert.Equal(_remote.TlsAddress, r.Single<DockerVersion>().Engine);
        }

        [Fact]
        public void NoClientCertificateIsRefusedWithItsOwnErrorId()
        {
            ErrorRecord e = Refused(Run("Get-DockerVersion -Host $tls -CertificatePath $caOnly"), "TlsClientCertificateRequired");
            Assert.Equal(_remote.TlsAddress, e.TargetObject);
            Assert.Contains("client certificate", e.Exception.Message);
        }

        [Fact]
        public void AClientCertificateFromAnotherCaIsRefused()
        {
            ErrorRecord e = Refused(Run("Get-Container -Host $tls -CertificatePath $otherClient"), "TlsClientCertificateRejected");
            Assert.Contains("not issued by a CA the engine trusts", e.Exception.Message);
        }

        [Fact]
        public void AnAddressTheServerCertificateDoesNotNameIsRefused()
        {
            ErrorRecord e = Refused(Run("Get-DockerVersion -Host $mismatch -CertificatePath $certs"), "TlsServerNameMismatch");
            Assert.Contains("not issued for the name", e.Exception.Message);
        }

        [Fact]
        public void AServerCertificateFromAnotherCaIsRefused()
        {
            ErrorRecord e = Refused(Run("Get-DockerVersion -Host $tls -CertificatePath $wrongCa"), "TlsCertificateRejected");
            Assert.Contains("not issued by the CA in ca.pem", e.Exception.Message);
        }

        [Fact]
        public void WithoutACaTheSystemRootsDoNotTrustATestCa()
        {
            Refused(Run(@"$c = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($pfx, 'pfx-pass')
                Get-DockerVersion -Host $tls -Certificate $c"), "TlsCertificateRejected");
        }

        [Fact]
        public void SkipCertificateCheckConnectsAndWarnsOnce()
        {
            PsResult r = Run("Get-DockerVersion -Host $mismatch -CertificatePath $certs -SkipCertificateCheck; Get-DockerVersion -Host $mismatch -CertificatePath $certs -SkipCertificateCheck").AssertClean();
            Assert.Equal(2, r.All<DockerVersion>().Count);
            Assert.Contains("is not checked", Assert.Single(r.Warnings));
        }

        [Fact]
        public void PlainTcpWorksWithAWarningOncePerEngine()
        {
            PsResult r = Run("Get-DockerVersion -Host $plain; Get-DockerInfo -Host $plain").AssertClean();
            Assert.Equal(_remote.PlainAddress, Assert.IsType<DockerVersion>(r.Output[0].BaseObject).Engine);
            Assert.IsType<DockerSystemInfo>(r.Output[1].BaseObject);
            Assert.Contains("neither encrypted nor authenticated", Assert.Single(r.Warnings));
        }

        [Fact]
        public void PlainRequestsToATlsPortSayTlsIsRequired()
        {
            Refused(Run("Get-DockerVersion -Host $tls"), "TlsRequired");
        }

        [Fact]
        public void AnUnreadableCertificateFolderIsNamed()
        {
            ErrorRecord e = Refused(Run("Get-DockerVersion -Host $tls -CertificatePath ([IO.Path]::Combine($certs, 'missing'))"), "TlsCertificateUnreadable");
            Assert.Contains("missing", e.Exception.Message);
        }

        [Fact]
        public void ObjectsFromATlsEnginePipeBackToItWithTheSameCertificates()
        {
            string name = "dps2-tls-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            _remote.CreateContainer(name, start: true);
            PsResult r = Run("Get-Container -Host $tls -CertificatePath $certs -Name $n | Stop-Container -Timeout 0 -PassThru", ("n", name)).AssertClean();
            var stopped = r.Single<DockerContainer>();
            Assert.Equal(_remote.TlsAddress, stopped.Engine);
            Assert.False(_remote.Client.Containers.InspectContainerAsync(name).GetAwaiter().GetResult().State.Running);
        }
    }
}
