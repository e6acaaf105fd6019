using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Swarm
{
    /// <summary>
    /// Service settings whose effect shows in the tasks on the fixture's swarm: job modes, health checks, mounts,
    /// placement constraints and spread preferences, and the pipeline from a task to its container on its node.
    /// </summary>
    [Collection(SwarmCollection.Name)]
    public sealed class SwarmServiceFeatureTests
    {
        private static readonly TimeSpan Converge = TimeSpan.FromSeconds(90);
        private readonly SwarmFixture _swarm;
        private readonly PowerShellSession _ps;

        public SwarmServiceFeatureTests(SwarmFixture swarm)
        {
            _swarm = swarm;
            _ps = swarm.Session;
        }

        private void New(string name, string rest, params (string, object?)[] vars)
        {
            var all = new List<(string, object?)> { ("n", name) };
            all.AddRange(vars);
            _ps.Run("New-SwarmService $img " + rest + " -Name $n -StopSignal SIGKILL -StopGracePeriod 1s | Out-Null", _swarm.Vars(all.ToArray())).AssertClean();
        }

        private SwarmService Service(string name) => _ps.Run("Get-SwarmService $n", _swarm.Vars(("n", name))).AssertClean().Single<SwarmService>();

        private List<SwarmTask> Tasks(string name, string extra = "") =>
            _ps.Run("Get-SwarmTask $n " + extra, _swarm.Vars(("n", name))).AssertClean().All<SwarmTask>();

        private void Remove(string name) => _ps.Run("Remove-SwarmService $n -ErrorAction SilentlyContinue", _swarm.Vars(("n", name)));

        private static int NodeIndex(string hostname) => int.Parse(hostname.Substring("dps-node".Length)) - 1;

        [Fact]
        public void AReplicatedJobRunsItsCompletionsAndStops()
        {
            string name = _swarm.NewName("rjob");
            try
            {
                New(name, "sh '-c' 'echo done' -Mode replicated-job -Replicas 4 -MaxConcurrent 2");
                SwarmService s = null!;
                SwarmFixture.WaitUntil(() => (s = Service(name)).CompletedTasks == 4, Converge, "four completed tasks");
                Assert.Equal("replicated-job", s.Mode);
                Assert.Equal(0UL, s.RunningTasks);
                List<SwarmTask> tasks = Tasks(name);
                Assert.Equal(4, tasks.Count(t => t.State == "complete"));
                Assert.All(tasks.Where(t => t.State == "complete"), t => Assert.Equal(0L, t.ExitCode ?? 0));
                Assert.Equal(4, _swarm.Docker(0, "service", "ps", name, "--format", "{{.CurrentState}}").Split('\n').Count(l => l.StartsWith("Complete", StringComparison.Ordinal)));
                Assert.EndsWith("(4/4 completed)", _swarm.Docker(0, "service", "ls", "--filter", "name=" + name, "--format", "{{.Replicas}}"));
            }
            finally
            {
                Remove(name);
            }
        }

        [Fact]
        public void AGlobalJobCompletesOnceOnEveryNode()
        {
            string name = _swarm.NewName("gjob");
            try
            {
                New(name, "sh '-c' 'echo done' -Mode global-job");
                SwarmService s = null!;
                SwarmFixture.WaitUntil(() => (s = Service(name)).CompletedTasks == SwarmFixture.NodeCount, Converge, "a completed task per node");
                Assert.Equal("global-job", s.Mode);
                Assert.Null(s.Replicas);
                List<SwarmTask> done = Tasks(name).Where(t => t.State == "complete").ToList();
                Assert.Equal(new[] { "dps-node1", "dps-node2", "dps-node3" }, done.Select(t => t.NodeName).OrderBy(n => n).ToArray());
            }
            finally
            {
                Remove(name);
            }
        }

        [Fact]
        public void AGlobalServiceRunsOneTaskPerNode()
        {
            string name = _swarm.NewName("glob");
            try
            {
                New(name, "sleep 600 -Mode global");
                SwarmService s = _ps.Run("Wait-SwarmService $n -Timeout 90", _swarm.Vars(("n", name))).AssertClean().Single<SwarmService>();
                Assert.Equal("global", s.Mode);
                Assert.Equal(3UL, s.RunningTasks);
                Assert.Equal(new[] { "dps-node1", "dps-node2", "dps-node3" }, Tasks(name, "-DesiredState running").Select(t => t.NodeName).OrderBy(n => n).ToArray());
            }
            finally
            {
                Remove(name);
            }
        }

        [Fact]
        public void AHealthCheckedTaskRunsOnceItsContainerIsHealthy()
        {
            string name = _swarm.NewName("health");
            try
            {
                New(name, "sh '-c' 'sleep 2; touch /tmp/ok; exec sleep 600' -HealthCommand 'test -e /tmp/ok' -HealthInterval 1s -HealthTimeout 1s -HealthRetries 30");
                SwarmService s = _ps.Run("Wait-SwarmService $n -Timeout 90", _swarm.Vars(("n", name))).AssertClean().Single<SwarmService>();
                Assert.Equal(1UL, s.RunningTasks);
                SwarmTask task = Assert.Single(Tasks(name, "-DesiredState running"));
                Assert.Equal("running", task.State);

                // The task's container on its node's engine is healthy, by DockerPS and by the CLI on that node.
                int node = NodeIndex(task.NodeName);
                DockerContainerDetail detail = _ps.Run("Get-ContainerDetail -Id $c -Host $h", _swarm.Vars(("c", task.ContainerId), ("h", _swarm.Endpoint(node)))).AssertClean().Single<DockerContainerDetail>();
                Assert.Equal("healthy", detail.Health);
                Assert.Equal("healthy", _swarm.Docker(node, "inspect", "--format", "{{.State.Health.Status}}", task.ContainerId));
                Assert.Equal("[CMD-SHELL test -e /tmp/ok]", _swarm.Docker(0, "service", "inspect", name, "--format", "{{.Spec.TaskTemplate.ContainerSpec.Healthcheck.Test}}"));
            }
            finally
            {
                Remove(name);
            }
        }

        [Fact]
        public void VolumeAndTmpfsMountsAreInTheTasksContainer()
        {
            string name = _swarm.NewName("mnt");
            string volume = _swarm.NewName("vol");
            try
            {
                New(name, "sh '-c' 'echo kept > /data/f; grep -E \" /(data|scratch) \" /proc/mounts; exec sleep 600' -Mount \"type=volume,source=$v,target=/data\",'type=tmpfs,target=/scratch'",
                    ("v", volume));
                _ps.Run("Wait-SwarmService $n -Timeout 90", _swarm.Vars(("n", name))).AssertClean();
                Assert.Equal(2, Service(name).Mounts.Length);
                SwarmTask task = Assert.Single(Tasks(name, "-DesiredState running"));
                int node = NodeIndex(task.NodeName);

                List<string> lines = new List<string>();
                SwarmFixture.WaitUntil(() => (lines = _ps.Run("Get-SwarmServiceLog $n -Raw", _swarm.Vars(("n", name))).AssertClean().Output.Select(o => (string)o.BaseObject).ToList()).Count >= 2,
                    TimeSpan.FromSeconds(30), "the mount lines");
                Assert.Contains(lines, l => l.StartsWith("tmpfs /scratch tmpfs", StringComparison.Ordinal));
                Assert.Contains(lines, l => l.Contains(" /data "));

                // The CLI on the task's node sees the same mounts on the container, and the named volume on that node.
                string mounts = _swarm.Docker(node, "inspect", "--format", "{{range .Mounts}}{{.Type}}:{{.Destination}} {{end}}", task.ContainerId);
                Assert.Contains("volume:/data", mounts);
                Assert.Contains("tmpfs:/scratch", mounts);
                Assert.Equal(volume, _ps.Run("(Get-ContainerVolume $v -Host $h).Name", _swarm.Vars(("v", volume), ("h", _swarm.Endpoint(node)))).AssertClean().Output.Single().BaseObject);
            }
            finally
            {
                Remove(name);
                for (int i = 0; i < SwarmFixture.NodeCount; i++)
                {
                    int node = i;
                    SwarmFixture.WaitUntil(() =>
                    {
                        _ps.Run("Remove-ContainerVolume $v -Host $h -ErrorAction SilentlyContinue", _swarm.Vars(("v", volume), ("h", _swarm.Endpoint(node))));
                        return _ps.Run("Get-ContainerVolume -Host $h | Where-Object Name -eq $v", _swarm.Vars(("v", volume), ("h", _swarm.Endpoint(node)))).Output.Count == 0;
                    }, TimeSpan.FromSeconds(30), "the volume to go");
                }
            }
        }

        [Fact]
        public void ConstraintsPinTasksAndPreferencesSpreadThemOverLabels()
        {
            string pinned = _swarm.NewName("pin");
            string spread = _swarm.NewName("spread");
            try
            {
                New(pinned, "sleep 600 -Replicas 3 -Constraint 'node.hostname==dps-node2'");
                _ps.Run("Wait-SwarmService $n -Timeout 90", _swarm.Vars(("n", pinned))).AssertClean();
                Assert.All(Tasks(pinned, "-DesiredState running"), t => Assert.Equal("dps-node2", t.NodeName));
                Assert.Equal(new[] { "node.hostname==dps-node2" }, Service(pinned).Constraints);
                Assert.Equal("dps-node2", string.Join(",", _swarm.Docker(0, "service", "ps", pinned, "--filter", "desired-state=running", "--format", "{{.Node}}").Split('\n').Distinct()));

                // Zone a is node 1 alone, zone b nodes 2 and 3: spreading over zones puts half of the tasks on node 1.
                _ps.Run("Set-SwarmNode dps-node1 -Label @{ zone = 'a' }; Set-SwarmNode dps-node2, dps-node3 -Label @{ zone = 'b' }").AssertClean();
                Assert.Equal("a", _swarm.Docker(0, "node", "inspect", "dps-node1", "--format", "{{index .Spec.Labels \"zone\"}}"));
                New(spread, "sleep 600 -Replicas 4 -PlacementPreference node.labels.zone -Constraint 'node.labels.zone!=c'");
                _ps.Run("Wait-SwarmService $n -Timeout 90", _swarm.Vars(("n", spread))).AssertClean();
                List<SwarmTask> tasks = Tasks(spread, "-DesiredState running");
                Assert.Equal(2, tasks.Count(t => t.NodeName == "dps-node1"));
                Assert.Equal(2, tasks.Count(t => t.NodeName != "dps-node1"));
                Assert.Equal(new[] { "node.labels.zone" }, Service(spread).SpreadPreferences);
                Assert.Contains("node.labels.zone", _swarm.Docker(0, "service", "inspect", spread, "--format", "{{json .Spec.TaskTemplate.Placement.Preferences}}"));
            }
            finally
            {
                Remove(pinned);
                Remove(spread);
                _ps.Run("Set-SwarmNode dps-node1, dps-node2, dps-node3 -RemoveLabel zone").AssertClean();
            }
        }

        [Fact]
        public void TasksPipeToTheirContainersOnTheNodesEngines()
        {
            string name = _swarm.NewName("pipe");
            try
            {
                New(name, "sh '-c' 'echo from-$(hostname); exec sleep 600' -Replicas 3 -MaxReplicasPerNode 1 -Hostname '{{.Node.Hostname}}'");
                _ps.Run("Wait-SwarmService $n -Timeout 90", _swarm.Vars(("n", name))).AssertClean();
                List<SwarmTask> tasks = Tasks(name, "-DesiredState running");

                // Every node's engine named: each task's container, found on its own node, carrying that engine.
                List<DockerContainer> containers = _ps.Run("Get-SwarmTask $n -DesiredState running | Get-Container -Host $mgr, $w1, $w2", _swarm.Vars(("n", name))).AssertClean().All<DockerContainer>();
                Assert.Equal(tasks.Select(t => t.ContainerId).OrderBy(x => x), containers.Select(c => c.Id).OrderBy(x => x));
                foreach (SwarmTask t in tasks)
                {
                    DockerContainer c = containers.Single(x => x.Id == t.ContainerId);
                    Assert.Equal(_swarm.Endpoint(NodeIndex(t.NodeName)), c.Engine);
                    Assert.Equal(_swarm.Docker(NodeIndex(t.NodeName), "ps", "--filter", "id=" + t.ContainerId, "--format", "{{.Names}}"), c.Names.Single().TrimStart('/'));
                }

                // On to each container's log, read from the container's own node (the session's default -Host, the
                // manager, is lifted for this: a -Host would win over the piped container's engine, as it should).
                List<string> logs = new List<string>();
                const string Logs = "$PSDefaultParameterValues.Remove('*:Host'); try { Get-SwarmTask $n -DesiredState running -Host $mgr | Get-Container -Host $mgr, $w1, $w2 | Get-ContainerLog | ForEach-Object Text } " +
                    "finally { $PSDefaultParameterValues['*:Host'] = $mgr }";
                SwarmFixture.WaitUntil(() => (logs = _ps.Run(Logs, _swarm.Vars(("n", name)))
                    .AssertClean().Output.Select(o => (string)o.BaseObject).ToList()).Count >= 3, TimeSpan.FromSeconds(30), "a line per container");
                Assert.Equal(new[] { "from-dps-node1", "from-dps-node2", "from-dps-node3" }, logs.OrderBy(l => l).ToArray());

                // Without -Host the piped task's engine (the manager) is asked: only the task on the manager's node is found.
                DockerContainer local = _ps.Run("Get-SwarmTask $n -DesiredState running | Get-Container", _swarm.Vars(("n", name))).AssertClean().Single<DockerContainer>();
                Assert.Equal(tasks.Single(t => t.NodeName == "dps-node1").ContainerId, local.Id);
            }
            finally
            {
                Remove(name);
            }
        }
    }
}
