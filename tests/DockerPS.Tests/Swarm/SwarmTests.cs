using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;
using Xunit.Abstractions;

namespace DockerPS.Tests.Swarm
{
    /// <summary>The swarm cmdlets against the fixture's three-node swarm. Each test leaves the swarm as it found it.</summary>
    [Collection(SwarmCollection.Name)]
    public sealed class SwarmTests
    {
        private static readonly TimeSpan Converge = TimeSpan.FromSeconds(90);
        private readonly SwarmFixture _swarm;
        private readonly PowerShellSession _ps;
        private readonly ITestOutputHelper _out;

        public SwarmTests(SwarmFixture swarm, ITestOutputHelper output)
        {
            _swarm = swarm;
            _ps = swarm.Session;
            _out = output;
        }

        /// <summary>Creates a service through the cmdlet and waits until it runs; every test service stops at once (SIGKILL) and updates in about a second.</summary>
        private SwarmService Create(string name, string extra, string command = "sleep 600", (string, object?)[]? vars = null, string update = "@{ Monitor = '1s'; Delay = 0 }")
        {
            var all = new List<(string, object?)> { ("n", name) };
            all.AddRange(vars ?? Array.Empty<(string, object?)>());
            _ps.Run("New-SwarmService $img " + command + " -Name $n -StopSignal SIGKILL -StopGracePeriod 1s -UpdateConfig " + update + " -RollbackConfig @{ Monitor = '1s' } " + extra + " | Out-Null",
                _swarm.Vars(all.ToArray())).AssertClean();
            return WaitFor(name);
        }

        private SwarmService WaitFor(string name) =>
            _ps.Run("Wait-SwarmService $n -Timeout 90", _swarm.Vars(("n", name))).AssertClean().Single<SwarmService>();

        private List<SwarmTask> Running(string name) =>
            _ps.Run("Get-SwarmTask $n -DesiredState running", _swarm.Vars(("n", name))).AssertClean().All<SwarmTask>();

        /// <summary>Cleanup: a service the test failed to create is no second failure.</summary>
        private void Remove(string name) => _ps.Run("Remove-SwarmService $n -ErrorAction SilentlyContinue", _swarm.Vars(("n", name)));

        [Fact]
        public void InitAndJoinGiveThreeReadyNodesWithOneLeader()
        {
            _out.WriteLine($"engines up {_swarm.EnginesUp.TotalSeconds:0.0} s, init+join+ready {_swarm.InitJoinTook.TotalSeconds:0.0} s, fixture {_swarm.SetupTook.TotalSeconds:0.0} s");
            List<SwarmNode> nodes = _ps.Run("Get-SwarmNode").AssertClean().All<SwarmNode>();
            Assert.Equal(new[] { "dps-node1", "dps-node2", "dps-node3" }, nodes.Select(n => n.Hostname).ToArray());
            Assert.All(nodes, n => Assert.Equal("ready", n.Status));
            Assert.All(nodes, n => Assert.Equal("active", n.Availability));
            Assert.All(nodes, n => Assert.False(string.IsNullOrEmpty(n.EngineVersion)));
            SwarmNode leader = Assert.Single(nodes, n => n.Leader);
            Assert.Equal("dps-node1", leader.Hostname);
            Assert.Equal("manager", leader.Role);
            Assert.Equal("reachable", leader.ManagerReachability);
            Assert.True(leader.Self);
            Assert.Equal(new[] { "10.199.0.2", "10.199.0.3" }, nodes.Where(n => n.Role == "worker").Select(n => n.Address).ToArray());

            DockerSwarm swarm = _ps.Run("Get-DockerSwarm").AssertClean().Single<DockerSwarm>();
            Assert.Equal(3, swarm.Nodes);
            Assert.Equal(1, swarm.Managers);
            Assert.True(swarm.IsManager);
            Assert.StartsWith("SWMTKN-", swarm.WorkerToken);
            Assert.Equal(new[] { "10.199.0.1:2377" }, swarm.ManagerAddresses);
            Assert.Equal(2, swarm.TaskHistoryLimit);

            // The table looks like docker node ls.
            string table = _ps.Run("Get-SwarmNode | Out-Default").AssertClean().HostText;
            Assert.Contains("HOSTNAME", table);
            Assert.Contains("MANAGER STATUS", table);
            Assert.Contains("Leader", table);
            Assert.Contains("Ready", table);
        }

