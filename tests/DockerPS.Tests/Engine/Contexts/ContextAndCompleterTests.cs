using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Contexts
{
    /// <summary>
    /// Context switching against a second endpoint. The second endpoint is a unix socket of this test's own that
    /// forwards to the shared engine (and counts connections): a second dockerd on this machine would need its own
    /// containerd, bridge and data root, which risks the engine other test runs share.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ContextAndCompleterTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public ContextAndCompleterTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        private static string Hash(string name) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();

        private static void WriteContext(string config, string name, string host, string description)
        {
            string dir = Path.Combine(config, "contexts", "meta", Hash(name));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "meta.json"),
                "{\"Name\":\"" + name + "\",\"Metadata\":{\"Description\":\"" + description + "\"},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        }

        [SkippableFact]
        public void UseDockerContextMakesTheNextCmdletTalkToTheOtherEndpointAndKeepsTheRestOfConfigJson()
        {
            Skip.If(_engine.IsPodman, "Podman: the test's context endpoint is a proxy to the shared dockerd, whose containers the podman fixture did not make");
            string temp = Path.Combine(Path.GetTempPath(), "dps-ctx-" + _engine.RunId + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            string config = Path.Combine(temp, "config");
            Directory.CreateDirectory(config);
            string socket = Path.Combine(temp, "fwd.sock");
            string original = "{\n\t\"auths\": {\n\t\t\"registry.example.invalid\": {\n\t\t\t\"auth\": \"eDp5\"\n\t\t}\n\t},\n\t\"psFormat\": \"table {{.ID}}\\t{{.Names}}\",\n\t\"experimental\": \"enabled\"\n}";
            string configFile = Path.Combine(config, "config.json");
            File.WriteAllText(configFile, original);
            WriteContext(config, "dps-forward", "unix://" + socket, "forwarder of the test");
            string containerName = _engine.NewName("ctx");
            _engine.CreateContainer(containerName);

            string? savedConfig = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
            string? savedHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
            string? savedContext = Environment.GetEnvironmentVariable("DOCKER_CONTEXT");
            using var forwarder = SocketRelay.UnixToUnix(socket, new Uri(_engine.Endpoint).LocalPath);
            try
            {
                Environment.SetEnvironmentVariable("DOCKER_CONFIG", config);
                Environment.SetEnvironmentVariable("DOCKER_HOST", null);
                Environment.SetEnvironmentVariable("DOCKER_CONTEXT", null);

                var before = _ps.Run("Get-DockerContext").AssertClean().All<DockerContext>();
                Assert.Equal(new[] { "default", "dps-forward" }, before.Select(c => c.Name));
                Assert.True(before[0].Current);
                Assert.False(before[1].Current);
                Assert.Equal("unix://" + socket, before[1].DockerEndpoint);
                Assert.Equal("forwarder of the test", before[1].Description);
                Assert.Equal("unix:///var/run/docker.sock", _ps.Run("Get-Container $n | ForEach-Object Engine", Vars(("n", containerName))).AssertClean().Single<string>());

                _ps.Run("Use-DockerContext dps-forward -WhatIf").AssertClean();
                Assert.Equal(original, File.ReadAllText(configFile));
                Assert.Equal(0, forwarder.Connections);

                var now = _ps.Run("Use-DockerContext dps-forward -PassThru").AssertClean().Single<DockerContext>();
                Assert.True(now.Current);
                string switched = File.ReadAllText(configFile);
                Assert.Equal(original.Substring(0, original.Length - 2) + ",\n\t\"currentContext\": \"dps-forward\"\n}", switched);

                var c = _ps.Run("Get-Container $n", Vars(("n", containerName))).AssertClean().Single<DockerContainer>();
                Assert.Equal("unix://" + socket, c.Engine);
                Assert.True(forwarder.Connections > 0, "the cmdlet did not go through the context's socket");
                Assert.Equal("dps-forward", _ps.Run("(Get-DockerContext -Current).Name").AssertClean().Single<string>());
                Assert.Equal("unix://" + socket, _ps.Run("(Get-ContainerNetwork none).Engine").AssertClean().Single<string>());

                PsResult missing = _ps.Run("Use-DockerContext no-such-context");
                Assert.Equal("DockerContextNotFound,DockerPS.Commands.Context.UseDockerContextCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
                Assert.Equal(switched, File.ReadAllText(configFile));

                _ps.Run("Use-DockerContext default").AssertClean();
                Assert.Equal(original, File.ReadAllText(configFile));
                Assert.Equal("unix:///var/run/docker.sock", _ps.Run("Get-Container $n | ForEach-Object Engine", Vars(("n", containerName))).AssertClean().Single<string>());

                Environment.SetEnvironmentVariable("DOCKER_HOST", "unix:///var/run/docker.sock");
                PsResult warned = _ps.Run("Use-DockerContext dps-forward; Use-DockerContext default").AssertClean();
                Assert.Contains(warned.Warnings, w => w.Contains("DOCKER_HOST"));
                Assert.Equal(original, File.ReadAllText(configFile));
                Assert.Empty(Directory.GetFiles(config, "*.partial"));
            }
            finally
            {
                Environment.SetEnvironmentVariable("DOCKER_CONFIG", savedConfig);
                Environment.SetEnvironmentVariable("DOCKER_HOST", savedHost);
                Environment.SetEnvironmentVariable("DOCKER_CONTEXT", savedContext);
                forwarder.Dispose();
                Directory.Delete(temp, true);
            }
        }

        private List<string> Complete(string input) =>
            _ps.Run("[System.Management.Automation.CommandCompletion]::CompleteInput($s, $s.Length, $null).CompletionMatches | ForEach-Object CompletionText", Vars(("s", input)))
                .AssertClean().Output.Select(o => (string)o.BaseObject).ToList();

        [Fact]
        public void NetworkAndVolumeNamesComplete()
        {
            string group = _engine.NewName("cpl");
            string net = _engine.CreateNetwork(group + "-net");
            string vol = group + "-vol";
            _engine.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = vol, Labels = new Dictionary<string, string> { [EngineFixture.TestLabel] = _engine.RunId } }).GetAwaiter().GetResult();

            Assert.Equal(new[] { net }, Complete("Get-ContainerNetwork " + group));
            Assert.Equal(new[] { net }, Complete("Connect-ContainerNetwork -Network " + group.ToUpperInvariant()));
            Assert.Equal(new[] { net }, Complete("Get-Container -Network " + group));
            Assert.Equal(new[] { vol }, Complete("Remove-ContainerVolume " + group));
            Assert.Equal(new[] { vol }, Complete("Get-ContainerVolume " + group));
            Assert.Equal(new[] { vol }, Complete("Get-ContainerVolume -Host " + _engine.Endpoint + " " + group));
        }

        [Fact]
        public void CompletionHonoursATypedHostAndNeverFails()
        {
            string group = _engine.NewName("cpl");
            _engine.CreateNetwork(group + "-net");
            string missing = Path.Combine(Path.GetTempPath(), "dps-no-engine-" + _engine.RunId + ".sock");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Empty(Complete("Get-ContainerNetwork -Host unix://" + missing + " " + group));
            Assert.Empty(Complete("Get-ContainerVolume -H unix://" + missing + " x"));
            Assert.Empty(Complete("Get-ContainerNetwork -Host 'ssh://nope' " + group));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "completion took " + watch.Elapsed);
        }
    }
}
