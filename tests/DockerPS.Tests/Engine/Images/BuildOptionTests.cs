using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>
    /// Build-Image's docker run-like options of the RUN steps (-AddHost, -Memory … -Ulimit, -Isolation), witnessed by
    /// the docker CLI's legacy builder on the same engine: a RUN step prints what it sees (/etc/hosts, ulimit -n,
    /// /dev/shm, the cgroup limits) with an "out: " prefix, and both builds must print the same lines. FROM is the
    /// fixture's local image; the builds use network none (the test engine runs with --bridge=none).
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class BuildOptionTests
    {
        private const string PodmanHasNoBuildKit = "Podman builds with Buildah: Build-Image uses the legacy API there (Builder Legacy)";

        // The RUN step: what the options change, one "out: " line each (cgroup v2 files first, then v1).
        private const string Probe =
            "RUN (cat /etc/hosts; ulimit -n; df -k /dev/shm | tail -n 1; "
            + "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes; "
            + "cat /sys/fs/cgroup/memory.swap.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes 2>/dev/null || echo noswap; "
            + "cat /sys/fs/cgroup/cpu.max 2>/dev/null || cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us; "
            + "cat /sys/fs/cgroup/cpu.weight 2>/dev/null || cat /sys/fs/cgroup/cpu/cpu.shares; "
            + "cat /sys/fs/cgroup/cpuset.cpus 2>/dev/null || cat /sys/fs/cgroup/cpuset/cpuset.cpus) 2>&1 | sed 's/^/out: /'\n";

        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public BuildOptionTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static string Context(string dockerfile)
        {
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-bo-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Dockerfile"), dockerfile);
            return dir;
        }

        private static (int Code, string Output) Docker(IDictionary<string, string>? env, params string[] arguments) => Cli.Run("docker", env, arguments);

        private static List<string> OutLines(IEnumerable<string> lines) =>
            lines.SelectMany(l => l.Split('\n')).Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("out: ", StringComparison.Ordinal)).ToList();

        private static List<string> Info(PsResult r) =>
            r.Output.Where(o => o.BaseObject is InformationRecord).Select(o => ((InformationRecord)o.BaseObject).MessageData?.ToString() ?? string.Empty).ToList();

        private void RemoveImages(string label)
        {
            Docker(null, "image", "prune", "-f", "--filter", "label=dockerps.test.buildopt=" + label);
        }

        [Fact]
        public void RunOptionsReachTheRunStepsAsWithDockerBuild()
        {
            string nonce = Guid.NewGuid().ToString("N").Substring(0, 8);
            string dir = Context($"FROM {_engine.Image}\nLABEL dockerps.test.buildopt={nonce}\n{Probe}");
            try
            {
                // Podman 4.3 answers 400 Bad Request to docker's ulimits JSON and to a plain extrahosts value (observed with
                // the docker CLI's own requests too), so there the comparison leaves -Ulimit and -AddHost out.
                bool ulimit = !_engine.IsPodman;
                var cliArgs = new List<string> { "build", "--no-cache", "--network", "none",
                    "--shm-size", "32m", "--memory", "64m", "--memory-swap", "128m", "--cpu-shares", "512", "--cpu-period", "100000",
                    "--cpu-quota", "50000", "--cpuset-cpus", "0", "--cpuset-mems", "0" };
                if (ulimit)
                {
                    cliArgs.AddRange(new[] { "--ulimit", "nofile=1000:2000", "--add-host", "probe.example:10.1.2.3" });
                }

                cliArgs.Add(dir);
                var (code, cli) = Docker(new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" }, cliArgs.ToArray());
                Assert.True(code == 0, cli);
                List<string> expected = OutLines(new[] { cli });

                PsResult r = _ps.Run(
                    "Build-Image $d -NoCache -Network none -ShmSize 32m -Memory 64MB "
                    + "-MemorySwap 128m -CpuShares 512 -CpuPeriod 100000 -CpuQuota 50000 -CpusetCpus 0 -CpusetMems 0 "
                    + (ulimit ? "-Ulimit nofile=1000:2000 -AddHost probe.example:10.1.2.3 " : string.Empty) + "-InformationVariable info -Verbose; $info",
                    _engine.Vars(("d", dir))).AssertClean();
                List<string> actual = OutLines(Info(r));

                if (ulimit)
                {
                    Assert.Contains("out: 10.1.2.3\tprobe.example", expected);
                    Assert.Contains("out: 1000", expected);
                }

                Assert.Contains(expected, l => l.Contains("32768", StringComparison.Ordinal)); // /dev/shm in 1K blocks
                Assert.Equal(expected, actual);
                Assert.Equal("Legacy", r.Output.First(o => o.BaseObject is not InformationRecord).Properties["Builder"]?.Value);
                if (!_engine.IsPodman)
                {
                    Assert.Contains(r.Verbose, v => v.Contains("BuildKit does not apply", StringComparison.Ordinal) && v.Contains("-Memory", StringComparison.Ordinal));
                }
            }
            finally
            {
                Directory.Delete(dir, true);
                RemoveImages(nonce);
            }
        }

        [SkippableFact]
        public void BuildKitWithALegacyOnlyOptionIsRefusedAndAddHostWorksWithIt()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string nonce = Guid.NewGuid().ToString("N").Substring(0, 8);
            string dir = Context($"FROM {_engine.Image}\nLABEL dockerps.test.buildopt={nonce}\nRUN echo {nonce}; cat /etc/hosts | sed 's/^/out: /'\n");
            try
            {
                // BuildKit on this engine runs RUN steps without memory, cpu, shm and ulimit settings (observed: the
                // defaults come back), so asking for BuildKit with one of them is an error, not a silent drop.
                PsResult refused = _ps.Run("Build-Image $d -Network none -Builder BuildKit -Memory 64m -Ulimit nofile=1000", _engine.Vars(("d", dir)));
                ErrorRecord e = Assert.Single(refused.Errors);
                Assert.Equal("BuildOptionNeedsLegacyBuilder,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
                Assert.Contains("-Memory, -Ulimit", e.Exception.Message);

                // -AddHost is one BuildKit applies: Auto stays with BuildKit and the RUN step sees the entry.
                PsResult r = _ps.Run("Build-Image $d -Network none -AddHost probe.example:10.9.8.7 -InformationVariable info; $info", _engine.Vars(("d", dir))).AssertClean();
                Assert.Equal("BuildKit", r.Output.First(o => o.BaseObject is not InformationRecord).Properties["Builder"]?.Value);
                Assert.Contains(Info(r), l => l.Contains("out: 10.9.8.7\tprobe.example", StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(dir, true);
                RemoveImages(nonce);
            }
        }

        [SkippableFact]
        public void IsolationIsSentAndTheEnginesRefusalComesBack()
        {
            Skip.If(_engine.IsPodman, "Podman takes the isolation parameter as its own chroot/oci/rootless choice, not the Windows one");
            string dir = Context($"FROM {_engine.Image}\n");
            try
            {
                var (code, cli) = Docker(new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" }, "build", "--network", "none", "--isolation", "process", dir);
                Assert.NotEqual(0, code);
                Assert.Contains("Unsupported isolation: \"process\"", cli);

                foreach (string builder in new[] { "Legacy", "BuildKit" })
                {
                    PsResult r = _ps.Run("Build-Image $d -Network none -Isolation process -Builder " + builder, _engine.Vars(("d", dir)));
                    ErrorRecord e = Assert.Single(r.Errors);
                    Assert.Equal("ImageInvalidRequest,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                    Assert.Contains("Unsupported isolation: \"process\"", e.Exception.Message); // the engine's words
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        /// <summary>The pwsh users run (the pinned one the build links into out/tools, or the one on PATH).</summary>
        private static string Pwsh => File.Exists(Path.Combine(Paths.RepoRoot, "out", "tools", "pwsh")) ? Path.Combine(Paths.RepoRoot, "out", "tools", "pwsh") : "pwsh";

        private static string EngineHost => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } h ? h : "unix:///var/run/docker.sock";

        /// <summary>A context folder as a tar (gzip with <paramref name="gzip"/>), made by tar(1) as a user would.</summary>
        private static string TarOf(string dir, bool gzip)
        {
            string tar = dir + (gzip ? ".tar.gz" : ".tar");
            var (code, output) = Cli.Run("tar", null, gzip ? "-czf" : "-cf", tar, "-C", dir, ".");
            Assert.True(code == 0, output);
            return tar;
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void AContextArchiveBuildsAsDockerBuildFromStandardInput(bool gzip)
        {
            string nonce = Guid.NewGuid().ToString("N").Substring(0, 8);
            string dir = Context($"FROM {_engine.Image}\nLABEL dockerps.test.buildopt={nonce}\nCOPY . /ctx/\nRUN ls -a /ctx | sort | sed 's/^/out: /'; cat /ctx/data.txt | sed 's/^/out: /'\n");
            File.WriteAllText(Path.Combine(dir, "data.txt"), "payload-" + nonce + "\n");
            File.WriteAllText(Path.Combine(dir, ".dockerignore"), "data.txt\n"); // docker build - sends the archive as it is: no .dockerignore
            string tar = TarOf(dir, gzip);
            try
            {
                var (code, cli) = Cli.RunWithInput("docker", tar, new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" }, "build", "--no-cache", "--network", "none", "-");
                Assert.True(code == 0, cli);
                List<string> expected = OutLines(new[] { cli });

                // Docker sends such an archive as it is; Podman 4.3 applies the archive's own .dockerignore (observed with
                // docker build - on it), so data.txt stays out there. Either way Build-Image must match the CLI.
                bool asIs = !_engine.IsPodman;
                Assert.Equal(asIs, expected.Contains("out: payload-" + nonce));

                PsResult r = _ps.Run("Build-Image -ContextArchive $a -Builder Legacy -NoCache -Network none -InformationVariable info; $info",
                    _engine.Vars(("a", tar))).AssertClean();
                Assert.Equal(expected, OutLines(Info(r)));
                var image = (DockerPS.Models.DockerImage)r.Output.First(o => o.BaseObject is not InformationRecord).BaseObject;

                // A working image: a container of it reads the context.
                var (runCode, run) = Docker(null, "run", "--rm", "--pull", "never", "--network", "none", image.Id, "sh", "-c", "cat /ctx/data.txt 2>/dev/null || ls /ctx");
                Assert.True(runCode == 0, run);
                Assert.Contains(asIs ? "payload-" + nonce : "Dockerfile", run);

                // - is the process's standard input, as docker build - reads it.
                var (pc, pout) = Cli.RunWithInput(Pwsh, tar, null, "-NoProfile", "-NonInteractive", "-Command",
                    $"Import-Module '{Paths.ManifestForScript}'; $ErrorActionPreference = 'Stop'; $env:DOCKER_HOST = '{EngineHost}'; "
                    + "Build-Image -ContextArchive - -Builder Legacy -NoCache -Network none -InformationAction Continue | Out-Null");
                Assert.True(pc == 0, pout);
                Assert.Equal(expected, OutLines(new[] { pout }));
            }
            finally
            {
                Directory.Delete(dir, true);
                File.Delete(tar);
                RemoveImages(nonce);
            }
        }

        [Fact]
        public void AContextArchiveWithAPathOrAMissingFileIsRefused()
        {
            PsResult both = _ps.Run("Build-Image . -ContextArchive ctx.tar");
            ErrorRecord e = Assert.Single(both.Errors);
            Assert.Equal("BuildContextArchiveInvalid,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);

            PsResult missing = _ps.Run("Build-Image -ContextArchive ./no-such-ctx.tar");
            e = Assert.Single(missing.Errors);
            Assert.Equal("BuildContextNotFound,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        }

        [Fact]
        public void AMalformedUlimitIsRefusedBeforeTheBuild()
        {
            string dir = Context($"FROM {_engine.Image}\n");
            try
            {
                PsResult r = _ps.Run("Build-Image $d -Network none -Ulimit nofile=many", _engine.Vars(("d", dir)));
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.Equal("BuildOptionInvalid,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                Assert.Equal("nofile=many", e.TargetObject);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
