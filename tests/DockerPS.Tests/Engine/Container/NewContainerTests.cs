using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Container
{
    /// <summary>New-Container and Invoke-Container: every option checked in what the engine stored.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class NewContainerTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public NewContainerTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private Dictionary<string, object?> Vars(params (string, object?)[] pairs) => _engine.Vars(pairs);

        [SkippableFact]
        public void EveryEverydayOptionReachesTheEngine()
        {
            Skip.If(_engine.IsPodman, "Podman: inspect reports StopSignal and other create defaults differently from dockerd (e.g. no SIGINT round trip)");
            string name = _engine.NewName("full");
            string network = _engine.CreateNetwork(_engine.NewName("net"));
            int hostPort = EngineFixture.FreeLoopbackPort();
            string volume = _engine.NewName("vol");
            string bindDir = Directory.CreateTempSubdirectory("dps-bind-").FullName;

            var c = _ps.Run(@"
                New-Container -Image $img -Name $n -Command sleep, 300 -Entrypoint /bin/busybox `
                  -Environment @{ MODE = 'prod'; LEVEL = 3 } -Port ""127.0.0.1:${hp}:80"", '53/udp' -Expose 9000 `
                  -Volume ""${bind}:/conf:ro"", '/scratch' -Mount ""type=volume,source=$vol,target=/data,volume-label=dockerps.test=$run"" `
                  -Tmpfs '/run/cache:size=8m' -Label @{ tier = 'web'; 'dockerps.test' = $run } -WorkingDirectory /tmp -User 65534 `
                  -Hostname box -Network $net -RestartPolicy on-failure:3 -Memory 64m -MemorySwap 128m -Cpus 0.5 -CpuShares 512 `
                  -ReadOnly -CapAdd NET_ADMIN -CapDrop MKNOD -HealthCommand 'true' -HealthInterval 30s -HealthTimeout 5s `
                  -HealthRetries 2 -HealthStartPeriod 00:00:10 -StopSignal SIGINT -StopTimeout 7 -Tty -Interactive",
                Vars(("n", name), ("net", network), ("hp", hostPort), ("vol", volume), ("bind", bindDir))).AssertClean().Single<DockerContainer>();

            Assert.Equal(name, c.Name);
            Assert.Equal("created", c.State);
            Assert.Equal(_engine.Endpoint, c.Engine);

            var i = _engine.Inspect(name);
            Assert.Equal(new[] { "sleep", "300" }, i.Config.Cmd);
            Assert.Equal(new[] { "/bin/busybox" }, i.Config.Entrypoint);
            Assert.Contains("MODE=prod", i.Config.Env);
            Assert.Contains("LEVEL=3", i.Config.Env);
            Assert.Equal("web", i.Config.Labels["tier"]);
            Assert.Equal("/tmp", i.Config.WorkingDir);
            Assert.Equal("65534", i.Config.User);
            Assert.Equal("box", i.Config.Hostname);
            Assert.True(i.Config.Tty);
            Assert.True(i.Config.OpenStdin);
            Assert.Equal("SIGINT", i.Config.StopSignal);
            Assert.Equal(TimeSpan.FromSeconds(7), i.Config.StopTimeout);
            Assert.Contains("9000/tcp", i.Config.ExposedPorts.Keys);
            Assert.Equal(new[] { "CMD-SHELL", "true" }, i.Config.Healthcheck.Test);
            Assert.Equal(TimeSpan.FromSeconds(30), i.Config.Healthcheck.Interval);
            Assert.Equal(TimeSpan.FromSeconds(5), i.Config.Healthcheck.Timeout);
            Assert.Equal(2L, i.Config.Healthcheck.Retries);
            Assert.Equal(2, i.Config.Healthcheck.Retries);

            var h = i.HostConfig;
            Assert.Equal(network, h.NetworkMode);
            var bound = h.PortBindings["80/tcp"].Single();
            Assert.Equal(("127.0.0.1", hostPort.ToString()), (bound.HostIP, bound.HostPort));
            Assert.True(h.PortBindings.ContainsKey("53/udp"));
            Assert.Equal(Docker.DotNet.Models.RestartPolicyKind.OnFailure, h.RestartPolicy.Name);
            Assert.Equal(3, h.RestartPolicy.MaximumRetryCount);
            Assert.Equal(64L << 20, h.Memory);
            Assert.Equal(128L << 20, h.MemorySwap);
            Assert.Equal(500_000_000L, h.NanoCPUs);
            Assert.Equal(512, h.CPUShares);
            Assert.True(h.ReadonlyRootfs);
            Assert.Contains("NET_ADMIN", h.CapAdd);
            Assert.Contains("MKNOD", h.CapDrop);

            // -Volume and -Tmpfs as docker sends them (Binds, Config.Volumes, HostConfig.Tmpfs); -Mount as Mounts.
            Assert.Equal(new[] { bindDir + ":/conf:ro" }, h.Binds);
            Assert.Contains("/scratch", i.Config.Volumes.Keys);
            Assert.Equal("size=8m", h.Tmpfs["/run/cache"]);
            var mounts = h.Mounts.ToDictionary(m => m.Target);
            Assert.Equal(("volume", volume), (mounts["/data"].Type, mounts["/data"].Source));
            Directory.Delete(bindDir);
        }

        [SkippableFact]
        public void TheEscapeHatchSetsAnyEngineField()
        {
            Skip.If(_engine.IsPodman, "Podman: Init=true needs catatonit, which Debian's podman package does not ship (container-init binary not found)");
            string name = _engine.NewName("hatch");
            _ps.Run("New-Container $img -Name $n -Network none -Label @{ 'dockerps.test' = $run } -Configuration @{ Domainname = 'corp.test'; HostConfig = @{ ShmSize = 134217728; Init = $true } }",
                Vars(("n", name))).AssertClean();
            var i = _engine.Inspect(name);
            Assert.Equal("corp.test", i.Config.Domainname);
            Assert.Equal(134217728, i.HostConfig.ShmSize);
            Assert.True(i.HostConfig.Init);
            Assert.Equal("none", i.HostConfig.NetworkMode);
        }

        [Fact]
        public void AnUnknownEscapeHatchFieldIsRefused()
        {
            string name = _engine.NewName("hatch-bad");
            PsResult r = _ps.Run("New-Container $img -Name $n -Configuration @{ HostConfig = @{ NoSuchField = 1 } }", Vars(("n", name)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("InvalidContainerSpec,DockerPS.Commands.Container.NewContainerCommand", e.FullyQualifiedErrorId);
            Assert.Contains("NoSuchField", e.ToString());
            Assert.Empty(_ps.Run("Get-Container -Name $n -ErrorAction SilentlyContinue", Vars(("n", name))).Output);
        }

        [Theory]
        [InlineData("-Port 'nope'", "port")]
        [InlineData("-Volume 'bad name!:/x'", "mount")]
        [InlineData("-Mount 'type=bind,target=/x'", "needs source")]
        [InlineData("-RestartPolicy sometimes", "restart policy")]
        [InlineData("-Cpus -1", "CPUs")]
        public void BadSpecsAreInvalidContainerSpecAndCreateNothing(string option, string why)
        {
            string name = _engine.NewName("badspec");
            PsResult r = _ps.Run($"New-Container $img -Name $n {option}; 'after'", Vars(("n", name)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("InvalidContainerSpec,DockerPS.Commands.Container.NewContainerCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Contains(why, e.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
            Assert.Empty(_ps.Run("Get-Container -All -Name $n -ErrorAction SilentlyContinue", Vars(("n", name))).Output);
        }

        /// <summary>Sizes, durations and key=value maps are converted at binding (issue 15): the error names the parameter.</summary>
        [Theory]
        [InlineData("-Memory lots", "Memory", "lots")]
        [InlineData("-HealthInterval soon", "HealthInterval", "soon")]
        [InlineData("-Environment '=x'", "Environment", "=x")]
        public void BadSizesDurationsAndMapsAreBindingErrorsAndCreateNothing(string option, string parameter, string value)
        {
            string name = _engine.NewName("badspec");
            PsResult r = _ps.Run($"New-Container $img -Name $n {option}; 'after'", Vars(("n", name)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("ParameterArgumentTransformationError,DockerPS.Commands.Container.NewContainerCommand", e.FullyQualifiedErrorId);
            Assert.Contains($"'{parameter}'", e.Exception.Message);
            Assert.Contains(value, e.Exception.Message);
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
            Assert.Empty(_ps.Run("Get-Container -All -Name $n -ErrorAction SilentlyContinue", Vars(("n", name))).Output);
        }

        [Fact]
        public void AMissingImageWithPullNeverIsImageNotFoundAndNothingIsPulled()
        {
            // -Pull never: the engine is not asked to pull (the name would resolve to Docker Hub).
            PsResult r = _ps.Run("New-Container 'dockerps-test/not-here:1' -Network none -Pull never");
            var e = Assert.Single(r.Errors);
            Assert.Equal("ImageNotFound,DockerPS.Commands.Container.NewContainerCommand", e.FullyQualifiedErrorId);
            Assert.Equal("dockerps-test/not-here:1", e.TargetObject);
            Assert.Contains("Install-Image", e.ToString());
        }

        [Fact]
        public void ANameInUseIsContainerNameInUse()
        {
            string name = _engine.NewName("dup");
            _engine.CreateContainer(name);
            PsResult r = _ps.Run("New-Container $img -Name $n -Network none", Vars(("n", name)));
            Assert.Equal("ContainerNameInUse,DockerPS.Commands.Container.NewContainerCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void WhatIfCreatesNothing()
        {
            string name = _engine.NewName("whatif");
            _ps.Run("New-Container $img -Name $n -WhatIf", Vars(("n", name))).AssertClean();
            Assert.Empty(_ps.Run("Get-Container -All -Name $n -ErrorAction SilentlyContinue", Vars(("n", name))).Output);
        }

        [Fact]
        public void APipedImageIsTheImageToCreateFrom()
        {
            string name = _engine.NewName("fromimg");
            var c = _ps.Run("Get-Image $img | New-Container -Name $n -Network none -Label @{ 'dockerps.test' = $run }", Vars(("n", name))).AssertClean().Single<DockerContainer>();
            Assert.Equal(_engine.Image, c.Image);
        }

        [Fact]
        public void InvokeRunsToTheEndAndKeepsStdoutAndStderrApart()
        {
            PsResult r = _ps.Run(@"
                $r = Invoke-Container $img sh '-c' 'echo out-line; echo err-line >&2; exit 3' -Network none -Remove -Label @{ 'dockerps.test' = $run } -AsResult
                $r
                $LASTEXITCODE", Vars()).AssertClean();
            var result = Assert.IsType<DockerRunResult>(r.Output[0].BaseObject);
            Assert.Equal(3, result.ExitCode);
            Assert.Equal("out-line\n", result.Stdout);
            Assert.Equal("err-line\n", result.Stderr);
            Assert.True(result.Removed);
            Assert.False(string.IsNullOrEmpty(result.Name));
            Assert.Equal(3, r.Output[1].BaseObject);
            Assert.Empty(_ps.Run("Get-Container -All -Id $i -ErrorAction SilentlyContinue", Vars(("i", result.Id))).Output);
        }

        [Fact]
        public void InvokeKeepsTheContainerWithoutRemove()
        {
            string name = _engine.NewName("kept");
            var result = _ps.Run("Invoke-Container $img echo hello -Name $n -Network none -AsResult", Vars(("n", name))).AssertClean().Single<DockerRunResult>();
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("hello\n", result.Stdout);
            Assert.Equal(name, result.Name);
            Assert.False(result.Removed);
            Assert.Equal("exited", _engine.Inspect(name).State.Status);
        }

        [Fact]
        public void CtrlCDuringInvokeStopsAndRemovesWhatRemovePromised()
        {
            string name = _engine.NewName("run-stop");
            var (took, result, stopped) = _ps.RunAndStop(
                $"Invoke-Container '{_engine.Image}' sleep 300 -Name '{name}' -Network none -Remove", TimeSpan.FromSeconds(1.5));
            Assert.True(stopped);
            Assert.True(took < TimeSpan.FromSeconds(5), "stop took " + took);
            Assert.Empty(result.Errors);
            Assert.Empty(_ps.Run("Get-Container -All -Name $n -ErrorAction SilentlyContinue", Vars(("n", name))).Output);
        }

        [Fact]
        public void DetachReturnsTheRunningContainer()
        {
            string name = _engine.NewName("detached");
            var c = _ps.Run("Invoke-Container $img sleep 300 -Name $n -Network none -Detach -Remove", Vars(("n", name))).AssertClean().Single<DockerContainer>();
            Assert.Equal("running", c.State);
            Assert.True(_engine.Inspect(name).HostConfig.AutoRemove);
        }
    }
}
