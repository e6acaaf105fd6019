using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>
    /// Build-Image with BuildKit (POST /build?version=2 with a session, see BuildKitSessionTests) on the real engine. FROM is always the fixture's
    /// local busybox image: BuildKit uses a local image as it is (no pull=1), so nothing resolves at a registry. The
    /// builds pass -Network none because the test engine runs with --bridge=none.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class BuildKitTests
    {
        private const string PodmanHasNoBuildKit = "Podman builds with Buildah: Build-Image uses the legacy API there (Builder Legacy)";

        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public BuildKitTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private string Context(string dockerfile, params (string Name, string Text)[] files)
        {
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-bk-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Dockerfile"), dockerfile);
            foreach (var (name, text) in files)
            {
                string path = Path.Combine(dir, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            return dir;
        }

        private string NewTag(string hint) => "dockerps-test/bk-" + hint + "-" + _engine.RunId + ":1";

        /// <summary>The information stream of a build as text lines (-InformationVariable info; the script ends with $info).</summary>
        private static List<string> Info(PsResult r) =>
            r.Output.Where(o => o.BaseObject is InformationRecord).Select(o => ((InformationRecord)o.BaseObject).MessageData?.ToString() ?? string.Empty).ToList();

        [SkippableFact]
        public void ACacheMountPersistsBetweenBuildsAndTheResultSaysBuildKit()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string cacheId = "dps-" + _engine.RunId + "-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string dir = Context($"FROM {_engine.Image}\nARG N\nRUN --mount=type=cache,id={cacheId},target=/cache sh -c 'echo run-$N >> /cache/log; cat /cache/log'\n");
            string tag = NewTag("cache");
            try
            {
                const string Script = "Build-Image $d -Tag $t -Network none -BuildArg @{ N = $n } -Label @{ 'dockerps.test' = $run } -InformationVariable info -Verbose; $info";
                PsResult first = _ps.Run(Script, _engine.Vars(("d", dir), ("t", tag), ("n", "1"), ("run", _engine.RunId))).AssertClean();
                PSObject image = first.Output[0];
                Assert.Equal("BuildKit", image.Properties["Builder"]?.Value);
                Assert.Contains(first.Verbose, v => v.StartsWith("Building with BuildKit", StringComparison.Ordinal));
                Assert.Contains(Info(first), l => l.EndsWith("run-1", StringComparison.Ordinal));

                // The image the engine tagged is the one Build-Image wrote.
                string id = _engine.Client.Images.InspectImageAsync(tag).GetAwaiter().GetResult().ID;
                Assert.Equal(id, Assert.IsType<DockerImage>(image.BaseObject).Id);

                // Step progress: each step a record named as docker build names it.
                Assert.Contains(first.Progress, p => p.Activity.Contains("RUN --mount=type=cache", StringComparison.Ordinal));
                Assert.Contains(first.Progress, p => p.Activity.Contains("FROM", StringComparison.Ordinal));

                // A new N re-runs the step; the cache mount still holds the first run's line.
                PsResult second = _ps.Run(Script, _engine.Vars(("d", dir), ("t", tag), ("n", "2"), ("run", _engine.RunId))).AssertClean();
                List<string> lines = Info(second);
                Assert.Contains(lines, l => l.EndsWith("run-1", StringComparison.Ordinal));
                Assert.Contains(lines, l => l.EndsWith("run-2", StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkippableFact]
        public void TargetBuildArgAndABindMountFromAnotherStage()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string dir = Context(
                $"FROM {_engine.Image} AS base\nARG MSG\nRUN echo \"msg-$MSG\" > /msg\n" +
                $"FROM {_engine.Image} AS second\nRUN --mount=type=bind,from=base,source=/msg,target=/m cat /m\n" +
                "FROM second AS broken\nRUN exit 9\n");
            string tag = NewTag("target");
            try
            {
                PsResult r = _ps.Run("Build-Image $d -Tag $t -Target second -Network none -BuildArg @{ MSG = 'hello' } -Label @{ 'dockerps.test' = $run; stage = 'second' } -InformationVariable info; $info",
                    _engine.Vars(("d", dir), ("t", tag), ("run", _engine.RunId))).AssertClean();
                Assert.Equal("BuildKit", r.Output[0].Properties["Builder"]?.Value);
                Assert.Contains(Info(r), l => l.EndsWith("msg-hello", StringComparison.Ordinal));
                Assert.DoesNotContain(r.Progress, p => p.Activity.Contains("RUN exit 9", StringComparison.Ordinal));
                var inspect = _engine.Client.Images.InspectImageAsync(tag).GetAwaiter().GetResult();
                Assert.Equal("second", inspect.Config.Labels["stage"]);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkippableFact]
        public void ASecondBuildIsCachedAndNoCacheRunsTheStepAgain()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string probe = "nocache-probe-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string dir = Context($"FROM {_engine.Image}\nRUN echo {probe}\n");
            try
            {
                const string Script = "Build-Image $d -Network none -Label @{ 'dockerps.test' = $run } -InformationVariable info {0}; $info";
                var vars = _engine.Vars(("d", dir), ("run", _engine.RunId));
                Assert.Contains(Info(_ps.Run(Script.Replace("{0}", string.Empty), vars).AssertClean()), l => l.EndsWith(" " + probe, StringComparison.Ordinal));

                PsResult cached = _ps.Run(Script.Replace("{0}", string.Empty), vars).AssertClean();
                Assert.DoesNotContain(Info(cached), l => l.EndsWith(" " + probe, StringComparison.Ordinal));
                Assert.Contains(Info(cached), l => l.Contains("RUN echo " + probe, StringComparison.Ordinal) && l.EndsWith(": CACHED", StringComparison.Ordinal));
                Assert.Contains(cached.Progress, p => p.Activity.Contains("RUN echo " + probe, StringComparison.Ordinal) && p.StatusDescription == "CACHED");

                Assert.Contains(Info(_ps.Run(Script.Replace("{0}", "-NoCache"), vars).AssertClean()), l => l.EndsWith(" " + probe, StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkippableFact]
        public void CtrlCDuringABuildKitStepEndsTheBuildWithinASecond()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string dir = Context($"FROM {_engine.Image}\nRUN echo ctrlc-{Guid.NewGuid():N}; sleep 47\n");
            try
            {
                _ps.Run("$null", _engine.Vars(("bkCtrlC", dir))).AssertClean();
                var (took, result, stopped) = _ps.RunAndStop("Build-Image $bkCtrlC -Network none", TimeSpan.FromSeconds(3));
                Assert.True(stopped, "the pipeline did not report a stop; errors: " + string.Join(" | ", result.Errors));
                Assert.True(took < TimeSpan.FromSeconds(1), $"Ctrl+C took {took}");
                Assert.Empty(result.Errors);
                Assert.Single(_ps.Run("Get-DockerVersion").AssertClean().Output); // the session still works

                // Closing the stream ends the engine's build too: its RUN step (sleep 47) stops. The engine runs on this
                // machine, so its processes are visible here.
                var watch = System.Diagnostics.Stopwatch.StartNew();
                while (SleepRunning() && watch.Elapsed < TimeSpan.FromSeconds(5))
                {
                    System.Threading.Thread.Sleep(100);
                }

                Assert.False(SleepRunning(), "the RUN step still runs in the engine after Ctrl+C");
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        private static bool SleepRunning() =>
            Directory.EnumerateDirectories("/proc").Any(d =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ').Contains("sleep 47", StringComparison.Ordinal); // busybox sh may run sleep itself
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            });

        [SkippableFact]
        public void AFailingRunNamesTheStepAndQuotesItsLastOutput()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string dir = Context($"FROM {_engine.Image}\nRUN echo marker-out-{_engine.RunId}; printf 'sh: thing: not \\146ound\\n'; exit 3\n");
            try
            {
                PsResult r = _ps.Run("Build-Image $d -Network none; 'after'", _engine.Vars(("d", dir)));
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.Equal("ImageBuildFailed,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId); // the step's "not found" does not rename it
                Assert.Contains("RUN echo marker-out", e.Exception.Message);                    // the step
                Assert.Contains("exit code: 3", e.Exception.Message);                            // the engine's message
                Assert.Contains("Last output of the step:", e.Exception.Message);
                string tail = e.Exception.Message.Split("Last output")[1];
                Assert.Contains("marker-out-" + _engine.RunId, tail);
                Assert.Contains("sh: thing: not found", tail);
                Assert.Equal("after", Assert.Single(r.Output).BaseObject);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkippableFact]
        public void DockerIgnoreAndADockerfileOutsideTheContext()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string dir = Context("unused\n", (".dockerignore", "secret.txt\nlogs/\n"), ("app.txt", "app"), ("secret.txt", "x"), ("logs/a.log", "x"));
            string outside = Path.Combine(Path.GetTempPath(), "dockerps-bk-df-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".Dockerfile");
            File.WriteAllText(outside, $"FROM {_engine.Image}\nCOPY . /ctx/\nRUN ls -a /ctx | sed 's/^/ctx:/'; printf no-newline-end\n");
            string tag = NewTag("ignore");
            try
            {
                PsResult r = _ps.Run("Build-Image $d -Dockerfile $f -Tag $t -Network none -Label @{ 'dockerps.test' = $run } -InformationVariable info; $info",
                    _engine.Vars(("d", dir), ("f", outside), ("t", tag), ("run", _engine.RunId))).AssertClean();
                List<string> listing = Info(r).Where(l => l.Contains("ctx:", StringComparison.Ordinal)).ToList();
                Assert.Contains(listing, l => l.EndsWith("ctx:app.txt", StringComparison.Ordinal));
                Assert.DoesNotContain(listing, l => l.EndsWith("ctx:secret.txt", StringComparison.Ordinal));
                Assert.DoesNotContain(listing, l => l.EndsWith("ctx:logs", StringComparison.Ordinal));
                Assert.Contains(listing, l => l.Contains("ctx:.dockerps-dockerfile-", StringComparison.Ordinal)); // sent along, as docker build does
                Assert.Contains(Info(r), l => l.EndsWith("no-newline-end", StringComparison.Ordinal)); // a last line without a newline still shows
            }
            finally
            {
                Directory.Delete(dir, true);
                File.Delete(outside);
            }
        }

        [Fact]
        public void TheLegacySwitchStillBuildsTheClassicWay()
        {
            string dir = Context($"FROM {_engine.Image}\nLABEL built=legacy\n");
            string tag = (_engine.IsPodman ? "localhost/" : string.Empty) + NewTag("legacy");
            try
            {
                PsResult r = _ps.Run("Build-Image $d -Builder Legacy -Tag $t -Label @{ 'dockerps.test' = $run } -InformationVariable info -Verbose; $info",
                    _engine.Vars(("d", dir), ("t", tag), ("run", _engine.RunId))).AssertClean();
                Assert.Equal("Legacy", r.Output[0].Properties["Builder"]?.Value);
                Assert.Contains(r.Verbose, v => v.Contains("legacy builder (-Builder Legacy)", StringComparison.Ordinal));
                Assert.Contains(Info(r), l => l.StartsWith("Step 1/", StringComparison.Ordinal) || l.StartsWith("STEP 1/", StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkippableFact]
        public void WithoutABridgeNetworkARunStepSaysWhatToPass()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            bool bridge = _engine.Client.Networks.ListNetworksAsync().GetAwaiter().GetResult().Any(n => n.Name == "bridge");
            Skip.If(bridge, "the engine has a bridge network: a RUN step needs no -Network");
            string dir = Context($"FROM {_engine.Image}\nRUN true\n");
            try
            {
                ErrorRecord e = Assert.Single(_ps.Run("Build-Image $d", _engine.Vars(("d", dir))).Errors);
                Assert.Equal("BuildNetworkUnavailable,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                Assert.Contains("-Network none", e.Exception.Message);
                Assert.Contains("network bridge not found", e.Exception.Message); // the engine's words kept
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkippableFact]
        public void BuildKitOnAnEngineWithoutItIsRefused()
        {
            Skip.IfNot(_engine.IsPodman, "dockerd here offers BuildKit");
            string dir = Context($"FROM {_engine.Image}\n");
            try
            {
                ErrorRecord e = Assert.Single(_ps.Run("Build-Image $d -Builder BuildKit", _engine.Vars(("d", dir))).Errors);
                Assert.Equal("BuildKitUnavailable,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                Assert.Contains("Podman builds with Buildah", e.Exception.Message);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
