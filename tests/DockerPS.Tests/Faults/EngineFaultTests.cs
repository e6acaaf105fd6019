using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;
using static DockerPS.Tests.Faults.FaultHelpers;

namespace DockerPS.Tests.Faults
{
    /// <summary>
    /// The engine stops or dies under a running command (the suite's own dockerd, never the shared one): every
    /// command ends with a clear ConnectionError, no hang and no partial file, and once the engine is back the same
    /// session (no re-import) works again.
    /// </summary>
    [Collection(PrivateEngineCollection.Name)]
    public sealed class EngineFaultTests
    {
        private readonly PrivateEngineFixture _engine;
        private readonly RegistryFixture _registry;
        private readonly PowerShellSession _ps;

        public EngineFaultTests(PrivateEngineFixture engine, RegistryFixture registry)
        {
            _engine = engine;
            _registry = registry;
            _ps = engine.Session;
            _engine.EnsureRunning();
        }

        /// <summary>After a fault: start the engine again and prove the same session works without Import-Module.</summary>
        private void RestartAndProveTheSessionWorks()
        {
            _engine.EnsureRunning();
            PsResult r = _ps.Run("(Get-DockerVersion).Version; @(Get-Image).Count").AssertClean();
            Assert.Equal(2, r.Output.Count);
            Assert.True((int)r.Output[1].BaseObject >= 1);
        }

        [Fact]
        public void AStoppedEngineGivesAConnectionErrorWithinFiveSeconds()
        {
            _ps.Run("Get-Container -All | ForEach-Object { }").AssertClean(); // connected and cached before the stop
            _engine.Stop();
            try
            {
                foreach (string script in new[] { "Get-Container -All", "Get-Image", $"New-Container '{_engine.Image}' -Network none" })
                {
                    var watch = Stopwatch.StartNew();
                    PsResult r = _ps.Run(script);
                    watch.Stop();
                    Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{script} took {watch.Elapsed}");
                    ErrorRecord e = TheError(r);
                    AssertEngineGone(e);
                    Assert.Contains(_engine.Socket, e.ToString() + e.TargetObject);
                }

                // A fresh endpoint string (not cached) that no engine answers: the connect itself fails as clearly.
                var fresh = Stopwatch.StartNew();
                ErrorRecord first = TheError(_ps.Run($"Get-DockerVersion -Host 'unix://{_engine.Socket}'"));
                Assert.True(fresh.Elapsed < TimeSpan.FromSeconds(5), "took " + fresh.Elapsed);
                AssertEngineGone(first);
            }
            finally
            {
                RestartAndProveTheSessionWorks();
            }
        }

        [Fact]
        public void AnEngineKilledMidPipelineEndsThePipelineWithOneClearError()
        {
            _engine.RemoveAllContainers();
            for (int i = 0; i < 40; i++)
            {
                _engine.CreateContainer(cmd: new List<string> { "true" });
            }

            var watch = Stopwatch.StartNew();
            PsResult r = _ps.Run(
                "$n = 0; Get-Container -All | ForEach-Object { $n++; if ($n -eq 10) { $fault.Kill() }; $_ } | Remove-Container",
                _engine.Vars());
            watch.Stop();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "took " + watch.Elapsed);
            AssertEngineGone(TheError(r));
            // One error for the dead engine, not one per remaining container.
            Assert.True(r.Errors.Count + (r.Terminating == null ? 0 : 1) == 1, "errors: " + string.Join(" | ", r.Errors));

            RestartAndProveTheSessionWorks();
            var left = _ps.Run("Get-Container -All").AssertClean().All<DockerContainer>();
            // At most the 9 piped before the kill were removed (changes run several at a time, so some of those may still
            // have been in flight when the engine died); none piped after it.
            Assert.InRange(left.Count, 31, 40);
            _ps.Run("Get-Container -All | Remove-Container -Force").AssertClean();
        }

        [Fact]
        public void AnEngineKilledUnderAFollowedLogEndsItWithAConnectionError()
        {
            string id = _engine.CreateContainer(cmd: new List<string> { "sh", "-c", "i=0; while [ $i -lt 200 ]; do echo line $i; i=$((i+1)); sleep 0.05; done" }, start: true);
            try
            {
                Task killer = _engine.KillAfter(TimeSpan.FromSeconds(1.5));
                var watch = Stopwatch.StartNew();
                PsResult r = _ps.Run("Get-ContainerLog $id -Follow -Raw", _engine.Vars(("id", id)));
                watch.Stop();
                killer.GetAwaiter().GetResult();
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "took " + watch.Elapsed);
                Assert.NotEmpty(r.Output);
                AssertEngineGone(TheError(r));
            }
            finally
            {
                RestartAndProveTheSessionWorks();
                _engine.RemoveAllContainers();
            }
        }

        [Fact]
        public void AnEngineKilledDuringSaveLeavesNoFile()
        {
            string big = _engine.BigImage();
            string folder = Path.Combine(_engine.Dir, "save-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, "big.tar");
            // Kill as soon as bytes reach the disk: the save is surely in the middle.
            Task killer = Task.Run(() =>
            {
                if (WaitFor(() => Directory.EnumerateFiles(folder).Any(f => new FileInfo(f).Length > 1_000_000), TimeSpan.FromSeconds(60)))
                {
                    _engine.Kill();
                }
            });
            var watch = Stopwatch.StartNew();
            PsResult r = _ps.Run("Save-Image $big -Path $path", _engine.Vars(("big", big), ("path", path)));
            watch.Stop();
            killer.GetAwaiter().GetResult();
            try
            {
                Assert.False(_engine.IsRunning, "the save ended before the kill; make the image bigger");
                AssertEngineGone(TheError(r));
                Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
                Assert.Empty(r.Output);
            }
            finally
            {
                RestartAndProveTheSessionWorks();
            }

            // And the same save works now.
            _ps.Run("Save-Image $img -Path $path | ForEach-Object { }", _engine.Vars(("path", path))).AssertClean();
            Assert.True(new FileInfo(path).Length > 1_000_000);
            Directory.Delete(folder, true);
        }

        [Fact]
        public void AnEngineKilledDuringAPullEndsWithAClearError()
        {
            string source = _registry.Open + "/fault/pull:1";
            RandomImage(_engine, source, 3_000_000);
            Push(_engine, source);
            // The layer must be absent here, or the pull only fetches the manifest.
            _engine.Client.Images.DeleteImageAsync(source, new Docker.DotNet.Models.ImageDeleteParameters { Force = true }).GetAwaiter().GetResult();
            using var slow = SocketRelay.TcpToTcp(_registry.OpenPort, 256 * 1024);
            string viaProxy = slow.Address + "/fault/pull:1";
            Task killer = Task.Run(() =>
            {
                if (WaitFor(() => slow.Transferred > 200_000, TimeSpan.FromSeconds(60)))
                {
                    _engine.Kill();
                }
            });
            var watch = Stopwatch.StartNew();
            PsResult r = _ps.Run("Install-Image $ref", _engine.Vars(("ref", viaProxy)));
            watch.Stop();
            killer.GetAwaiter().GetResult();
            try
            {
                Assert.False(_engine.IsRunning, "the pull ended before the kill: " + string.Join(" | ", r.Errors.Select(x => x.FullyQualifiedErrorId + ": " + x)) + " " + r.Terminating + " moved " + slow.Transferred);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), "took " + watch.Elapsed);
                AssertEngineGone(TheError(r));
            }
            finally
            {
                RestartAndProveTheSessionWorks();
            }

            Assert.Empty(_ps.Run("Get-Image $ref", _engine.Vars(("ref", viaProxy))).Output);
        }
    }
}
