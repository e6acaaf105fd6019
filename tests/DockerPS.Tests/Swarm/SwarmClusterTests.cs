using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Swarm
{
    /// <summary>
    /// The swarm's own settings and membership on the fixture's swarm: Update-DockerSwarm against the docker CLI's
    /// swarm inspect of the same node, autolock and Unlock-DockerSwarm across a manager restart, promote/demote,
    /// token rotation, and a killed worker. Each test puts the swarm back as it found it (settings, roles, daemons).
    /// </summary>
    [Collection(SwarmCollection.Name)]
    public sealed class SwarmClusterTests
    {
        private readonly SwarmFixture _swarm;
        private readonly PowerShellSession _ps;

        public SwarmClusterTests(SwarmFixture swarm)
        {
            _swarm = swarm;
            _ps = swarm.Session;
        }

        /// <summary>The swarm's stored spec as the docker CLI on the manager reads it (docker info; this CLI has no swarm inspect).</summary>
        private JsonElement CliSpec() => JsonDocument.Parse(_swarm.Docker(0, "info", "--format", "{{json .Swarm.Cluster.Spec}}")).RootElement;

        private SwarmNode Node(string hostname) => _ps.Run("Get-SwarmNode $n", _swarm.Vars(("n", hostname))).AssertClean().Single<SwarmNode>();

        [Fact]
        public void UpdateDockerSwarmStoresTheSettingsTheCliReads()
        {
            DockerSwarm before = _ps.Run("Get-DockerSwarm").AssertClean().Single<DockerSwarm>();
            try
            {
                DockerSwarm after = _ps.Run("Update-DockerSwarm -TaskHistoryLimit 4 -DispatcherHeartbeat 7s -SnapshotInterval 5000 -CertificateExpiry 720h -Label @{ site = 'lab' } -PassThru")
                    .AssertClean().Single<DockerSwarm>();
                Assert.Equal(4, after.TaskHistoryLimit);
                Assert.Equal(TimeSpan.FromSeconds(7), after.DispatcherHeartbeat);
                Assert.Equal(5000UL, after.SnapshotInterval);
                Assert.Equal(TimeSpan.FromHours(720), after.CertificateExpiry);
                Assert.Equal("lab", after.Labels["site"]);
                Assert.True(after.Version > before.Version);

                // The witness: docker swarm inspect on the same node reads the same stored spec.
                JsonElement spec = CliSpec();
                Assert.Equal(4, spec.GetProperty("Orchestration").GetProperty("TaskHistoryRetentionLimit").GetInt64());
                Assert.Equal(7_000_000_000L, spec.GetProperty("Dispatcher").GetProperty("HeartbeatPeriod").GetInt64());
                Assert.Equal(5000UL, spec.GetProperty("Raft").GetProperty("SnapshotInterval").GetUInt64());
                Assert.Equal(720L * 3600 * 1_000_000_000, spec.GetProperty("CAConfig").GetProperty("NodeCertExpiry").GetInt64());
                Assert.Equal("lab", spec.GetProperty("Labels").GetProperty("site").GetString());

                // A setting not named stays as it was (the update reads the current spec first).
                DockerSwarm again = _ps.Run("Update-DockerSwarm -TaskHistoryLimit 3 -PassThru").AssertClean().Single<DockerSwarm>();
                Assert.Equal(3, again.TaskHistoryLimit);
                Assert.Equal(TimeSpan.FromSeconds(7), again.DispatcherHeartbeat);
                Assert.Equal("3", _swarm.Docker(0, "info", "--format", "{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}}"));

                // -WhatIf changes nothing.
                _ps.Run("Update-DockerSwarm -TaskHistoryLimit 9 -WhatIf").AssertClean();
                Assert.Equal(3, CliSpec().GetProperty("Orchestration").GetProperty("TaskHistoryRetentionLimit").GetInt64());
            }
            finally
            {
                _ps.Run("Update-DockerSwarm -TaskHistoryLimit $b.TaskHistoryLimit -DispatcherHeartbeat $b.DispatcherHeartbeat -SnapshotInterval $b.SnapshotInterval -CertificateExpiry $b.CertificateExpiry -Label @{}",
                    _swarm.Vars(("b", before))).AssertClean();
            }

            Assert.Equal(before.TaskHistoryLimit, _ps.Run("Get-DockerSwarm").AssertClean().Single<DockerSwarm>().TaskHistoryLimit);
        }

        [Fact]
        public void JoinTokensRotateAndTheOldOneStopsWorking()
        {
            DockerSwarm before = _ps.Run("Get-DockerSwarm").AssertClean().Single<DockerSwarm>();
            DockerSwarm after = _ps.Run("Update-DockerSwarm -RotateWorkerToken -PassThru").AssertClean().Single<DockerSwarm>();
            Assert.NotEqual(before.WorkerToken, after.WorkerToken);
            Assert.Equal(before.ManagerToken, after.ManagerToken);
            Assert.Equal(after.WorkerToken, _swarm.Docker(0, "swarm", "join-token", "-q", "worker"));

            DockerSwarm managers = _ps.Run("Update-DockerSwarm -RotateManagerToken -PassThru").AssertClean().Single<DockerSwarm>();
            Assert.NotEqual(after.ManagerToken, managers.ManagerToken);
            Assert.Equal(after.WorkerToken, managers.WorkerToken);
            Assert.Equal(managers.ManagerToken, _swarm.Docker(0, "swarm", "join-token", "-q", "manager"));
        }

        [Fact]
        public void AnAutolockedManagerIsLockedAfterARestartUntilUnlocked()
        {
            try
            {
                DockerSwarm locked = _ps.Run("Update-DockerSwarm -AutoLock -PassThru").AssertClean().Single<DockerSwarm>();
                Assert.True(locked.AutoLock);
                Assert.Equal("true", _swarm.Docker(0, "info", "--format", "{{.Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers}}"));

                // The key is a SecureString, the same the CLI prints.
                PsResult key = _ps.Run("$key = Get-DockerSwarmUnlockKey; $key; [System.Net.NetworkCredential]::new('', $key).Password").AssertClean();
                Assert.IsType<System.Security.SecureString>(key.Output[0].BaseObject);
                string text = (string)key.Output[1].BaseObject;
                Assert.StartsWith("SWMKEY-", text);
                Assert.Equal(text, _swarm.Docker(0, "swarm", "unlock-key", "-q"));

                // A rotated key replaces the old one.
                string rotated = (string)_ps.Run("Update-DockerSwarm -RotateUnlockKey; $key = Get-DockerSwarmUnlockKey; [System.Net.NetworkCredential]::new('', $key).Password").AssertClean().Output.Single().BaseObject;
                Assert.NotEqual(text, rotated);
                Assert.Equal(rotated, _swarm.Docker(0, "swarm", "unlock-key", "-q"));

                // Restart the manager's dockerd: its raft data stays encrypted until the key is given.
                _swarm.StopNode(0, kill: false);
                _swarm.StartNodeAgain(0);
                SwarmFixture.WaitUntil(() => _swarm.Docker(0, "info", "--format", "{{.Swarm.LocalNodeState}}") == "locked", TimeSpan.FromSeconds(30), "the manager to come back locked");
                PsResult whileLocked = _ps.Run("Get-SwarmNode");
                Assert.StartsWith("SwarmLocked,", (whileLocked.Terminating ?? whileLocked.Errors.First()).FullyQualifiedErrorId);

                PsResult wrong = _ps.Run("Unlock-DockerSwarm ([System.Net.NetworkCredential]::new('', 'SWMKEY-1-notthekey').SecurePassword)");
                Assert.NotNull(wrong.Terminating ?? wrong.Errors.FirstOrDefault());
                Assert.Equal("locked", _swarm.Docker(0, "info", "--format", "{{.Swarm.LocalNodeState}}"));

                _ps.Run("$key | Unlock-DockerSwarm").AssertClean();
                Assert.Equal("active", _swarm.Docker(0, "info", "--format", "{{.Swarm.LocalNodeState}}"));
                SwarmFixture.WaitUntil(() => _ps.Run("@(Get-SwarmNode | Where-Object Status -eq 'ready').Count").Output.Select(o => (int)o.BaseObject).FirstOrDefault() == SwarmFixture.NodeCount,
                    TimeSpan.FromSeconds(60), "all nodes ready after the unlock");
            }
            finally
            {
                _ps.Run("Update-DockerSwarm -AutoLock:$false").AssertClean();
            }

            Assert.False(_ps.Run("Get-DockerSwarm").AssertClean().Single<DockerSwarm>().AutoLock);
        }

        [Fact]
        public void AWorkerIsPromotedToAReachableManagerAndDemotedAgain()
        {
            try
            {
                SwarmNode promoted = _ps.Run("Get-SwarmNode dps-node2 | Set-SwarmNode -Role manager -PassThru").AssertClean().Single<SwarmNode>();
                Assert.Equal("manager", promoted.Role);
                SwarmFixture.WaitUntil(() => Node("dps-node2").ManagerReachability == "reachable", TimeSpan.FromSeconds(60), "node 2 to be a reachable manager");
                SwarmNode two = Node("dps-node2");
                Assert.False(two.Leader);
                Assert.Equal("10.199.0.2:2377", two.ManagerAddress);
                Assert.Equal("reachable", _swarm.Docker(0, "node", "inspect", "dps-node2", "--format", "{{.ManagerStatus.Reachability}}"));

                // Node 2's own engine now answers cluster reads, and counts two managers.
                SwarmFixture.WaitUntil(() => _ps.Run("Get-SwarmNode -Host $w1", _swarm.Vars()).Errors.Count == 0, TimeSpan.FromSeconds(30), "node 2 to answer as a manager");
                Assert.Equal(2, _ps.Run("Get-DockerSwarm -Host $w1", _swarm.Vars()).AssertClean().Single<DockerSwarm>().Managers);
                Assert.Equal("true", _swarm.Docker(1, "info", "--format", "{{.Swarm.ControlAvailable}}"));
                string table = _ps.Run("Get-SwarmNode | Out-Default").AssertClean().HostText;
                Assert.Contains("Reachable", table);
            }
            finally
            {
                _ps.Run("Set-SwarmNode dps-node2 -Role worker").AssertClean();
            }

            SwarmFixture.WaitUntil(() => Node("dps-node2").ManagerReachability == null, TimeSpan.FromSeconds(60), "node 2 to be a worker again");
            Assert.Equal("worker", Node("dps-node2").Role);
            SwarmFixture.WaitUntil(() => _swarm.Docker(1, "info", "--format", "{{.Swarm.ControlAvailable}}") == "false", TimeSpan.FromSeconds(30), "node 2's engine to stop being a manager");
            PsResult worker = _ps.Run("Get-SwarmNode -Host $w1", _swarm.Vars());
            Assert.StartsWith("SwarmNotManager,", (worker.Terminating ?? worker.Errors.Single()).FullyQualifiedErrorId);
            Assert.Equal(1, _ps.Run("Get-DockerSwarm").AssertClean().Single<DockerSwarm>().Managers);
        }

        [Fact]
        public void AKilledWorkerGoesDownAndItsTasksAreRescheduled()
        {
            string name = _swarm.NewName("kill");
            bool killed = false;
            try
            {
                _ps.Run("New-SwarmService $img sleep 600 -Name $n -Replicas 3 -MaxReplicasPerNode 2 -StopSignal SIGKILL -StopGracePeriod 1s | Out-Null", _swarm.Vars(("n", name))).AssertClean();
                _ps.Run("Wait-SwarmService $n -Timeout 90", _swarm.Vars(("n", name))).AssertClean();
                List<SwarmTask> tasks = _ps.Run("Get-SwarmTask $n -DesiredState running", _swarm.Vars(("n", name))).AssertClean().All<SwarmTask>();
                SwarmTask onThree = Assert.Single(tasks, t => t.NodeName == "dps-node3");

                _swarm.StopNode(2, kill: true);
                killed = true;
                SwarmFixture.WaitUntil(() => Node("dps-node3").Status == "down", TimeSpan.FromSeconds(60), "the killed node to be down");
                Assert.Equal("Down", _swarm.Docker(0, "node", "ls", "--filter", "name=dps-node3", "--format", "{{.Status}}"));

                // The slot of the lost task runs again on the other nodes; the lost task is no longer desired running.
                SwarmFixture.WaitUntil(() =>
                {
                    List<SwarmTask> now = _ps.Run("Get-SwarmTask $n -DesiredState running", _swarm.Vars(("n", name))).AssertClean().All<SwarmTask>();
                    return now.Count == 3 && now.All(t => t.NodeName != "dps-node3" && t.State == "running");
                }, TimeSpan.FromSeconds(90), "the tasks to be rescheduled on the live nodes");
                SwarmTask moved = Assert.Single(_ps.Run("Get-SwarmTask $n -DesiredState running", _swarm.Vars(("n", name))).AssertClean().All<SwarmTask>(), t => t.Slot == onThree.Slot);
                Assert.NotEqual(onThree.Id, moved.Id);
                Assert.Contains(moved.NodeName, new[] { "dps-node1", "dps-node2" });
                SwarmTask lost = _ps.Run("Get-SwarmTask -Id $id", _swarm.Vars(("id", onThree.Id))).AssertClean().Single<SwarmTask>();
                Assert.NotEqual("running", lost.DesiredState);
                // The running count is the engine's, as docker service ls shows it: the lost task still counts while its
                // node is down (measured: 4/3), since the down node cannot report that its container is gone.
                ulong running = _ps.Run("Get-SwarmService $n", _swarm.Vars(("n", name))).AssertClean().Single<SwarmService>().RunningTasks;
                Assert.StartsWith(running + "/3", _swarm.Docker(0, "service", "ls", "--filter", "name=" + name, "--format", "{{.Replicas}}"));
                Assert.True(running >= 3);
                string cli = _swarm.Docker(0, "service", "ps", name, "--filter", "desired-state=running", "--format", "{{.Node}}");
                Assert.DoesNotContain("dps-node3", cli);
            }
            finally
            {
                if (killed)
                {
                    _swarm.StartNodeAgain(2);
                    SwarmFixture.WaitUntil(() => _ps.Run("(Get-SwarmNode dps-node3).Status").Output.Select(o => (string)o.BaseObject).FirstOrDefault() == "ready",
                        TimeSpan.FromSeconds(60), "the restarted node to be ready again");
                }

                _ps.Run("Remove-SwarmService $n -ErrorAction SilentlyContinue", _swarm.Vars(("n", name)));
            }
        }
    }
}