        [Fact]
        public void AWorkerAndAPlainEngineSayNotManager()
        {
            PsResult worker = _ps.Run("Get-SwarmService -Host $w1", _swarm.Vars());
            Assert.StartsWith("SwarmNotManager,", (worker.Terminating ?? worker.Errors.Single()).FullyQualifiedErrorId);

            // The shared engine is no swarm member and must never become one: only a read is sent to it.
            PsResult plain = _ps.Run("Get-SwarmNode -Host unix:///var/run/docker.sock");
            Assert.StartsWith("SwarmNotManager,", (plain.Terminating ?? plain.Errors.Single()).FullyQualifiedErrorId);
        }

        [Fact]
        public void AReplicatedServiceSpreadsOverTheNodesAndScales()
        {
            string name = _swarm.NewName("web");
            try
            {
                SwarmService s = Create(name, "-Replicas 3 -Label @{ tier = 'web' }");
                Assert.Equal("replicated", s.Mode);
                Assert.Equal(3UL, s.Replicas);
                Assert.Equal(3UL, s.RunningTasks);
                Assert.Equal("web", s.Labels["tier"]);
                Assert.Equal(_swarm.Image(1), s.Image);
                Assert.Equal(new[] { "dps-node1", "dps-node2", "dps-node3" }, Running(name).Select(t => t.NodeName).OrderBy(n => n).ToArray());

                _ps.Run("Get-SwarmService $n | Update-SwarmService -Replicas 5", _swarm.Vars(("n", name))).AssertClean();
                Assert.Equal(5UL, WaitFor(name).RunningTasks);
                List<SwarmTask> tasks = Running(name);
                Assert.Equal(5, tasks.Count);
                Assert.Equal(Enumerable.Range(1, 5).Select(i => (long?)i), tasks.Select(t => t.Slot).OrderBy(x => x));
                Assert.All(tasks, t => Assert.Equal("running", t.State));

                string table = _ps.Run("Get-SwarmService $n | Out-Default", _swarm.Vars(("n", name))).AssertClean().HostText;
                Assert.Contains("REPLICAS", table);
                Assert.Contains("5/5", table);
            }
            finally
            {
                Remove(name);
            }

            Assert.Empty(_ps.Run("Get-SwarmService -Name 'web-*' | Where-Object Name -eq $n", _swarm.Vars(("n", name))).AssertClean().Output);
        }

        [Fact]
        public void ASecretAndAConfigAreReadableInsideTheTasks()
        {
            string secret = _swarm.NewName("pw");
            string config = _swarm.NewName("cfg");
            string service = _swarm.NewName("reader");
            const string Password = "s3cret-9a7b";
            try
            {
                PsResult created = _ps.Run("$pw = [System.Net.NetworkCredential]::new('', $p).SecurePassword; New-SwarmSecret $s -SecureValue $pw -Label @{ app = 'x' } -Verbose; New-SwarmConfig $c -Value 'mode=fast'",
                    _swarm.Vars(("s", secret), ("c", config), ("p", Password))).AssertClean();
                Assert.Equal(secret, created.Output.Select(o => o.BaseObject).OfType<SwarmSecret>().Single().Name);
                Assert.DoesNotContain(created.Output.Select(o => o.ToString()).Concat(created.Verbose), t => t.Contains(Password));
                Assert.Equal("mode=fast", _ps.Run("(Get-SwarmConfig $c).Text", _swarm.Vars(("c", config))).AssertClean().Output.Single().BaseObject);

                Create(service, "-Secret $s -Config \"source=$c,target=/etc/app.conf\"",
                    "sh '-c' 'echo secret=$(cat /run/secrets/" + secret + "); echo config=$(cat /etc/app.conf); exec sleep 600'", new[] { ("s", (object?)secret), ("c", config) });
                List<ContainerLogLine> lines = new List<ContainerLogLine>();
                SwarmFixture.WaitUntil(() =>
                {
                    lines = _ps.Run("Get-SwarmServiceLog $n", _swarm.Vars(("n", service))).AssertClean().All<ContainerLogLine>();
                    return lines.Count >= 2;
                }, TimeSpan.FromSeconds(30), "the task's log lines");
                Assert.Contains(lines, l => l.Text == "secret=" + Password);
                Assert.Contains(lines, l => l.Text == "config=mode=fast");
                Assert.All(lines, l => Assert.Equal(service + ".1", l.ContainerName));

                SwarmService s = _ps.Run("Get-SwarmService $n", _swarm.Vars(("n", service))).AssertClean().Single<SwarmService>();
                Assert.Equal(secret, Assert.Single(s.Secrets).Name);
                Assert.Equal("/etc/app.conf", Assert.Single(s.Configs).Target);

                PsResult inUse = _ps.Run("Remove-SwarmSecret $s", _swarm.Vars(("s", secret)));
                Assert.Contains("in use", Assert.Single(inUse.Errors).ToString());
            }
            finally
            {
                Remove(service);
                SwarmFixture.WaitUntil(() => _ps.Run("Remove-SwarmSecret $s; Remove-SwarmConfig $c", _swarm.Vars(("s", secret), ("c", config))).Errors.Count == 0
                    || _ps.Run("Get-SwarmSecret $s -ErrorAction SilentlyContinue", _swarm.Vars(("s", secret))).Output.Count == 0, TimeSpan.FromSeconds(20), "secret removal");
            }

            Assert.DoesNotContain(_ps.Run("Get-SwarmSecret -Name 'pw-*'").AssertClean().Output, o => ((SwarmSecret)o.BaseObject).Name == secret);
        }

