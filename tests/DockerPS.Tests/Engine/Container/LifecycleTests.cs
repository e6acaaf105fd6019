using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Container
{
    /// <summary>Start, Stop, Restart, Suspend, Resume, Remove, Wait, Rename, Update and Get-ContainerDetail, as pipelines.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class LifecycleTests
    {
        /// <summary>A container that exits promptly on SIGTERM, with 42 on SIGINT (sleep as PID 1 would ignore both).</summary>
        private static readonly List<string> Polite = new List<string> { "sh", "-c", "trap 'exit 0' TERM; trap 'exit 42' INT; while true; do sleep 1; done" };

        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public LifecycleTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private Dictionary<string, object?> Vars(params (string, object?)[] pairs) => _engine.Vars(pairs);

        private string State(string name) => _engine.Inspect(name).State.Status;

        [SkippableFact]
        public void NewStartStopComposeInOnePipeline()
        {
            Skip.If(_engine.IsPodman, "Podman: sh as PID 1 ignores SIGTERM without an init, so podman's stop ends in SIGKILL (exit 137) where dockerd's gives 0");
            string name = _engine.NewName("chain");
            PsResult r = _ps.Run(@"New-Container $img sh '-c' ""trap 'exit 0' TERM; while true; do sleep 1; done"" -Name $n -Network none -Label @{ 'dockerps.test' = $run } |
                Start-Container -PassThru | Where-Object State -eq 'running' | Stop-Container -PassThru | ForEach-Object State", Vars(("n", name))).AssertClean();
            Assert.Equal("exited", r.Single<string>());
            Assert.Equal(0, _engine.Inspect(name).State.ExitCode);
        }

        [Fact]
        public void ExitedContainersCanBeRemovedThroughThePipeline()
        {
            string tag = _engine.NewName("prune");
            var labels = new Dictionary<string, string> { ["dockerps.group"] = tag };
            string a = _engine.NewName("gone-a");
            string b = _engine.NewName("gone-b");
            string up = _engine.NewName("stays");
            _engine.CreateExitedContainer(a, 0, labels);
            _engine.CreateExitedContainer(b, 1, labels);
            _engine.CreateContainer(up, start: true, labels: labels);

            _ps.Run("Get-Container -Status exited -Label \"dockerps.group=$t\" | Remove-Container", Vars(("t", tag))).AssertClean();

            var left = _ps.Run("Get-Container -All -Label \"dockerps.group=$t\" | ForEach-Object Name", Vars(("t", tag))).AssertClean().Output.Select(o => (string)o.BaseObject);
            Assert.Equal(new[] { up }, left);
        }

        [Fact]
        public void OneMissingContainerIsOneErrorAndTheOthersAreStopped()
        {
            string a = _engine.NewName("stop-a");
            string b = _engine.NewName("stop-b");
            _engine.CreateContainer(a, Polite, start: true);
            _engine.CreateContainer(b, Polite, start: true);
            string missing = _engine.NewName("missing");

            PsResult r = _ps.Run("$a, $m, $b | Stop-Container", Vars(("a", a), ("m", missing), ("b", b)));

            var e = Assert.Single(r.Errors);
            Assert.Equal("ContainerNotFound,DockerPS.Commands.Container.StopContainerCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.Equal(missing, e.TargetObject);
            Assert.Equal("exited", State(a));
            Assert.Equal("exited", State(b));
        }

        [Fact]
        public void StopSignalAndForce()
        {
            string polite = _engine.NewName("sigint");
            _engine.CreateContainer(polite, Polite, start: true);
            _ps.Run("Stop-Container $n -Signal SIGINT -Timeout 5", Vars(("n", polite))).AssertClean();
            Assert.Equal(42, _engine.Inspect(polite).State.ExitCode);

            string stubborn = _engine.NewName("kill");
            _engine.CreateContainer(stubborn, start: true);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            _ps.Run("Stop-Container $n -Force", Vars(("n", stubborn))).AssertClean();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "kill took " + watch.Elapsed);
            Assert.Equal(137, _engine.Inspect(stubborn).State.ExitCode);

            // Stopping what is not running is not an error, as with docker stop.
            _ps.Run("Stop-Container $n", Vars(("n", stubborn))).AssertClean();
        }

        [Fact]
        public void TimeoutBoundsTheWaitBeforeKill()
        {
            string name = _engine.NewName("timeout");
            _engine.CreateContainer(name, start: true); // sleep as PID 1 ignores SIGTERM
            var watch = System.Diagnostics.Stopwatch.StartNew();
            _ps.Run("Stop-Container $n -Timeout 1", Vars(("n", name))).AssertClean();
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(6));
            Assert.Equal("exited", State(name));
        }

        [SkippableFact]
        public void ZeroTimeoutStopsAtOnce()
        {
            string name = _engine.NewName("t0");
            _engine.CreateContainer(name, start: true); // sleep as PID 1 ignores SIGTERM: only the kill ends it
            var watch = System.Diagnostics.Stopwatch.StartNew();
            _ps.Run("Stop-Container $n -Timeout 0", Vars(("n", name))).AssertClean();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), "stop -Timeout 0 took " + watch.Elapsed);
            Assert.Equal("exited", State(name));
            _ps.Run("Stop-Container $n -Timeout 0", Vars(("n", name))).AssertClean();

            watch.Restart();
            _ps.Run("Start-Container $n; Restart-Container $n -Timeout 0", Vars(("n", name))).AssertClean();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), "restart -Timeout 0 took " + watch.Elapsed);
            Assert.Equal("running", State(name));
        }

        [SkippableFact]
        public void SuspendAndResume()
        {
            string name = _engine.NewName("pause");
            _engine.CreateContainer(name, start: true);
            Assert.Equal("paused", _ps.Run("Suspend-Container $n -PassThru | ForEach-Object State", Vars(("n", name))).AssertClean().Single<string>());
            Assert.True(_engine.Inspect(name).State.Paused);
            Assert.Equal("running", _ps.Run("Get-Container $n | Resume-Container -PassThru | ForEach-Object State", Vars(("n", name))).AssertClean().Single<string>());

            PsResult notPaused = _ps.Run("Resume-Container $n", Vars(("n", name)));
            Assert.Equal("ContainerNotPaused,DockerPS.Commands.Container.ResumeContainerCommand", Assert.Single(notPaused.Errors).FullyQualifiedErrorId);
            _ps.Run("Suspend-Container $n", Vars(("n", name))).AssertClean();
            PsResult twice = _ps.Run("Suspend-Container $n; Start-Container $n", Vars(("n", name)));
            Assert.Equal(new[] { "ContainerIsPaused,DockerPS.Commands.Container.SuspendContainerCommand", "ContainerIsPaused,DockerPS.Commands.Container.StartContainerCommand" },
                twice.Errors.Select(e => e.FullyQualifiedErrorId));
            _ps.Run("Resume-Container $n", Vars(("n", name))).AssertClean();

            string stopped = _engine.NewName("pause-stopped");
            _engine.CreateExitedContainer(stopped);
            PsResult r = _ps.Run("Suspend-Container $n", Vars(("n", stopped)));
            Assert.Equal("ContainerNotRunning,DockerPS.Commands.Container.SuspendContainerCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void RestartStartsTheContainerAgain()
        {
            string name = _engine.NewName("restart");
            _engine.CreateContainer(name, Polite, start: true);
            DateTime before = DateTime.Parse(_engine.Inspect(name).State.StartedAt).ToUniversalTime();
            System.Threading.Thread.Sleep(1100);
            var c = _ps.Run("Restart-Container $n -Timeout 5 -PassThru", Vars(("n", name))).AssertClean().Single<DockerContainer>();
            Assert.Equal("running", c.State);
            Assert.True(DateTime.Parse(_engine.Inspect(name).State.StartedAt).ToUniversalTime() > before);
        }

        [SkippableFact]
        public void RemovingARunningContainerNeedsForce()
        {
            string name = _engine.NewName("rm-running");
            _engine.CreateContainer(name, start: true);
            PsResult r = _ps.Run("Remove-Container $n", Vars(("n", name)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("ContainerIsRunning,DockerPS.Commands.Container.RemoveContainerCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, e.CategoryInfo.Category);
            Assert.Equal("running", State(name));

            _ps.Run("Remove-Container $n -Force", Vars(("n", name))).AssertClean();
            Assert.Empty(_ps.Run("Get-Container -All -Name $n -ErrorAction SilentlyContinue", Vars(("n", name))).Output);
        }

        [Fact]
        public void RemoveVolumesTakesAnonymousVolumesAlong()
        {
            string name = _engine.NewName("rm-vol");
            _ps.Run("New-Container $img -Name $n -Network none -Volume /scratch -Label @{ 'dockerps.test' = $run }", Vars(("n", name))).AssertClean();
            string volume = _engine.Inspect(name).Mounts.Single().Name;
            _ps.Run("Remove-Container $n -Volumes", Vars(("n", name))).AssertClean();
            var volumes = _engine.Client.Volumes.ListAsync().GetAwaiter().GetResult().Volumes ?? new List<Docker.DotNet.Models.VolumeResponse>();
            Assert.DoesNotContain(volumes, v => v.Name == volume);
        }

        [Fact]
        public void WhatIfChangesNothing()
        {
            string name = _engine.NewName("whatif");
            _engine.CreateContainer(name, start: true);
            _ps.Run("Stop-Container $n -WhatIf; Suspend-Container $n -WhatIf; Remove-Container $n -Force -WhatIf; Rename-Container $n x-$n -WhatIf; Update-Container $n -Memory 64m -WhatIf",
                Vars(("n", name))).AssertClean();
            var i = _engine.Inspect(name);
            Assert.Equal("running", i.State.Status);
            Assert.Equal(name, i.Name.TrimStart('/'));
            Assert.Equal(0, i.HostConfig.Memory);
        }

        [Fact]
        public void WaitReturnsTheExitCodeAndCanTimeOut()
        {
            string name = _engine.NewName("wait");
            _engine.CreateContainer(name, new List<string> { "sh", "-c", "sleep 1; exit 7" }, start: true);
            var exit = _ps.Run("Wait-Container $n", Vars(("n", name))).AssertClean().Single<DockerContainerExit>();
            Assert.Equal(7, exit.ExitCode);
            Assert.Equal(name, exit.Name);

            string forever = _engine.NewName("wait-long");
            _engine.CreateContainer(forever, start: true);
            PsResult r = _ps.Run("Wait-Container $n -Timeout 1", Vars(("n", forever)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("WaitTimeout,DockerPS.Commands.Container.WaitContainerCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, e.CategoryInfo.Category);
        }

        [Fact]
        public void RenameGivesTheContainerItsNewName()
        {
            string name = _engine.NewName("old");
            string newName = _engine.NewName("new");
            _engine.CreateContainer(name);
            var c = _ps.Run("Get-Container $n | Rename-Container -NewName $nn -PassThru", Vars(("n", name), ("nn", newName))).AssertClean().Single<DockerContainer>();
            Assert.Equal(newName, c.Name);
            Assert.Equal(newName, _engine.Inspect(c.Id).Name.TrimStart('/'));

            string other = _engine.NewName("taken");
            _engine.CreateContainer(other);
            PsResult r = _ps.Run("Rename-Container $n $o", Vars(("n", newName), ("o", other)));
            Assert.Equal("ContainerNameInUse,DockerPS.Commands.Container.RenameContainerCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
        }

        [SkippableFact]
        public void UpdateChangesResourcesAndRestartPolicy()
        {
            Skip.If(_engine.IsPodman, "Podman: container update (resources, restart policy) is not supported by the compat API of podman 4.3 (the connection drops)");
            string name = _engine.NewName("update");
            _engine.CreateContainer(name, start: true);
            _ps.Run("Update-Container $n -Memory 96m -MemorySwap 192m -Cpus 1.5 -CpuShares 256 -RestartPolicy always -PidsLimit 50", Vars(("n", name))).AssertClean();
            var h = _engine.Inspect(name).HostConfig;
            Assert.Equal(96L << 20, h.Memory);
            Assert.Equal(192L << 20, h.MemorySwap);
            Assert.Equal(1_500_000_000L, h.NanoCPUs);
            Assert.Equal(256, h.CPUShares);
            Assert.Equal(Docker.DotNet.Models.RestartPolicyKind.Always, h.RestartPolicy.Name);
            Assert.Equal(50, h.PidsLimit);

            PsResult nothing = _ps.Run("try { Update-Container $n } catch { $_ }", Vars(("n", name)));
            Assert.Equal("NothingToUpdate,DockerPS.Commands.Container.UpdateContainerCommand",
                Assert.IsType<ErrorRecord>(Assert.Single(nothing.Output).BaseObject).FullyQualifiedErrorId);
        }

        [Fact]
        public void DetailIsTypedAndTakesWildcards()
        {
            string group = _engine.NewName("detail");
            _ps.Run("New-Container $img sleep 300 -Name \"$g-1\" -Network none -Environment A=1 -RestartPolicy unless-stopped -Memory 32m -Cpus 0.25 -Label @{ 'dockerps.test' = $run } | Start-Container",
                Vars(("g", group))).AssertClean();
            _engine.CreateContainer(group + "-2");

            var details = _ps.Run("Get-ContainerDetail \"$g-*\"", Vars(("g", group))).AssertClean().All<DockerContainerDetail>().OrderBy(d => d.Name).ToList();
            Assert.Equal(new[] { group + "-1", group + "-2" }, details.Select(d => d.Name));
            DockerContainerDetail d = details[0];
            Assert.True(d.Running);
            Assert.Equal("running", d.State);
            Assert.NotNull(d.StartedAt);
            Assert.Null(d.FinishedAt);
            Assert.Equal(new[] { "sleep", "300" }, d.Command);
            Assert.Contains("A=1", d.Environment);
            Assert.Equal("unless-stopped", d.RestartPolicy);
            Assert.Equal(32L << 20, d.Memory);
            Assert.Equal(0.25, d.Cpus, 3);
            Assert.Equal("none", d.NetworkMode);
            Assert.Equal(_engine.Endpoint, d.Engine);
            Assert.True(d.Pid > 0);

            // A detail object pipes on like a container (by Name and Engine).
            Assert.Equal("exited", _ps.Run("Get-ContainerDetail $n | Stop-Container -Force -PassThru | ForEach-Object State", Vars(("n", group + "-1"))).AssertClean().Single<string>());
        }

        [Fact]
        public void ObjectsWithAnIdPropertyBindByName()
        {
            string name = _engine.NewName("byprop");
            string id = _engine.CreateContainer(name, start: true);
            _ps.Run("[pscustomobject]@{ Id = $i } | Stop-Container -Force", Vars(("i", id))).AssertClean();
            Assert.Equal("exited", State(name));
        }

        [Fact]
        public void APipedObjectGoesBackToItsOwnEngine()
        {
            PsResult r = _ps.Run("try { [pscustomobject]@{ Id = 'abc'; Engine = 'unix:///tmp/dockerps-elsewhere.sock' } | Stop-Container } catch { $_ }");
            var e = Assert.IsType<ErrorRecord>(Assert.Single(r.Output).BaseObject);
            Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
            Assert.Contains("dockerps-elsewhere.sock", e.ToString());
        }

        [Fact]
        public void ContainerNamesComplete()
        {
            string name = _engine.NewName("complete");
            _engine.CreateContainer(name);
            PsResult r = _ps.Run("$line = \"Stop-Container $p\"; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText",
                Vars(("p", name.Substring(0, name.Length - 2))));
            Assert.Contains(name, r.AssertClean().Output.Select(o => (string)o.BaseObject));

            PsResult none = _ps.Run("$line = 'Stop-Container -Host unix:///tmp/dockerps-none.sock zz'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.Count");
            Assert.Equal(0, none.AssertClean().Single<int>());
        }
    }
}
