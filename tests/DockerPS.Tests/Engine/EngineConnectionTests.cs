using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Connection;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine
{
    /// <summary>Get-DockerVersion, Get-DockerInfo, engine resolution, API negotiation and the unreachable engine.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class EngineConnectionTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public EngineConnectionTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        /// <summary>Runs <paramref name="body"/> with environment variables set, and restores them after.</summary>
        private PsResult WithEnv(string body, params (string Name, string? Value)[] env)
        {
            string set = string.Join("; ", env.Select(e => e.Value == null ? $"$env:{e.Name} = $null" : $"$env:{e.Name} = '{e.Value}'"));
            string save = string.Join("; ", env.Select(e => $"$saved_{e.Name} = $env:{e.Name}"));
            string restore = string.Join("; ", env.Select(e => $"$env:{e.Name} = $saved_{e.Name}"));
            return _ps.Run($"{save}; try {{ {set}; {body} }} finally {{ {restore} }}");
        }

        // Reads write an unreachable engine's error non-terminating; the tests add -ErrorAction Stop to catch it here.
        private static ErrorRecord Caught(PsResult r) =>
            r.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException("No terminating error was caught. Errors: " + string.Join("; ", r.Errors) + " Output: " + string.Join(", ", r.Output));

        [Fact]
        public void VersionReportsTheEngineAndTheNegotiatedApiVersion()
        {
            var v = _ps.Run("Get-DockerVersion").AssertClean().Single<DockerVersion>();
            Assert.Equal(_engine.Version.Version, v.Version);
            Assert.Equal(_engine.Version.APIVersion, v.ApiVersion);
            Assert.Equal(_engine.Version.MinAPIVersion, v.MinApiVersion);
            var engineMax = System.Version.Parse(v.ApiVersion);
            var expected = engineMax < new System.Version(1, 54) ? engineMax : new System.Version(1, 54);
            Assert.Equal(expected.ToString(2), v.ClientApiVersion);
            Assert.Equal(_engine.Version.Os, v.Os);
            Assert.Equal(_engine.Endpoint, v.Engine);
        }

        [Fact]
        public void InfoReportsTheEngineHost()
        {
            string name = _engine.NewName("info");
            _engine.CreateContainer(name, start: true);
            var raw = _engine.Client.System.GetSystemInfoAsync().GetAwaiter().GetResult();
            var info = _ps.Run("Get-DockerInfo").AssertClean().Single<DockerSystemInfo>();
            Assert.Equal(raw.ServerVersion, info.ServerVersion);
            Assert.Equal(raw.Name, info.Name);
            Assert.Equal(raw.NCPU, info.Cpus);
            Assert.Equal(raw.MemTotal, info.MemoryTotal);
            Assert.True(info.ContainersRunning >= 1);
            Assert.True(info.Images >= 1);
            Assert.Equal(raw.Driver, info.StorageDriver);
            Assert.Equal(_engine.Endpoint, info.Engine);
        }

        [Fact]
        public void DockerApiVersionPinsTheVersionUsed()
        {
            PsResult r = WithEnv($"Get-DockerVersion; Get-Container -All -Label 'dockerps.test={_engine.RunId}'", ("DOCKER_API_VERSION", "1.40"));
            r.AssertClean();
            Assert.Equal("1.40", Assert.IsType<DockerVersion>(r.Output[0].BaseObject).ClientApiVersion);
        }

        [SkippableFact]
        public void AnApiVersionTheEngineRefusesIsAClearError()
        {
            Skip.If(_engine.IsPodman, "Podman: any API version in the path is accepted; no version is refused");
            PsResult r = WithEnv("try { Get-Container -ErrorAction Stop } catch { $_ }", ("DOCKER_API_VERSION", "1.99"));
            ErrorRecord e = Caught(r);
            Assert.Equal("ApiVersionNotSupported,DockerPS.Commands.Container.GetContainerCommand", e.FullyQualifiedErrorId);
            Assert.Contains("1.99", e.ToString());
        }

        [Fact]
        public void AMissingSocketIsOneConnectionErrorThatSaysWhereItCameFrom()
        {
            // Reads write it non-terminating (-ErrorAction decides); Stop turns it into the one caught error here.
            string socket = Path.Combine(Path.GetTempPath(), "dockerps-missing-" + _engine.RunId + ".sock");
            var watch = Stopwatch.StartNew();
            PsResult r = WithEnv("try { Get-Container -All -ErrorAction Stop; 'not reached' } catch { $_ }", ("DOCKER_HOST", "unix://" + socket));
            watch.Stop();

            ErrorRecord e = Caught(r);
            Assert.Single(r.Output);
            Assert.Empty(r.Errors);
            Assert.Equal("EngineUnreachable,DockerPS.Commands.Container.GetContainerCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
            Assert.Equal("unix://" + socket, e.TargetObject);
            string text = e.ToString();
            Assert.Contains(socket, text);
            Assert.Contains("DOCKER_HOST", text);
            Assert.Contains("does not exist.", text);
            Assert.DoesNotContain("   at ", text);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "took " + watch.Elapsed);
        }

        [Fact]
        public void AfterAnUnreachableEngineTheNextCallWorks()
        {
            WithEnv("try { Get-DockerVersion } catch { }", ("DOCKER_HOST", "unix:///tmp/dockerps-nothing-here.sock"));
            _ps.Run("Get-DockerVersion").AssertClean().Single<DockerVersion>();
        }

        [Fact]
        public void HostParameterWinsAndIsReportedInErrors()
        {
            var v = _ps.Run("Get-DockerVersion -Host $h", Vars(("h", _engine.Endpoint))).AssertClean().Single<DockerVersion>();
            Assert.Equal(_engine.Endpoint, v.Engine);

            PsResult r = _ps.Run("try { Get-Image -H 'unix:///tmp/dockerps-no.sock' -ErrorAction Stop } catch { $_ }");
            ErrorRecord e = Caught(r);
            Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
            Assert.Contains("the -Host parameter", e.ToString());
        }

        [Fact]
        public void ABadHostIsAnInvalidArgument()
        {
            ErrorRecord e = Caught(_ps.Run("try { Get-Container -Host 'ftp://example:21' } catch { $_ }"));
            Assert.Equal("InvalidEngineHost,DockerPS.Commands.Container.GetContainerCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        }

        [Fact]
        public void APipedObjectsEngineIsUsed()
        {
            ErrorRecord e = Caught(_ps.Run("try { [pscustomobject]@{ Engine = 'unix:///tmp/dockerps-piped.sock' } | Get-Container -ErrorAction Stop } catch { $_ }"));
            Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
            Assert.Contains("dockerps-piped.sock", e.ToString());
            Assert.Contains("piped object", e.ToString());

            string name = _engine.NewName("piped");
            _engine.CreateContainer(name);
            var c = _ps.Run("Get-Container $n | ForEach-Object { [pscustomobject]@{ Engine = $_.Engine } } | Get-Container -Name $n", Vars(("n", name))).AssertClean().Single<DockerContainer>();
            Assert.Equal(name, c.Name);
        }

        [Fact]
        public void TheDockerCliContextIsFollowed()
        {
            string config = Directory.CreateTempSubdirectory("dps-ctx-").FullName;
            try
            {
                WriteContext(config, "dps-good", _engine.Endpoint);
                WriteContext(config, "dps-bad", "unix:///tmp/dockerps-ctx-missing.sock");
                File.WriteAllText(Path.Combine(config, "config.json"), "{\"currentContext\":\"dps-bad\"}");

                ErrorRecord e = Caught(WithEnv("try { Get-DockerVersion -ErrorAction Stop } catch { $_ }", ("DOCKER_HOST", null), ("DOCKER_CONTEXT", null), ("DOCKER_CONFIG", config)));
                Assert.Contains("docker context 'dps-bad'", e.ToString());
                Assert.Contains("currentContext", e.ToString());

                PsResult good = WithEnv("Get-DockerVersion", ("DOCKER_HOST", null), ("DOCKER_CONTEXT", "dps-good"), ("DOCKER_CONFIG", config));
                Assert.Equal(_engine.Version.Version, good.AssertClean().Single<DockerVersion>().Version);
            }
            finally
            {
                Directory.Delete(config, true);
            }
        }

        private static void WriteContext(string config, string name, string host)
        {
            string dir = Path.Combine(config, "contexts", "meta", DockerCliConfig.ContextDirectoryName(name));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        }
    }
}
