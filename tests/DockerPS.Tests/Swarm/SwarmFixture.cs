using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Swarm
{
    /// <summary>
    /// A real three-node swarm, shared by the swarm tests. Each node is a dockerd in a network namespace of its own
    /// (ip netns add), wired by a veth pair to a bridge in a fourth namespace; the addresses are 10.199.0.x on those
    /// interfaces only and no namespace has a default route, so swarm traffic (raft, gossip, VXLAN, docker_gwbridge)
    /// never reaches the host's network. The host reaches each engine through its unix socket on the host filesystem.
    /// Each dockerd also gets its own hostname (unshare --uts), so the nodes are told apart, and the cgroup
    /// hierarchies mounted again: `ip netns exec` remounts /sys, which hides them. The busybox test image is
    /// imported into every engine under a registry name inside the namespaces, and the engines prefer the local
    /// image (DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1), so no pull is ever tried. Node 1 initialises the swarm and
    /// nodes 2 and 3 join as workers, through the cmdlets under test. Dispose stops everything, also after failures.
    /// The shared engine (/var/run/docker.sock) is never made a swarm member.
    /// </summary>
    public sealed class SwarmFixture : IDisposable
    {
        public const int NodeCount = 3;
        private readonly DockerdProcess?[] _dockerd = new DockerdProcess?[NodeCount];
        private readonly List<string> _namespaces = new List<string>();

        public SwarmFixture()
        {
            var watch = Stopwatch.StartNew();
            RequireTools();
            RunId = Guid.NewGuid().ToString("N").Substring(0, 6);
            Dir = Path.Combine(Path.GetTempPath(), "dps-swarm-" + RunId);
            Directory.CreateDirectory(Dir);
            try
            {
                MakeNetwork();
                for (int i = 0; i < NodeCount; i++)
                {
                    StartNode(i);
                }

                for (int i = 0; i < NodeCount; i++)
                {
                    WaitReady(i, TimeSpan.FromSeconds(90));
                    ImportImage(i);
                }

                EnginesUp = watch.Elapsed;
                Session = new PowerShellSession();
                Session.Run("$PSDefaultParameterValues['*:Host'] = $m", new Dictionary<string, object?> { ["m"] = Endpoint(0) }).AssertClean();
                InitAndJoin();
                SetupTook = watch.Elapsed;
            }
            catch
            {
                Teardown();
                throw;
            }
        }

        public string RunId { get; }

        /// <summary>Everything of this swarm on the host: sockets, data roots, exec roots, logs.</summary>
        public string Dir { get; }

        /// <summary>The session's cmdlets talk to the manager (node 1) unless a test gives -Host.</summary>
        public PowerShellSession Session { get; private set; } = null!;

        public TimeSpan EnginesUp { get; }

        public TimeSpan SetupTook { get; }

        /// <summary>How long Initialize-DockerSwarm and the two Join-DockerSwarm took, and until all nodes were ready.</summary>
        public TimeSpan InitJoinTook { get; private set; }

        /// <summary>The test image, tag 1 and tag 2 (same content, so a rolling update has a new image to roll to).</summary>
        public string Image(int tag = 1) => $"10.199.0.254:5000/dps/busybox:{tag}";

        public string Hostname(int node) => $"dps-node{node + 1}";

        public string Address(int node) => $"10.199.0.{node + 1}";

        public string Socket(int node) => Path.Combine(Dir, "n" + (node + 1), "d.sock");

        public string Endpoint(int node) => "unix://" + Socket(node);

        private string Ns(string suffix) => "dps" + RunId + suffix;

        /// <summary>The namespace that holds the bridge and 10.199.0.254 (the address the nodes trust as an insecure registry).</summary>
        public string BridgeNamespace => Ns("b");

        /// <summary>The registry address every node lists with --insecure-registry; nothing listens there unless a test starts a registry in <see cref="BridgeNamespace"/>.</summary>
        public const string RegistryAddress = "10.199.0.254:5000";

        /// <summary>A name unique to this run, for services, secrets and configs.</summary>
        public string NewName(string hint) => $"{hint}-{RunId}-{Interlocked.Increment(ref _counter)}";

        private int _counter;

        /// <summary>Script variables: the pairs given plus $img, $img2, $mgr, $w1 (node 2), $w2 (node 3).</summary>
        public Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs)
        {
            var vars = new Dictionary<string, object?>
            {
                ["img"] = Image(1), ["img2"] = Image(2), ["mgr"] = Endpoint(0), ["w1"] = Endpoint(1), ["w2"] = Endpoint(2),
            };
            foreach (var (name, value) in pairs)
            {
                vars[name] = value;
            }

            return vars;
        }

        public DockerClient Client(int node) => new DockerClientConfiguration(new Uri(Endpoint(node))).CreateClient();

        private static void RequireTools()
        {
            if (!OperatingSystem.IsLinux() || geteuid() != 0)
            {
                throw new InvalidOperationException("The swarm tests need Linux and root: they make network namespaces (ip netns) and run dockerd.");
            }

            foreach (string tool in new[] { "ip", "unshare", "dockerd", "mount" })
            {
                if (!(Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':').Any(d => File.Exists(Path.Combine(d, tool))))
                {
                    throw new InvalidOperationException($"The swarm tests need '{tool}' on PATH (iproute2, util-linux, docker.io).");
                }
            }
        }

        [DllImport("libc")]
        private static extern uint geteuid();

        private void MakeNetwork()
        {
            string bridge = Ns("b");
            Ip($"netns add {bridge}");
            _namespaces.Add(bridge);
            Ip($"-n {bridge} link set lo up");
            Ip($"-n {bridge} link add br0 type bridge");
            Ip($"-n {bridge} addr add 10.199.0.254/24 dev br0");
            Ip($"-n {bridge} link set br0 up");
            for (int i = 0; i < NodeCount; i++)
            {
                string node = Ns("n" + (i + 1));
                Ip($"netns add {node}");
                _namespaces.Add(node);
                Ip($"-n {node} link set lo up");
                // Both ends are made inside namespaces: the host's own network never gets an interface.
                Ip($"-n {bridge} link add v{i + 1} type veth peer name eth0 netns {node}");
                Ip($"-n {bridge} link set v{i + 1} master br0 up");
                Ip($"-n {node} addr add {Address(i)}/24 dev eth0");
                Ip($"-n {node} link set eth0 up");
            }
        }

        private static void Ip(string args) => Run("ip", args);

        private static string Run(string file, string args, int timeoutMs = 30_000)
        {
            var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            string err = p.StandardError.ReadToEnd();
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(timeoutMs) || p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {args} failed ({(p.HasExited ? p.ExitCode.ToString() : "timeout")}): {err}");
            }

            return output;
        }

        /// <summary>The mounts that give dockerd its cgroups again inside `ip netns exec`'s fresh /sys, taken from the host's /proc/mounts.</summary>
        private static string CgroupMounts()
        {
            var sb = new StringBuilder();
            foreach (string line in File.ReadAllLines("/proc/mounts"))
            {
                string[] f = line.Split(' ');
                if (f.Length < 4 || !f[1].StartsWith("/sys/fs/cgroup", StringComparison.Ordinal))
                {
                    continue;
                }

                string type = f[2];
                if (type == "tmpfs" || type == "cgroup" || type == "cgroup2")
                {
                    string opts = string.Join(",", f[3].Split(',').Where(o => o != "rw" && o != "relatime" && !o.StartsWith("seclabel", StringComparison.Ordinal)));
                    sb.Append($"mkdir -p {f[1]} && mount -t {type} {(opts.Length > 0 ? "-o " + opts : string.Empty)} {f[0]} {f[1]} || exit 1; ");
                }
            }

            return sb.ToString();
        }

        /// <param name="i">The node.</param>
        /// <param name="preferOfflineImage">
        /// DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 (the default): dockerd 20.10's swarm executor then never pulls a task's
        /// image. Without it the agent pulls before every task (a failed pull is only logged; the local image is used).
        /// </param>
        private void StartNode(int i, bool preferOfflineImage = true)
        {
            var dockerd = _dockerd[i] ??= new DockerdProcess(Path.Combine(Dir, "n" + (i + 1)), $"dockerd of {Hostname(i)}", "--insecure-registry", RegistryAddress);
            // ip netns exec → unshare → sh → exec dockerd: every step execs, so the process started here is dockerd itself.
            dockerd.Launcher = line =>
            {
                string script = $"hostname {Hostname(i)} && {CgroupMounts()} exec env{(preferOfflineImage ? " DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1" : string.Empty)} {string.Join(" ", line)}";
                var info = new ProcessStartInfo("ip");
                foreach (string a in new[] { "netns", "exec", Ns("n" + (i + 1)), "unshare", "--uts", "sh", "-c", script })
                {
                    info.ArgumentList.Add(a);
                }

                return info;
            };
            dockerd.Start();
        }

        private void WaitReady(int i, TimeSpan timeout) => _dockerd[i]!.WaitReady(timeout);

        public string Tail(int i) => _dockerd[i]?.Tail(15) ?? "(no log)";

        private void ImportImage(int i)
        {
            using DockerClient client = Client(i);
            foreach (int tag in new[] { 1, 2 })
            {
                using MemoryStream rootfs = EngineFixture.BuildBusyboxRootfs();
                string? error = null;
                var progress = new Progress<JSONMessage>(m => { if (m.Error != null) error = m.Error.Message; });
                client.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromSrc = "-", Repo = Image(tag), Changes = new List<string> { "CMD [\"sh\"]", "ENV PATH=/bin" } },
                    rootfs, null, progress).GetAwaiter().GetResult();
                if (error != null)
                {
                    throw new InvalidOperationException($"Importing the test image into {Hostname(i)} failed: {error}");
                }
            }
        }

        private void InitAndJoin()
        {
            var watch = Stopwatch.StartNew();
            // -Host named here too, not only through the session's default: the shared engine must never become a swarm member.
            Session.Run("Initialize-DockerSwarm -Host $m -AdvertiseAddress $a -TaskHistoryLimit 2 | Out-Null", Vars(("a", Address(0)), ("m", Endpoint(0)))).AssertClean();
            Session.Run("$s = Get-DockerSwarm; Join-DockerSwarm -Host $w1 -Swarm $s -AdvertiseAddress $a1; Join-DockerSwarm -Host $w2 -RemoteAddress $s.ManagerAddresses -Token $s.WorkerToken -AdvertiseAddress $a2",
                Vars(("a1", Address(1)), ("a2", Address(2)))).AssertClean();
            WaitUntil(() => Session.Run("@(Get-SwarmNode | Where-Object Status -eq 'ready').Count").Output.Select(o => (int)o.BaseObject).FirstOrDefault() == NodeCount,
                TimeSpan.FromSeconds(60), "all nodes ready");
            InitJoinTook = watch.Elapsed;
        }

        /// <summary>
        /// Stops node <paramref name="node"/>'s dockerd: gracefully (SIGTERM, as a service stop does) or with SIGKILL (a
        /// crashed machine: its containerd and shims keep running until the engine starts again). Waits until it ended.
        /// </summary>
        public void StopNode(int node, bool kill)
        {
            DockerdProcess p = _dockerd[node] ?? throw new InvalidOperationException($"{Hostname(node)} was never started");
            p.Stop(kill ? DockerdProcess.SigKill : DockerdProcess.SigTerm, TimeSpan.FromSeconds(30));
        }

        /// <summary>
        /// Starts node <paramref name="node"/>'s dockerd again on its data root (it rejoins its swarm by itself) and waits until it answers;
        /// with <paramref name="preferOfflineImage"/> false its swarm agent pulls each task's image (see StartNode).
        /// </summary>
        public void StartNodeAgain(int node, bool preferOfflineImage = true)
        {
            StartNode(node, preferOfflineImage);
            WaitReady(node, TimeSpan.FromSeconds(90));
        }

        /// <summary>The docker CLI against node <paramref name="node"/>'s socket (the witness): its standard output; fails on a non-zero exit.</summary>
        public string Docker(int node, params string[] args)
        {
            var info = new ProcessStartInfo("docker") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add(Endpoint(node));
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            Process p = Process.Start(info)!;
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(60_000) || p.ExitCode != 0)
            {
                throw new InvalidOperationException($"docker {string.Join(" ", args)} on {Hostname(node)} failed: {err.Result}");
            }

            return output.Trim();
        }

        /// <summary>Polls <paramref name="condition"/> every 250 ms; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
        public static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
        {
            var watch = Stopwatch.StartNew();
            while (!condition())
            {
                if (watch.Elapsed > timeout)
                {
                    throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
                }

                Thread.Sleep(250);
            }
        }

        public void Dispose()
        {
            Session?.Dispose();
            Teardown();
        }

        /// <summary>Graceful stops first (all nodes at once), then SIGKILL for what is left, then the namespaces and the folder.</summary>
        private void Teardown()
        {
            foreach (DockerdProcess? p in _dockerd)
            {
                p?.Signal(DockerdProcess.SigTerm);
            }

            foreach (DockerdProcess? p in _dockerd)
            {
                p?.WaitForExit(TimeSpan.FromSeconds(20));
                // containerd, shims and task processes of this node (their command lines name its folder).
                p?.KillLeftovers(keepShims: false);
            }

            foreach (string ns in _namespaces)
            {
                try
                {
                    Run("ip", $"netns del {ns}");
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }

            DockerdProcess.UnmountAndDelete(Dir);
        }
    }
}
