using System.Collections.Generic;
using System.Linq;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Swarm
{
    /// <summary>Tab completion of node, service, secret and config names through PowerShell's own completion API, from the fixture's manager.</summary>
    [Collection(SwarmCollection.Name)]
    public sealed class SwarmCompletionTests
    {
        private readonly SwarmFixture _swarm;
        private readonly PowerShellSession _ps;

        public SwarmCompletionTests(SwarmFixture swarm)
        {
            _swarm = swarm;
            _ps = swarm.Session;
        }

        /// <summary>Completes <paramref name="line"/> as typed; the completers honour the -Host typed on the line, so it names the node's socket.</summary>
        private List<(string Text, string Tip)> Complete(string line) =>
            _ps.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText + '|' + $_.ToolTip }",
                    new Dictionary<string, object?> { ["line"] = line })
                .AssertClean().Output.Select(o => ((string)o.BaseObject).Split('|', 2)).Select(p => (p[0], p[1])).ToList();

        private List<string> Texts(string line) => Complete(line).Select(c => c.Text).ToList();

        [Fact]
        public void NodeHostnamesComplete()
        {
            string host = "-Host " + _swarm.Endpoint(0);
            Assert.Equal(new[] { "dps-node1", "dps-node2", "dps-node3" }, Texts($"Get-SwarmNode {host} dps-n").OrderBy(t => t).ToArray());
            Assert.Equal(new[] { "dps-node2" }, Texts($"Set-SwarmNode {host} dps-node2"));
            Assert.Contains("dps-node3", Texts($"Get-SwarmTask {host} -Node dps-node"));
            (string _, string tip) = Complete($"Get-SwarmNode {host} dps-node1").Single();
            Assert.Contains("manager", tip);
        }

        [Fact]
        public void ServiceSecretAndConfigNamesComplete()
        {
            string service = _swarm.NewName("cmpl");
            string secret = _swarm.NewName("cmplpw");
            string config = _swarm.NewName("cmplcfg");
            string host = "-Host " + _swarm.Endpoint(0);
            try
            {
                _ps.Run("New-SwarmService $img sleep 600 -Name $s -Replicas 0 | Out-Null; New-SwarmSecret $p -Value 'x' | Out-Null; New-SwarmConfig $c -Value 'y' | Out-Null",
                    _swarm.Vars(("s", service), ("p", secret), ("c", config))).AssertClean();
                string Prefix(string name) => name.Substring(0, name.Length - 1);

                foreach (string cmdlet in new[] { "Get-SwarmService", "Update-SwarmService", "Remove-SwarmService", "Get-SwarmTask", "Get-SwarmServiceLog", "Wait-SwarmService" })
                {
                    Assert.Contains(service, Texts($"{cmdlet} {host} {Prefix(service)}"));
                }

                Assert.Contains("replicated", Complete($"Get-SwarmService {host} {Prefix(service)}").Single(c => c.Text == service).Tip);
                Assert.Equal(new[] { secret }, Texts($"Get-SwarmSecret {host} {Prefix(secret)}"));
                Assert.Equal(new[] { secret }, Texts($"Remove-SwarmSecret {host} {Prefix(secret)}"));
                Assert.Equal(new[] { config }, Texts($"Get-SwarmConfig {host} {Prefix(config)}"));
                Assert.Equal(new[] { config }, Texts($"Remove-SwarmConfig {host} {Prefix(config)}"));
                Assert.Contains(secret, Texts($"New-SwarmService {host} -Secret {Prefix(secret)}"));
                Assert.Contains(config, Texts($"New-SwarmService {host} -Config {Prefix(config)}"));

                // A worker has no cluster state: completion offers nothing and writes no error.
                Assert.Empty(Texts($"Get-SwarmService -Host {_swarm.Endpoint(1)} {Prefix(service)}"));
            }
            finally
            {
                _ps.Run("Remove-SwarmService $s -ErrorAction SilentlyContinue; Remove-SwarmSecret $p -ErrorAction SilentlyContinue; Remove-SwarmConfig $c -ErrorAction SilentlyContinue",
                    _swarm.Vars(("s", service), ("p", secret), ("c", config)));
            }
        }
    }
}