        [Fact]
        public void DrainingANodeMovesItsTasks()
        {
            string name = _swarm.NewName("drain");
            try
            {
                Create(name, "-Replicas 3");
                Assert.Contains(Running(name), t => t.NodeName == "dps-node3");
                SwarmNode drained = _ps.Run("Get-SwarmNode dps-node3 | Set-SwarmNode -Availability drain -PassThru").AssertClean().Single<SwarmNode>();
                Assert.Equal("drain", drained.Availability);
                SwarmFixture.WaitUntil(() => Running(name).All(t => t.NodeName != "dps-node3" && t.State == "running") && Running(name).Count == 3, Converge, "tasks to leave the drained node");
                Assert.Empty(_ps.Run("Get-SwarmTask -Node dps-node3 -DesiredState running").AssertClean().Output);
            }
            finally
            {
                _ps.Run("Set-SwarmNode dps-node3 -Availability active").AssertClean();
                Remove(name);
            }
        }

        [Fact]
        public void ARollingUpdateRollsOutAndRollsBack()
        {
            string name = _swarm.NewName("roll");
            try
            {
                Create(name, "-Replicas 2");
                SwarmService updated = _ps.Run("Update-SwarmService $n -Image $img2 -Environment @{ STAGE = 'two' } -PassThru", _swarm.Vars(("n", name))).AssertClean().Single<SwarmService>();
                Assert.Equal(_swarm.Image(2), updated.Image);
                Assert.Equal(_swarm.Image(1), updated.PreviousImage);
                SwarmService done = WaitFor(name);
                Assert.Equal("completed", done.UpdateState);
                Assert.All(Running(name), t => Assert.Equal(_swarm.Image(2), t.Image));

                _ps.Run("Undo-SwarmServiceUpdate $n", _swarm.Vars(("n", name))).AssertClean();
                SwarmService back = WaitFor(name);
                Assert.Equal(_swarm.Image(1), back.Image);
                Assert.Equal("rollback_completed", back.UpdateState);
                Assert.All(Running(name), t => Assert.Equal(_swarm.Image(1), t.Image));

                ulong before = back.ForceUpdate;
                Assert.Equal(before + 1, _ps.Run("Update-SwarmService $n -Force -PassThru", _swarm.Vars(("n", name))).AssertClean().Single<SwarmService>().ForceUpdate);
                WaitFor(name);
            }
            finally
            {
                Remove(name);
            }
        }

        [Fact]
        public void AFailedUpdateRollsBackByItself()
        {
            string name = _swarm.NewName("fail");
            try
            {
                Create(name, "-Replicas 2", update: "@{ FailureAction = 'rollback'; Monitor = '3s'; Delay = 0 }");
                _ps.Run("Update-SwarmService $n -Command sh,-c,'exit 3' -RestartCondition none", _swarm.Vars(("n", name))).AssertClean();
                SwarmService s = null!;
                SwarmFixture.WaitUntil(() =>
                {
                    s = _ps.Run("Get-SwarmService $n", _swarm.Vars(("n", name))).AssertClean().Single<SwarmService>();
                    return s.UpdateState == "rollback_completed";
                }, Converge, "the automatic rollback");
                Assert.Equal(new[] { "sleep", "600" }, s.Command.Concat(s.Args).ToArray());
                Assert.Contains(_ps.Run("Get-SwarmTask $n", _swarm.Vars(("n", name))).AssertClean().All<SwarmTask>(), t => t.State == "failed" || t.ExitCode == 3);
                Assert.Equal(2UL, WaitFor(name).RunningTasks);
            }
            finally
            {
                Remove(name);
            }
        }

