using System;
using System.Collections.Generic;
using System.IO;
using DockerPS.Connection;

namespace DockerPS.Tests.Unit
{
    public sealed class EndpointResolverTests : IDisposable
    {
        private readonly string _home = Directory.CreateTempSubdirectory("dps-home-").FullName;
        private readonly Dictionary<string, string> _env = new Dictionary<string, string>();

        private EndpointResolver Resolver(bool windows = false) => new EndpointResolver(n => _env.TryGetValue(n, out string? v) ? v : null, windows, _home);

        [Fact]
        public void PlatformDefaultWhenNothingIsSet()
        {
            EngineEndpoint ep = Resolver().Resolve(null, null);
            Assert.Equal("unix:///var/run/docker.sock", ep.Address);
            Assert.Equal("the platform default", ep.Source);
            Assert.Null(ep.Tls);
            Assert.Equal("npipe://./pipe/docker_engine", Resolver(windows: true).Resolve(null, null).Address);
        }

        [Fact]
        public void HostParameterBeatsPipedEngineBeatsDockerHost()
        {
            _env["DOCKER_HOST"] = "unix:///env.sock";
            Assert.Equal("unix:///param.sock", Resolver().Resolve("unix:///param.sock", "unix:///piped.sock").Address);
            Assert.Equal("the -Host parameter", Resolver().Resolve("unix:///param.sock", "unix:///piped.sock").Source);
            Assert.Equal("unix:///piped.sock", Resolver().Resolve(null, "unix:///piped.sock").Address);
            EngineEndpoint fromEnv = Resolver().Resolve(null, null);
            Assert.Equal("unix:///env.sock", fromEnv.Address);
            Assert.Contains("DOCKER_HOST", fromEnv.Source);
        }

        [Fact]
        public void DockerHostBeatsContexts()
        {
            WriteContext("remote", "tcp://10.0.0.9:2375");
            _env["DOCKER_CONTEXT"] = "remote";
            _env["DOCKER_HOST"] = "unix:///env.sock";
            Assert.Equal("unix:///env.sock", Resolver().Resolve(null, null).Address);
        }

        [Fact]
        public void DockerContextVariableSelectsAContext()
        {
            WriteContext("remote", "tcp://10.0.0.9:2375");
            _env["DOCKER_CONTEXT"] = "remote";
            EngineEndpoint ep = Resolver().Resolve(null, null);
            Assert.Equal("tcp://10.0.0.9:2375", ep.Address);
            Assert.Contains("docker context 'remote'", ep.Source);
            Assert.Contains("DOCKER_CONTEXT", ep.Source);
        }

        [Fact]
        public void CurrentContextFromConfigJson()
        {
            WriteContext("ctx-a", "unix:///ctx-a.sock");
            Directory.CreateDirectory(Path.Combine(_home, ".docker"));
            File.WriteAllText(Path.Combine(_home, ".docker", "config.json"), "{ \"auths\": {}, \"currentContext\": \"ctx-a\" }");
            EngineEndpoint ep = Resolver().Resolve(null, null);
            Assert.Equal("unix:///ctx-a.sock", ep.Address);
            Assert.Contains("currentContext", ep.Source);
        }

        [Fact]
        public void DefaultContextMeansPlatformDefault()
        {
            _env["DOCKER_CONTEXT"] = "default";
            Assert.Equal("unix:///var/run/docker.sock", Resolver().Resolve(null, null).Address);
        }

        [Fact]
        public void DockerConfigVariableMovesTheConfigFolder()
        {
            string other = Directory.CreateTempSubdirectory("dps-cfg-").FullName;
            _env["DOCKER_CONFIG"] = other;
            Assert.Equal(other, Resolver().ConfigDirectory);
            WriteContext("elsewhere", "unix:///x.sock", other);
            _env["DOCKER_CONTEXT"] = "elsewhere";
            Assert.Equal("unix:///x.sock", Resolver().Resolve(null, null).Address);
            Directory.Delete(other, true);
        }

        [Fact]
        public void MissingContextIsAClearArgumentError()
        {
            _env["DOCKER_CONTEXT"] = "nope";
            var e = Assert.Throws<DockerContextMissingException>(() => Resolver().Resolve(null, null));
            Assert.Equal("nope", e.Name);
            Assert.Contains("'nope'", e.Message);
            Assert.Contains("DOCKER_CONTEXT", e.Message);
        }

        [Fact]
        public void ContextTlsMaterialIsPickedUp()
        {
            string configDir = Path.Combine(_home, ".docker");
            WriteContext("secure", "tcp://127.0.0.1:2376", configDir, skipTls: false);
            string tlsDir = Path.Combine(configDir, "contexts", "tls", DockerCliConfig.ContextDirectoryName("secure"), "docker");
            Directory.CreateDirectory(tlsDir);
            _env["DOCKER_CONTEXT"] = "secure";
            EngineEndpoint ep = Resolver().Resolve(null, null);
            Assert.NotNull(ep.Tls);
            Assert.Equal(tlsDir, ep.Tls!.CertificatePath);
            Assert.True(ep.Tls.Verify);
        }

