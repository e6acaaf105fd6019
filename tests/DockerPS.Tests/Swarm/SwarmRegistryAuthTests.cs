using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Swarm
{
    /// <summary>
    /// -WithRegistryAuth / -Credential on New-SwarmService and Update-SwarmService against the fixture's swarm and a
    /// docker-registry with htpasswd basic auth inside the swarm's namespaces (on 10.199.0.254:5000 in the bridge
    /// namespace, the address every node trusts as an insecure registry). The image is pushed with a tag no node has,
    /// so every node must pull it: with the credentials the tasks run on the workers, without them they cannot start.
    /// The fixture's engines never pull (DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 makes dockerd 20.10's swarm executor skip
    /// the pull altogether), so the test restarts the two workers without it, and restores them afterwards.
    /// The docker CLI's --with-registry-auth is the witness.
    /// </summary>
    [Collection(SwarmCollection.Name)]
    public sealed class SwarmRegistryAuthTests : IDisposable
    {
        private const string User = "dpsswarm";

        /// <summary>Distinctive, so every stream can be searched for it.</summary>
        private const string Password = "Sw-4rm7-Pw-never-shown";

        private static readonly TimeSpan Converge = TimeSpan.FromSeconds(90);
        private readonly SwarmFixture _swarm;
        private readonly PowerShellSession _ps;
        private readonly string _dir;
        private readonly Process _registry;
        private readonly StringBuilder _registryLog = new StringBuilder();

        public SwarmRegistryAuthTests(SwarmFixture swarm)
        {
            _swarm = swarm;
            _ps = swarm.Session;
            _dir = Directory.CreateTempSubdirectory("dps-swarm-registry-").FullName;
            _registry = StartRegistry();
        }

        private string Ref(string hint) => $"{SwarmFixture.RegistryAddress}/dps/private-{_swarm.RunId}:{hint}";

        /// <summary>docker-registry with basic auth, started with `ip netns exec` in the bridge namespace on 10.199.0.254:5000.</summary>
        private Process StartRegistry()
        {
            string htpasswd = Path.Combine(_dir, "htpasswd");
            File.WriteAllText(htpasswd, Exec("htpasswd", null, "-Bbn", User, Password).Trim() + "\n");
            string config = Path.Combine(_dir, "config.yml");
            File.WriteAllText(config,
                $"version: 0.1\nlog:\n  level: info\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(_dir, "data")}\n" +
                $"http:\n  addr: {SwarmFixture.RegistryAddress}\nauth:\n  htpasswd:\n    realm: dockerps-swarm\n    path: {htpasswd}\n");
            var info = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "netns", "exec", _swarm.BridgeNamespace, "docker-registry", "serve", config })
            {
                info.ArgumentList.Add(a);
            }

            // ip netns exec execs the registry, so this process is the registry itself.
            Process p = Process.Start(info) ?? throw new InvalidOperationException("docker-registry did not start");
            var listening = new ManualResetEventSlim();
            void OnLine(object _, DataReceivedEventArgs e)
            {
                if (e.Data == null)
                {
                    return;
                }

                lock (_registryLog)
                {
                    _registryLog.AppendLine(e.Data);
                }

                if (e.Data.Contains("listening on", StringComparison.Ordinal))
                {
                    listening.Set();
                }
            }

            p.OutputDataReceived += OnLine;
            p.ErrorDataReceived += OnLine;
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            if (!listening.Wait(TimeSpan.FromSeconds(20)))
            {
                string log = RegistryLog();
                Stop(p);
                throw new InvalidOperationException("docker-registry in the swarm's bridge namespace did not start listening: " + log);
            }

            return p;
        }

        private string RegistryLog()
        {
            lock (_registryLog)
            {
                return _registryLog.ToString();
            }
        }

        private static void Stop(Process p)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill();
                    p.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }
        }

        public void Dispose()
        {
            Stop(_registry);
            _registry.Dispose();
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        /// <summary>Runs a program; its standard output; fails on a non-zero exit.</summary>
        private static string Exec(string file, string? stdin, params string[] args)
        {
            var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin != null };
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            using Process p = Process.Start(info)!;
            if (stdin != null)
            {
                p.StandardInput.Write(stdin);
                p.StandardInput.Close();
            }

            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(60_000) || p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(" ", args)} failed: {err.Result}");
            }

            return output;
        }

        private const string Cred = "$cred = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', $p).SecurePassword); ";

        private Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs) =>
            _swarm.Vars(pairs.Concat(new (string, object?)[] { ("u", User), ("p", Password), ("reg", SwarmFixture.RegistryAddress) }).ToArray());

        /// <summary>Pushes node 1's test image under <paramref name="reference"/> with -Credential, then untags it: no node has that tag.</summary>
        private void PushPrivate(string reference)
        {
            _ps.Run(Cred + "Add-ImageTag $img $r; Publish-Image $r -Credential $cred | Out-Null; Remove-Image $r | Out-Null", Vars(("r", reference))).AssertClean();
            for (int node = 0; node < SwarmFixture.NodeCount; node++)
            {
                Assert.Equal(string.Empty, _swarm.Docker(node, "image", "ls", "-q", reference));
            }
        }

        private List<SwarmTask> Tasks(string name) => _ps.Run("Get-SwarmTask $n", _swarm.Vars(("n", name))).AssertClean().All<SwarmTask>();

        private void Remove(params string[] names)
        {
            foreach (string name in names)
            {
                _ps.Run("Remove-SwarmService $n -ErrorAction SilentlyContinue", _swarm.Vars(("n", name)));
            }
        }

        /// <summary>The nodes with a running task of <paramref name="name"/>, sorted.</summary>
        private string[] RunningOn(string name) =>
            Tasks(name).Where(t => t.State == "running").Select(t => t.NodeName).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();

        private static readonly string[] Workers = { "dps-node2", "dps-node3" };

        /// <summary>
        /// Restarts both workers' dockerd, with or without DOCKER_SERVICE_PREFER_OFFLINE_IMAGE, and waits until each is
        /// back in the swarm (its own engine says active and the manager lists it ready).
        /// </summary>
        private void RestartWorkers(bool preferOfflineImage)
        {
            foreach (int node in new[] { 1, 2 })
            {
                _swarm.StopNode(node, kill: false);
                _swarm.StartNodeAgain(node, preferOfflineImage);
            }

            foreach (int node in new[] { 1, 2 })
            {
                SwarmFixture.WaitUntil(() => _swarm.Docker(node, "info", "--format", "{{.Swarm.LocalNodeState}}") == "active" &&
                    _ps.Run("(Get-SwarmNode $h).Status", _swarm.Vars(("h", _swarm.Hostname(node)))).Output.Select(o => (string)o.BaseObject).FirstOrDefault() == "ready",
                    TimeSpan.FromSeconds(60), _swarm.Hostname(node) + " to be back in the swarm");
            }
        }

        private string WorkerLog(int node) =>
            File.ReadAllText(Path.Combine(_swarm.Dir, "n" + (node + 1), "dockerd.log"));

        /// <summary>Waits until both workers have a task of <paramref name="name"/> that ended with an error; returns those errors.</summary>
        private List<SwarmTask> WaitForFailedTasksOnWorkers(string name)
        {
            List<SwarmTask> failed = new List<SwarmTask>();
            SwarmFixture.WaitUntil(() =>
            {
                failed = Tasks(name).Where(t => t.Error.Length > 0).ToList();
                return new[] { "dps-node2", "dps-node3" }.All(w => failed.Any(t => t.NodeName == w));
            }, Converge, "failed tasks of " + name + " on both workers");
            return failed;
        }

        /// <summary>Everything a run wrote on any stream (verbose and debug included), as text, for the password audit.</summary>
        private string AllText(PsResult r)
        {
            var text = new StringBuilder(r.HostText);
            foreach (PSObject o in r.Output)
            {
                text.AppendLine(o.ToString());
                if (o.BaseObject is ErrorRecord e)
                {
                    text.AppendLine(e.Exception.ToString()).AppendLine(e.ErrorDetails?.Message).AppendLine(e.TargetObject?.ToString());
                }
            }

            foreach (ErrorRecord e in r.Errors.Concat(r.Terminating == null ? Array.Empty<ErrorRecord>() : new[] { r.Terminating }))
            {
                text.AppendLine(e.ToString()).AppendLine(e.Exception.ToString()).AppendLine(e.ErrorDetails?.Message);
            }

            r.Verbose.ForEach(v => text.AppendLine(v));
            r.Warnings.ForEach(v => text.AppendLine(v));
            return text.ToString();
        }

        private static void AssertNoSecret(string text, string what)
        {
            string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));
            Assert.False(text.Contains(Password, StringComparison.Ordinal), what + " shows the password:\n" + text);
            Assert.False(text.Contains(basic, StringComparison.Ordinal), what + " shows the user:password token");
            Assert.False(text.Contains("eyJ", StringComparison.Ordinal), what + " shows a base64 JSON auth payload:\n" + text);
        }

        [Fact]
        public void WithRegistryAuthTheWorkersPullAPrivateImageAndWithoutItTheyCannot()
        {
            // One tag a service: a tag one service pulled would be on the workers for the next.
            string image = Ref("without"), imageWith = Ref("with"), imageCli = Ref("cli");
            PushPrivate(image);
            PushPrivate(imageWith);
            PushPrivate(imageCli);
            string without = _swarm.NewName("noauth");
            string with = _swarm.NewName("auth");
            string witness = _swarm.NewName("cliauth");
            string cliConfig = Directory.CreateTempSubdirectory("dps-swarm-cli-config-").FullName;
            const string Rest = " -Replicas 2 -MaxReplicasPerNode 1 -Constraint 'node.role==worker' -StopSignal SIGKILL -StopGracePeriod 1s ";
            bool restarted = false;
            try
            {
                restarted = true;
                RestartWorkers(preferOfflineImage: false);

                // Without the switch nothing is sent, even with a session login: the nodes cannot pull the image.
                _ps.Run(Cred + "Connect-DockerRegistry $reg -Credential $cred -SessionOnly | Out-Null", Vars()).AssertClean();
                _ps.Run("New-SwarmService $i sleep 600 -Name $n" + Rest + "| Out-Null", Vars(("i", image), ("n", without))).AssertClean();
                List<SwarmTask> failed = WaitForFailedTasksOnWorkers(without);
                Assert.Empty(RunningOn(without));
                Assert.All(failed, t => Assert.Contains("No such image", t.Error, StringComparison.Ordinal));
                // The task says only that the image is missing; the worker's log says why its pull failed.
                Assert.All(new[] { 1, 2 }, node => Assert.Contains("no basic auth credentials", WorkerLog(node), StringComparison.Ordinal));

                // With the switch, the session's login goes with the create: both workers pull the image and run their task.
                PsResult created = _ps.Run("New-SwarmService $i sleep 600 -Name $n -WithRegistryAuth -Verbose -Debug" + Rest + "*>&1 | Out-String",
                    Vars(("i", imageWith), ("n", with))).AssertClean();
                AssertNoSecret(AllText(created), "New-SwarmService -WithRegistryAuth");
                Assert.Contains(created.Verbose.Concat(created.Output.Select(o => o.ToString())), l => l.Contains("Credentials for " + SwarmFixture.RegistryAddress, StringComparison.Ordinal));
                SwarmService s = _ps.Run("Wait-SwarmService $n -Timeout 90", _swarm.Vars(("n", with))).AssertClean().Single<SwarmService>();
                Assert.Equal(2UL, s.RunningTasks);
                Assert.Equal(Workers, RunningOn(with));

                // The docker CLI witness: docker login plus service create --with-registry-auth on the same swarm.
                Exec("docker", Password, "--config", cliConfig, "-H", _swarm.Endpoint(0), "login", "-u", User, "--password-stdin", SwarmFixture.RegistryAddress);
                Exec("docker", null, "--config", cliConfig, "-H", _swarm.Endpoint(0), "service", "create", "--detach", "--with-registry-auth", "--no-resolve-image",
                    "--name", witness, "--replicas", "2", "--replicas-max-per-node", "1", "--constraint", "node.role==worker", "--stop-signal", "SIGKILL", "--stop-grace-period", "1s", imageCli, "sleep", "600");
                _ps.Run("Wait-SwarmService $n -Timeout 90 | Out-Null", _swarm.Vars(("n", witness))).AssertClean();
                Assert.Equal(Workers, RunningOn(witness));

                // Update-SwarmService -Credential (no -Image: the service's own image's registry) repairs the service created without them.
                PsResult updated = _ps.Run(Cred + "Update-SwarmService $n -Credential $cred -Force -Verbose -Debug *>&1 | Out-String", Vars(("n", without))).AssertClean();
                AssertNoSecret(AllText(updated), "Update-SwarmService -Credential");
                _ps.Run("Wait-SwarmService $n -Timeout 90 | Out-Null", _swarm.Vars(("n", without))).AssertClean();
                Assert.Equal(Workers, RunningOn(without));
            }
            finally
            {
                Remove(without, with, witness);
                if (restarted)
                {
                    RestartWorkers(preferOfflineImage: true);
                }

                _ps.Run("Disconnect-DockerRegistry $reg -SessionOnly -ErrorAction SilentlyContinue | Out-Null", Vars());
                Directory.Delete(cliConfig, true);
            }
        }
    }
}