        [Fact]
        public void ServiceLogsComeFromTasksOnSeveralNodes()
        {
            string name = _swarm.NewName("logs");
            try
            {
                Create(name, "-Replicas 2 -MaxReplicasPerNode 1 -Hostname '{{.Node.Hostname}}'", "sh '-c' 'echo hello-from-$(hostname); exec sleep 600'");
                List<ContainerLogLine> lines = new List<ContainerLogLine>();
                SwarmFixture.WaitUntil(() =>
                {
                    lines = _ps.Run("Get-SwarmServiceLog $n", _swarm.Vars(("n", name))).AssertClean().All<ContainerLogLine>();
                    return lines.Count >= 2;
                }, TimeSpan.FromSeconds(30), "a line from each task");
                Assert.Equal(2, lines.Select(l => l.Node).Distinct().Count());
                Assert.All(lines, l => Assert.Equal("hello-from-" + l.Node, l.Text));
                Assert.All(lines, l => Assert.Equal(name, l.Service));
                Assert.All(lines, l => Assert.NotNull(l.Time));
                Assert.Equal(lines.Select(l => "hello-from-" + l.Node).OrderBy(x => x), _ps.Run("Get-SwarmServiceLog $n -Raw", _swarm.Vars(("n", name))).AssertClean().Output.Select(o => (string)o.BaseObject).OrderBy(x => x));
            }
            finally
            {
                Remove(name);
            }
        }

        [Fact]
        public void ANodeLeavesAndJoinsAgain()
        {
            _ps.Run("Exit-DockerSwarm -Host $w2", _swarm.Vars()).AssertClean();
            SwarmFixture.WaitUntil(() => _ps.Run("(Get-SwarmNode dps-node3).Status").Output.Select(o => (string)o.BaseObject).FirstOrDefault() == "down",
                TimeSpan.FromSeconds(30), "the manager to see the node down");
            _ps.Run("Remove-SwarmNode dps-node3").AssertClean();
            Assert.Equal(2, _ps.Run("Get-SwarmNode").AssertClean().Output.Count);

            PsResult notMember = _ps.Run("Exit-DockerSwarm -Host $w2", _swarm.Vars());
            Assert.StartsWith("SwarmNotActive,", (notMember.Terminating ?? notMember.Errors.Single()).FullyQualifiedErrorId);

            _ps.Run("Get-DockerSwarm | Join-DockerSwarm -Host $w2 -AdvertiseAddress 10.199.0.3", _swarm.Vars()).AssertClean();
            SwarmFixture.WaitUntil(() => _ps.Run("@(Get-SwarmNode | Where-Object Status -eq 'ready').Count").Output.Select(o => (int)o.BaseObject).FirstOrDefault() == 3,
                TimeSpan.FromSeconds(30), "the node to be ready again");
            PsResult again = _ps.Run("Get-DockerSwarm | Join-DockerSwarm -Host $w2", _swarm.Vars());
            Assert.StartsWith("SwarmAlreadyJoined,", (again.Terminating ?? again.Errors.Single()).FullyQualifiedErrorId);
        }

        [Fact]
        public void AnOverlayNetworkIsSwarmScopedAndAttachable()
        {
            string name = _swarm.NewName("ov");
            try
            {
                DockerNetwork n = _ps.Run("New-ContainerNetwork $n -Driver overlay -Attachable -Option @{ encrypted = 'true' }", _swarm.Vars(("n", name))).AssertClean().Single<DockerNetwork>();
                Assert.Equal("swarm", n.Scope);
                Assert.Equal("overlay", n.Driver);
                Assert.True(n.Attachable);
                Assert.Equal("true", n.Options["encrypted"]);
            }
            finally
            {
                _ps.Run("Remove-ContainerNetwork $n", _swarm.Vars(("n", name)));
            }
        }
    }
}
