using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Container
{
    /// <summary>
    /// Each docker create option next to its New-Container parameter: both create a container from the local test
    /// image, and docker inspect must show the same Config, HostConfig and network settings. Only what differs by
    /// nature is normalised: the id-derived host name, and null against empty lists and maps (the docker CLI sends
    /// empty ones, the client library leaves them out; the engine treats both as unset).
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class CreateParityTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public CreateParityTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        /// <summary>docker create arguments, then New-Container's; {net}, {dir}, {vol}, {src} and {file} are filled per run.</summary>
        public static TheoryData<string, string, string> Cases() => new TheoryData<string, string, string>
        {
            { "volumes", "-v {dir}/missing:/data:z -v /scratch -v {vol}:/v:ro,nocopy", "-Volume '{dir}/missing:/data:z', /scratch, '{vol}:/v:ro,nocopy'" },
            { "tmpfs", "--tmpfs /tmp:exec,size=8m --tmpfs /run", "-Tmpfs '/tmp:exec,size=8m', /run" },
            { "env", "-e DPS_PARITY_SET -e DPS_PARITY_UNSET -e A=1", "-Environment DPS_PARITY_SET, DPS_PARITY_UNSET, A=1" },
            { "env-label-files", "--env-file {file} --label-file {file}", "-EnvFile {file} -LabelFile {file}" },
            { "mount-options", "--mount type=volume,source={vol},target=/m,volume-opt=type=tmpfs,volume-opt=device=tmpfs --mount type=bind,source={dir},target=/b,consistency=cached,bind-nonrecursive",
                "-Mount 'type=volume,source={vol},target=/m,volume-opt=type=tmpfs,volume-opt=device=tmpfs', 'type=bind,source={dir},target=/b,consistency=cached,bind-nonrecursive'" },
            { "restart-default", string.Empty, string.Empty },
            { "platform", "--platform linux/amd64", "-Platform linux/amd64" },
            { "publish-all", "-P --expose 80", "-PublishAll -Expose 80" },
            { "init", "--init", "-Init" },
            { "hosts-dns", "--network {net} --add-host db:10.0.0.5 --dns 10.0.0.53 --dns-search corp.test --dns-option ndots:2",
                "-Network {net} -AddHost db:10.0.0.5 -Dns 10.0.0.53 -DnsSearch corp.test -DnsOption ndots:2" },
            { "ulimits", "--ulimit nofile=1024:2048 --ulimit nproc=512", "-Ulimit nofile=1024:2048, nproc=512" },
            { "device", "--device /dev/null:/dev/mynull:r", "-Device /dev/null:/dev/mynull:r" },
            { "gpus", "--gpus all", "-Gpus all" },
            { "logging", "--log-driver local --log-opt max-size=10m --log-opt max-file=3", "-LogDriver local -LogOption @{ 'max-size' = '10m'; 'max-file' = 3 }" },
            { "shm-sysctl", "--shm-size 128m --sysctl net.ipv4.ip_forward=1", "-ShmSize 128m -Sysctl net.ipv4.ip_forward=1" },
            { "security-pids", "--security-opt no-new-privileges --pids-limit 100", "-SecurityOpt no-new-privileges -PidsLimit 100" },
            { "network-endpoint", "--network {net} --network-alias web --ip 172.31.{octet}.10", "-Network {net} -NetworkAlias web -IPAddress 172.31.{octet}.10" },
            { "mac-address", "--mac-address 02:42:ac:11:00:99", "-MacAddress 02:42:ac:11:00:99" },
            { "namespaces", "--ipc shareable --pid host --uts host --userns host --cgroupns private", "-Ipc shareable -Pid host -Uts host -Userns host -Cgroupns private" },
            { "volumes-from", "--volumes-from {src}:ro", "-VolumesFrom {src}:ro" },
            { "runtime", "--runtime runc", "-Runtime runc" },
            { "isolation", "--isolation default", "-Isolation default" },
            { "cpu-memory", "--memory-reservation 64m --cpuset-cpus 0 --cpuset-mems 0 --cpu-period 100000 --cpu-quota 50000 --blkio-weight 300 --oom-kill-disable --oom-score-adj 100",
                "-MemoryReservation 64m -CpusetCpus 0 -CpusetMems 0 -CpuPeriod 100000 -CpuQuota 50000 -BlkioWeight 300 -OomKillDisable -OomScoreAdj 100" },
            { "storage-opt", "--storage-opt size=1G", "-StorageOpt size=1G" },
            { "memory-sizes", "--memory 1.5g --memory-swap -1 --shm-size 64MiB --memory-reservation 100k", "-Memory 1.5g -MemorySwap -1 -ShmSize 64MiB -MemoryReservation 100k" },
            { "memory-powershell-sizes", "--memory 512m --shm-size 1g", "-Memory 512MB -ShmSize 1GB" },
            { "group-add", "--group-add audio --group-add 1234", "-GroupAdd audio, 1234" },
        };

        [SkippableTheory]
        [MemberData(nameof(Cases))]
        public void DockerCreateAndNewContainerStoreTheSame(string option, string dockerArgs, string psArgs)
        {
            string run = _engine.RunId;
            string dir = Path.Combine(Path.GetTempPath(), "dps-parity-" + run);
            Directory.CreateDirectory(dir);
            string file = Path.Combine(dir, "vars.env");
            File.WriteAllText(file, "# parity\nFILE_A=1\nFILE_B=two words\n");
            Environment.SetEnvironmentVariable("DPS_PARITY_SET", "set-here");
            Environment.SetEnvironmentVariable("DPS_PARITY_UNSET", null);
            var fill = new Dictionary<string, string>
            {
                ["{dir}"] = dir,
                ["{file}"] = file,
                ["{vol}"] = _engine.NewName("vol"),
                ["{net}"] = "none",
                ["{octet}"] = (20 + (Math.Abs((run + option).GetHashCode()) % 200)).ToString(),
            };
            if (dockerArgs.Contains("{net}", StringComparison.Ordinal))
            {
                fill["{net}"] = _engine.NewName("net");
                Docker($"network create --subnet 172.31.{fill["{octet}"]}.0/24 --label {EngineFixture.TestLabel}={run} {fill["{net}"]}");
            }

            if (dockerArgs.Contains("{src}", StringComparison.Ordinal))
            {
                fill["{src}"] = _engine.NewName("src");
                Docker($"create --pull never --name {fill["{src}"]} --network none -v /shared --label {EngineFixture.TestLabel}={run} {_engine.Image}");
            }

            string Fill(string text) => fill.Aggregate(text, (t, p) => t.Replace(p.Key, p.Value, StringComparison.Ordinal));
            string network = dockerArgs.Contains("--network", StringComparison.Ordinal) ? string.Empty : "--network none ";
            string witness = _engine.NewName("docker-" + option);
            // The docker CLI refuses --device before it sends anything when the server names no OS, as Podman 4.3's /version does (observed: "unknown server OS").
            Skip.If(_engine.IsPodman && option == "device", "Podman 4.3: the docker CLI witness refuses --device there (\"unknown server OS\": Podman's /version names no Os), so there is nothing to compare");
            var (code, _, stderr) = DockerRun($"create --pull never --name {witness} {network}--label {EngineFixture.TestLabel}={run} {Fill(dockerArgs)} {_engine.Image} sleep 1");

            string ours = _engine.NewName("dps-" + option);
            string psNetwork = psArgs.Contains("-Network", StringComparison.Ordinal) ? string.Empty : "-Network none ";
            PsResult r = _ps.Run($"New-Container -Image $img -Command sleep, 1 -Name $n {psNetwork}-Label @{{ 'dockerps.test' = $run }} -Pull never {Fill(psArgs)}",
                _engine.Vars(("n", ours)));
            if (code != 0)
            {
                // docker refuses the option here: DockerPS must not create what docker would not.
                Assert.True(r.Errors.Count > 0 || option == "mac-address", $"docker create refused ({stderr.Trim()}), New-Container created {ours}");
                Skip.If(true, $"docker create refuses {option} on this machine: {stderr.Trim()}");
            }

            r.AssertClean();
            JsonNode expectedAll = Inspect(witness);
            JsonNode actualAll = Inspect(ours);
            foreach (string part in new[] { "Config", "HostConfig", "NetworkSettings.Networks" })
            {
                string expected = Normalised(Part(expectedAll, part));
                string actual = Normalised(Part(actualAll, part));
                Assert.True(expected == actual, $"{option} {part}:\n docker:   {expected}\n DockerPS: {actual}");
            }
        }

        [SkippableFact]
        public void TheMacAddressIsStoredWhereApi141KeepsIt()
        {
            Skip.If(_engine.IsPodman, "Podman 4.3: inspect reports no Config.MacAddress for a created container (it keeps the address with the network)");
            // docker 28 will not send --mac-address to an API 1.41 engine; such engines read it from the config.
            string name = _engine.NewName("mac");
            _ps.Run("New-Container $img -Name $n -Network none -Pull never -MacAddress 02:42:ac:11:00:99", _engine.Vars(("n", name))).AssertClean();
            Assert.Equal("02:42:ac:11:00:99", (string?)Inspect(name)["Config"]!["MacAddress"]);
        }

        private static JsonNode Inspect(string name) => JsonNode.Parse(Docker("inspect " + name))!.AsArray()[0]!;

        private static JsonNode? Part(JsonNode root, string path) =>
            path.Split('.').Aggregate((JsonNode?)root, (node, key) => node?[key]);

        private static string Normalised(JsonNode? part)
        {
            JsonNode? node = part?.DeepClone();
            // Podman adds the container's short id to its aliases on every network at create (observed); dockerd only when
            // it starts. The id differs per container, so it is not compared.
            foreach (JsonNode? endpoint in (node as JsonObject)?.Select(p => p.Value) ?? Enumerable.Empty<JsonNode?>())
            {
                if (endpoint is JsonObject e && e["Aliases"] is JsonArray aliases)
                {
                    e["Aliases"] = new JsonArray(aliases.Select(a => (string?)a).Where(a => a == null || !System.Text.RegularExpressions.Regex.IsMatch(a, "^[0-9a-f]{12}$"))
                        .Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
                }
            }

            if (node is JsonObject o)
            {
                o.Remove("Hostname"); // the engine derives it from the container id
                // The docker CLI 28 sends -e values in an order that varies from run to run (seen in CI: sorted once, as
                // typed another time); the environment is a set, so compare it sorted.
                // Podman lists an anonymous volume in Binds under its generated 64-digit name, new for every container
                // (observed: -v /scratch), in an order that differs between the two creates; dockerd lists none there. Neither
                // the name nor the order is what is compared.
                if (o["Binds"] is JsonArray binds)
                {
                    o["Binds"] = new JsonArray(binds.Select(x => System.Text.RegularExpressions.Regex.Replace((string?)x ?? string.Empty, "^[0-9a-f]{64}:", "<anonymous>:"))
                        .OrderBy(x => x, StringComparer.Ordinal).Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());
                }

                if (o["Env"] is JsonArray env)
                {
                    o["Env"] = new JsonArray(env.Select(x => (string?)x).OrderBy(x => x, StringComparer.Ordinal).Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());
                }
            }

            return Strip(node)?.ToJsonString() ?? "null";
        }

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
                    return a.Count == 0 ? null : new JsonArray(a.Select(x => x?.DeepClone()).ToArray());
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
            foreach (string a in SplitArguments(arguments))
            {
                start.ArgumentList.Add(a);
            }

            using Process p = Process.Start(start)!;
            string stdout = p.StandardOutput.ReadToEnd();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout, stderr);
        }

        /// <summary>Splits on spaces; the cases quote nothing, so this is enough.</summary>
        private static IEnumerable<string> SplitArguments(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
