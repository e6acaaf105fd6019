using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Compose
{
    /// <summary>
    /// The service keys that are container create options (ulimits, sysctls, devices, limits, namespaces, DNS, groups,
    /// logging, runtime): the container Start-ComposeProject makes from each key must have in docker inspect the same
    /// HostConfig fields as the container `docker create --pull never` makes with the matching flags on the same engine.
    /// Null and empty lists and maps are read alike (the engine treats both as unset).
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ComposeRuntimeKeyTests : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-composekeys-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly List<string> _projects = new List<string>();

        public ComposeRuntimeKeyTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
            Directory.CreateDirectory(_dir);
        }

        public void Dispose()
        {
            foreach (string p in _projects)
            {
                _ps.Run("Remove-ComposeProject $p -Volumes -Confirm:$false -ErrorAction SilentlyContinue", _engine.Vars(("p", p)));
            }

            Directory.Delete(_dir, recursive: true);
        }

        /// <summary>A case: the service's YAML lines (indented for a service), the docker create flags, the HostConfig fields compared.</summary>
        public static TheoryData<string, string, string, string> Cases() => new TheoryData<string, string, string, string>
        {
            { "ulimits", "    ulimits:\n      nproc: 512\n      nofile:\n        soft: 1024\n        hard: 2048\n", "--ulimit nproc=512 --ulimit nofile=1024:2048", "Ulimits" },
            { "sysctls", "    sysctls:\n      kernel.shm_rmid_forced: 1\n", "--sysctl kernel.shm_rmid_forced=1", "Sysctls" },
            { "sysctls-list", "    sysctls:\n      - kernel.shm_rmid_forced=1\n", "--sysctl kernel.shm_rmid_forced=1", "Sysctls" },
            { "devices", "    devices:\n      - /dev/null:/dev/mynull:r\n      - source: /dev/zero\n        target: /dev/myzero\n        permissions: rw\n",
                "--device /dev/null:/dev/mynull:r --device /dev/zero:/dev/myzero:rw", "Devices" },
            { "cpu", "    cpu_shares: 512\n    cpu_quota: 50000\n    cpu_period: 100000\n    cpuset: '0'\n",
                "--cpu-shares 512 --cpu-quota 50000 --cpu-period 100000 --cpuset-cpus 0", "CpuShares,CpuQuota,CpuPeriod,CpusetCpus" },
            { "memory", "    mem_limit: 128m\n    mem_reservation: 64m\n    memswap_limit: 256m\n",
                "--memory 128m --memory-reservation 64m --memory-swap 256m", "Memory,MemoryReservation,MemorySwap" },
            { "memswap-unlimited", "    mem_limit: 128m\n    memswap_limit: -1\n", "--memory 128m --memory-swap -1", "Memory,MemorySwap" },
            { "pids-oom", "    pids_limit: 100\n    oom_kill_disable: true\n    oom_score_adj: 100\n",
                "--pids-limit 100 --oom-kill-disable --oom-score-adj 100", "PidsLimit,OomKillDisable,OomScoreAdj" },
            { "namespaces", "    ipc: shareable\n    pid: host\n    uts: host\n    userns_mode: host\n    cgroup: private\n",
                "--ipc shareable --pid host --uts host --userns host --cgroupns private", "IpcMode,PidMode,UTSMode,UsernsMode,CgroupnsMode" },
            { "dns", "    dns_opt: [ndots:2, timeout:3]\n    dns_search: corp.test\n", "--dns-option ndots:2 --dns-option timeout:3 --dns-search corp.test", "DnsOptions,DnsSearch" },
            { "group-add", "    group_add: [1234, '5678']\n", "--group-add 1234 --group-add 5678", "GroupAdd" },
            { "logging", "    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n        max-file: '3'\n",
                "--log-driver json-file --log-opt max-size=10m --log-opt max-file=3", "LogConfig" },
            { "runtime", "    runtime: runc\n", "--runtime runc", "Runtime" },
        };

        [SkippableTheory]
        [MemberData(nameof(Cases))]
        public void StartComposeProjectStoresTheKeyAsDockerCreateStoresItsFlag(string key, string yaml, string dockerArgs, string fields)
        {
            Skip.If(_engine.IsPodman && key == "devices", "the docker CLI 28 refuses --device against Podman 4.3 before sending it (\"unknown server OS\": Podman's /info has no OSType)");
            string p = _engine.NewName("ckey");
            _projects.Add(p);
            System.IO.File.WriteAllText(Path.Combine(_dir, "compose.yaml"),
                $"services:\n  svc:\n    image: {_engine.Image}\n    pull_policy: never\n    network_mode: none\n    command: [sleep, '1']\n" + yaml);

            string witness = _engine.NewName("docker-" + key);
            var (code, _, stderr) = DockerRun($"create --pull never --name {witness} --network none --label {EngineFixture.TestLabel}={_engine.RunId} {dockerArgs} {_engine.Image} sleep 1");
            PsResult r = _ps.Run("Set-Location $dir; Start-ComposeProject -ProjectName $p", _engine.Vars(("dir", _dir), ("p", p)));
            if (code != 0)
            {
                // docker refuses the flag on this engine: the compose key must not bring up a container either.
                Assert.True(r.Errors.Count > 0, $"docker create refused ({stderr.Trim()}), Start-ComposeProject started {p}-svc-1");
                Skip.If(true, $"docker create refuses {key} on this machine: {stderr.Trim()}");
            }

            r.AssertClean();
            JsonNode expected = Inspect(witness)["HostConfig"]!;
            JsonNode actual = Inspect(p + "-svc-1")["HostConfig"]!;
            foreach (string field in fields.Split(','))
            {
                Assert.True(Normalised(expected[field]) == Normalised(actual[field]), $"{key} HostConfig.{field}:\n docker:   {Normalised(expected[field])}\n DockerPS: {Normalised(actual[field])}");
            }
        }

        /// <summary>
        /// mac_address needs a network (docker refuses it with network none) and the docker CLI 28 will not send it to an
        /// API 1.41 engine with one, so docker-compose 1.29.2 (Compose v1) from the same file is the witness.
        /// </summary>
        [SkippableFact]
        public void MacAddressIsStoredAsDockerCompose129StoresIt()
        {
            Skip.If(_engine.IsPodman, "the docker-compose witness runs against dockerd only");
            Skip.IfNot(System.IO.File.Exists("/usr/bin/docker-compose"), "docker-compose 1.29.2 is not installed (apt-get install docker-compose)");
            string p = _engine.NewName("ckey");
            string v1 = _engine.NewName("ckeyv1");
            _projects.Add(p);
            System.IO.File.WriteAllText(Path.Combine(_dir, "compose.yaml"),
                $"version: '2.4'\nservices:\n  svc:\n    image: {_engine.Image}\n    command: [sleep, '1']\n    mac_address: 02:42:ac:11:00:99\n");
            _ps.Run("Set-Location $dir; Start-ComposeProject -ProjectName $p", _engine.Vars(("dir", _dir), ("p", p))).AssertClean();
            try
            {
                DockerCompose(v1, "up --no-start");
                JsonNode expected = Inspect(v1 + "_svc_1");
                JsonNode actual = Inspect(p + "-svc-1");
                Assert.Equal("\"02:42:ac:11:00:99\"", Normalised(expected["Config"]!["MacAddress"]));
                Assert.Equal(Normalised(expected["Config"]!["MacAddress"]), Normalised(actual["Config"]!["MacAddress"]));
            }
            finally
            {
                DockerCompose(v1, "down");
            }
        }

        private void DockerCompose(string project, string args)
        {
            var start = new ProcessStartInfo("/usr/bin/docker-compose", $"-p {project} {args}") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["DOCKER_HOST"] = _engine.Endpoint;
            using Process proc = Process.Start(start)!;
            string output = proc.StandardOutput.ReadToEnd() + proc.StandardError.ReadToEnd();
            Assert.True(proc.WaitForExit(120_000), "docker-compose did not finish: " + output);
            Assert.True(proc.ExitCode == 0, $"docker-compose {args} failed: {output}");
        }

        [SkippableFact]
        public void AKeyStillRefusedIsNamedWithItsLine()
        {
            string p = _engine.NewName("ckey");
            System.IO.File.WriteAllText(Path.Combine(_dir, "compose.yaml"),
                $"services:\n  svc:\n    image: {_engine.Image}\n    ulimits:\n      nproc: 512\n    links: [other]\n");
            PsResult r = _ps.Run("Set-Location $dir; Start-ComposeProject -ProjectName $p", _engine.Vars(("dir", _dir), ("p", p)));
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.StartsWith("ComposeFeatureNotSupported,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("services.svc.links (compose.yaml, line 6)", e.Exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("ulimits", e.Exception.Message, StringComparison.Ordinal);
        }

        [SkippableFact]
        public void ABadValueOfAKeyNamesTheFileLineAndKey()
        {
            string p = _engine.NewName("ckey");
            System.IO.File.WriteAllText(Path.Combine(_dir, "compose.yaml"),
                $"services:\n  svc:\n    image: {_engine.Image}\n    ulimits:\n      nofile:\n        soft: 4096\n        hard: 1024\n    oom_score_adj: 5000\n");
            PsResult r = _ps.Run("Set-Location $dir; Start-ComposeProject -ProjectName $p", _engine.Vars(("dir", _dir), ("p", p)));
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.StartsWith("InvalidComposeFile,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("'services.svc.ulimits.nofile'", e.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("soft limit is above the hard limit", e.Exception.Message, StringComparison.Ordinal);

            System.IO.File.WriteAllText(Path.Combine(_dir, "compose.yaml"), $"services:\n  svc:\n    image: {_engine.Image}\n    oom_score_adj: 5000\n");
            r = _ps.Run("Set-Location $dir; Start-ComposeProject -ProjectName $p", _engine.Vars(("dir", _dir), ("p", p)));
            Assert.Contains("compose.yaml, line 4, 'services.svc.oom_score_adj'", Assert.Single(r.Errors).Exception.Message, StringComparison.Ordinal);
        }

        private static JsonNode Inspect(string name) => JsonNode.Parse(Docker("inspect " + name))!.AsArray()[0]!;

        private static string Normalised(JsonNode? node) => Strip(node?.DeepClone())?.ToJsonString() ?? "null";

        /// <summary>Drops nulls and empty lists and maps, recursively: the engine reads them all as unset.</summary>
        private static JsonNode? Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    var result = new JsonObject();
                    foreach (var (key, value) in o.ToList())
                    {
                        JsonNode? v = Strip(value?.DeepClone());
                        if (v != null)
                        {
                            result[key] = v;
                        }
                    }

                    return result.Count == 0 ? null : result;
                case JsonArray a:
                    // Lists of objects (ulimits, devices) are sets: the docker CLI keeps some flags in a map first.
                    return a.Count == 0 ? null : new JsonArray(a.Select(x => Strip(x?.DeepClone()))
                        .OrderBy(x => x is JsonObject ? x.ToJsonString() : string.Empty, StringComparer.Ordinal).ToArray());
                default:
                    return node;
            }
        }

        private static string Docker(string arguments)
        {
            var (code, stdout, stderr) = DockerRun(arguments);
            Assert.True(code == 0, $"docker {arguments}: {stderr}");
            return stdout;
        }

        private static (int Code, string Stdout, string Stderr) DockerRun(string arguments)
        {
            var start = new ProcessStartInfo("docker") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                start.ArgumentList.Add(a);
            }

            using Process p = Process.Start(start)!;
            string stdout = p.StandardOutput.ReadToEnd();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout, stderr);
        }
    }
}