        [Fact]
        public void TlsVerifyAndCertPathFromEnvironment()
        {
            _env["DOCKER_HOST"] = "tcp://127.0.0.1:2376";
            _env["DOCKER_TLS_VERIFY"] = "1";
            _env["DOCKER_CERT_PATH"] = "/certs";
            EngineEndpoint ep = Resolver().Resolve(null, null);
            Assert.NotNull(ep.Tls);
            Assert.Equal("/certs", ep.Tls!.CertificatePath);
            Assert.True(ep.Tls.Verify);

            _env.Remove("DOCKER_CERT_PATH");
            Assert.Equal(Path.Combine(_home, ".docker"), Resolver().Resolve(null, null).Tls!.CertificatePath);
        }

        [Fact]
        public void NoTlsForUnixSocketsOrWithoutTheVariables()
        {
            _env["DOCKER_TLS_VERIFY"] = "1";
            Assert.Null(Resolver().Resolve("unix:///var/run/docker.sock", null).Tls);
            _env.Remove("DOCKER_TLS_VERIFY");
            Assert.Null(Resolver().Resolve("tcp://127.0.0.1:2375", null).Tls);
        }

        [Fact]
        public void ApiVersionComesFromTheEnvironment()
        {
            Assert.Null(Resolver().Resolve(null, null).ApiVersion);
            _env["DOCKER_API_VERSION"] = "1.40";
            Assert.Equal("1.40", Resolver().Resolve(null, null).ApiVersion);
        }

        [Theory]
        [InlineData("127.0.0.1:2375", "tcp://127.0.0.1:2375")]
        [InlineData("tcp://build01:2376", "tcp://build01:2376")]
        [InlineData("unix:///run/user/1000/docker.sock", "unix:///run/user/1000/docker.sock")]
        [InlineData("npipe://./pipe/docker_engine", "npipe://./pipe/docker_engine")]
        public void HostStringsAreNormalized(string input, string expected) =>
            Assert.Equal(expected, EndpointResolver.ParseHost(input, "test").OriginalString);

        [Theory]
        [InlineData("ftp://x:21", "unsupported scheme")]
        [InlineData("tcp://build01", "no port")]
        [InlineData("::::", "not a Docker engine address")]
        [InlineData("unix://", "names no socket")]
        [InlineData("unix:///", "names no socket")]
        [InlineData("unix://relative/docker.sock", "names no socket")]
        [InlineData("npipe://", "names no pipe")]
        [InlineData("tcp://:2375", "not a Docker engine address")]
        [InlineData("ssh://", "names no host")]
        [InlineData("ssh://me:secret@host", "password")]
        [InlineData("ssh://me@host?x=1", "query")]
        [InlineData("ssh://host:99999", "not a Docker engine address")]
        public void BadHostStringsSayWhy(string input, string why)
        {
            var e = Assert.Throws<EngineHostException>(() => EndpointResolver.ParseHost(input, "the -Host parameter"));
            Assert.Contains(why, e.Message);
            Assert.Contains("the -Host parameter", e.Message);
            Assert.Equal(input, e.Value);
            Assert.Equal("the -Host parameter", e.HostSource);
        }

        [Fact]
        public void MalformedDockerHostNamesTheVariable()
        {
            _env["DOCKER_HOST"] = "unix://";
            var e = Assert.Throws<EngineHostException>(() => Resolver().Resolve(null, null));
            Assert.Equal("unix://", e.Value);
            Assert.Equal("the DOCKER_HOST environment variable", e.HostSource);
        }

        [Theory]
        [InlineData("ssh://build01", null, "build01", null, null)]
        [InlineData("ssh://me@build01:2222", "me", "build01", 2222, null)]
        [InlineData("ssh://me@[::1]:22", "me", "::1", 22, null)]
        [InlineData("ssh://me@h/run/user/1000/docker.sock", "me", "h", null, "/run/user/1000/docker.sock")]
        public void SshAddressesAreReadAsTheDockerCliReadsThem(string input, string? user, string host, int? port, string? socket)
        {
            SshTarget t = SshTarget.TryParse(EndpointResolver.ParseHost(input, "test"), out string? problem)!;
            Assert.Null(problem);
            Assert.Equal(user, t.User);
            Assert.Equal(host, t.Host);
            Assert.Equal(port, t.Port);
            Assert.Equal(socket, t.SocketPath);
        }

        [Fact]
        public void SshCommandLineIsTheDockerClisWithBatchMode()
        {
            SshTarget t = SshTarget.TryParse(new Uri("ssh://me@build01:2222"), out _)!;
            Assert.Equal(
                new[] { "-o", "ConnectTimeout=10", "-o", "BatchMode=yes", "-T", "-l", "me", "-p", "2222", "--", "build01", "docker", "system", "dial-stdio" },
                t.Arguments(10, null));
            SshTarget withPath = SshTarget.TryParse(new Uri("ssh://h/run/my docker.sock"), out _)!;
            Assert.Equal(
                new[] { "-F", "/tmp/cfg", "-o", "ConnectTimeout=3", "-o", "BatchMode=yes", "-T", "--", "h", "docker", "--host", "'unix:///run/my docker.sock'", "system", "dial-stdio" },
                withPath.Arguments(3, "/tmp/cfg"));
        }

        [Fact]
        public void SshSettingsComeFromTheEnvironmentAndSeparateCachedClients()
        {
            EngineEndpoint plain = Resolver().Resolve("ssh://me@h", null);
            Assert.True(plain.IsSsh);
            Assert.Null(plain.SshConfigFile);
            Assert.Null(plain.SshProgram);
            _env["DOCKERPS_SSH_CONFIG"] = "/tmp/ssh_config";
            _env["DOCKERPS_SSH"] = "/opt/ssh";
            EngineEndpoint configured = Resolver().Resolve("ssh://me@h", null);
            Assert.Equal("/tmp/ssh_config", configured.SshConfigFile);
            Assert.Equal("/opt/ssh", configured.SshProgram);
            Assert.NotEqual(plain.CacheKey, configured.CacheKey);
            Assert.Equal(configured.CacheKey, configured.WithTls(null).CacheKey);
        }

        [Fact]
        public void ContextParameterReadsTheNamedContext()
        {
            WriteContext("over-ssh", "ssh://me@h:22");
            EngineEndpoint ep = Resolver().ResolveContext("over-ssh");
            Assert.Equal("ssh://me@h:22", ep.Address);
            Assert.Contains("the -Context parameter", ep.Source);
            _env["DOCKER_HOST"] = "unix:///env.sock";
            Assert.Equal("unix:///env.sock", Resolver().ResolveContext("default").Address);
            Assert.Throws<DockerContextMissingException>(() => Resolver().ResolveContext("nope"));
        }

        [Fact]
        public void ContextDirectoryIsTheSha256OfTheName() =>
            // The docker CLI's own folder name for the context "default" (sha256 of the UTF-8 name).
            Assert.Equal("37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f", DockerCliConfig.ContextDirectoryName("default"));

        private void WriteContext(string name, string host, string? configDir = null, bool skipTls = false)
        {
            string dir = Path.Combine(configDir ?? Path.Combine(_home, ".docker"), "contexts", "meta", DockerCliConfig.ContextDirectoryName(name));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "meta.json"),
                "{\"Name\":\"" + name + "\",\"Metadata\":{\"Description\":\"test\"},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":" + (skipTls ? "true" : "false") + "}}}");
        }

        [Fact]
        public void TlsOptionsSwitchTlsOnForNetworkEndpointsOnly()
        {
            EngineEndpoint plain = Resolver().Resolve("tcp://127.0.0.1:2376", null);
            Assert.Null(plain.Tls);
            Assert.Same(plain, EndpointResolver.ApplyTlsOptions(plain, null, null, false));

            EngineEndpoint withPath = EndpointResolver.ApplyTlsOptions(plain, "/certs", null, false);
            Assert.Equal("/certs", withPath.Tls!.CertificatePath);
            Assert.True(withPath.Tls.Verify);
            Assert.Equal(plain.Address, withPath.Address);
            Assert.NotEqual(plain.CacheKey, withPath.CacheKey);

            EngineEndpoint skipped = EndpointResolver.ApplyTlsOptions(plain, "/certs", null, true);
            Assert.False(skipped.Tls!.Verify);
            Assert.NotEqual(withPath.CacheKey, skipped.CacheKey);

            EngineEndpoint unix = Resolver().Resolve("unix:///var/run/docker.sock", null);
            Assert.Null(EndpointResolver.ApplyTlsOptions(unix, "/certs", null, true).Tls);
            EngineEndpoint pipe = Resolver(windows: true).Resolve(null, null);
            Assert.Null(EndpointResolver.ApplyTlsOptions(pipe, "/certs", null, false).Tls);
        }

        [Fact]
        public void TlsOptionsReplaceTheEnvironmentsCertPathButKeepItWhenOnlySkipping()
        {
            _env["DOCKER_TLS_VERIFY"] = "1";
            _env["DOCKER_CERT_PATH"] = "/env-certs";
            EngineEndpoint ep = Resolver().Resolve("tcp://127.0.0.1:2376", null);
            Assert.Equal("/mine", EndpointResolver.ApplyTlsOptions(ep, "/mine", null, false).Tls!.CertificatePath);
            TlsSettings skip = EndpointResolver.ApplyTlsOptions(ep, null, null, true).Tls!;
            Assert.Equal("/env-certs", skip.CertificatePath);
            Assert.False(skip.Verify);
        }

        [Fact]
        public void HttpsMeansTlsWithVerification()
        {
            TlsSettings tls = Resolver().Resolve("https://127.0.0.1:2376", null).Tls!;
            Assert.True(tls.Verify);
            Assert.Null(tls.CertificatePath);
            Assert.Null(Resolver().Resolve("http://127.0.0.1:2375", null).Tls);
        }

        public void Dispose() => Directory.Delete(_home, true);
    }
}
