using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Remote
{
    /// <summary>
    /// ssh:// engines against an sshd of the tests' own on 127.0.0.1 (SshdFixture), with the docker CLI through the
    /// same sshd and keys as the witness. The remote side runs docker system dial-stdio, which reaches the shared dockerd.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class SshTests : IClassFixture<SshdFixture>
    {
        private readonly EngineFixture _engine;
        private readonly SshdFixture _sshd;
        private readonly PowerShellSession _ps;

        public SshTests(EngineFixture engine, SshdFixture sshd)
        {
            _engine = engine;
            _sshd = sshd;
            _ps = engine.Session;
        }

        /// <summary>Runs with DOCKERPS_SSH_CONFIG (and DOCKERPS_SSH) set as given, and restores them.</summary>
        private PsResult Run(string script, string? config = null, string? program = null, params (string Name, object? Value)[] vars)
        {
            string? savedConfig = Environment.GetEnvironmentVariable("DOCKERPS_SSH_CONFIG");
            string? savedProgram = Environment.GetEnvironmentVariable("DOCKERPS_SSH");
            Environment.SetEnvironmentVariable("DOCKERPS_SSH_CONFIG", config ?? _sshd.ConfigFile);
            Environment.SetEnvironmentVariable("DOCKERPS_SSH", program);
            try
            {
                var all = new Dictionary<string, object?> { ["h"] = _sshd.Address, ["img"] = _engine.Image };
                foreach (var (name, value) in vars)
                {
                    all[name] = value;
                }

                return _ps.Run(script, all);
            }
            finally
            {
                Environment.SetEnvironmentVariable("DOCKERPS_SSH_CONFIG", savedConfig);
                Environment.SetEnvironmentVariable("DOCKERPS_SSH", savedProgram);
            }
        }

        [SkippableFact]
        public void ListRunLogsExecAndRemoveOverSshAsTheDockerCliSeesThem()
        {
            string group = _engine.NewName("ssh");
            var labels = new Dictionary<string, string> { ["dockerps.ssh"] = group };
            _engine.CreateContainer(group + "-a", labels: labels);
            _engine.CreateExitedContainer(group + "-b", labels: labels);

            // The witness: docker -H ssh://... through the same sshd and key.
            var witness = _sshd.Docker("ps", "-a", "--no-trunc", "--filter", "label=dockerps.ssh=" + group, "--format", "{{.ID}}")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).OrderBy(i => i).ToList();
            var listed = Run("Get-Container -All -Label $l -Host $h", vars: ("l", "dockerps.ssh=" + group)).AssertClean().All<DockerContainer>();
            Assert.Equal(2, witness.Count);
            Assert.Equal(witness, listed.Select(c => c.Id).OrderBy(i => i));
            Assert.All(listed, c => Assert.Equal(_sshd.Address, c.Engine));

            // Everything unfiltered too: the same engine behind both (ids of containers both lists have).
            var allWitness = _sshd.Docker("ps", "-a", "--no-trunc", "--format", "{{.ID}}").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var allListed = Run("(Get-Container -All -Host $h).Id").AssertClean().Output.Select(o => (string)o.BaseObject).ToList();
            Assert.Contains(witness[0], allListed);
            Assert.True(allWitness.Intersect(allListed).Count() >= Math.Min(allWitness.Length, allListed.Count) - 5,
                "docker -H ssh and Get-Container -Host ssh list different engines");

            // Run a container over ssh, follow its logs, exec in it, remove it.
            string name = group + "-run";
            var made = Run("New-Container $img -Command sh,'-c','i=0; while true; do echo line$i; i=$((i+1)); sleep 0.1; done' -Name $n -Network none -Label $t -Host $h; Start-Container $n -Host $h",
                vars: new[] { ("n", (object?)name), ("t", (object?)(EngineFixture.TestLabel + "=" + _engine.RunId)) }).AssertClean();
            Assert.Equal("running", _sshd.Docker("inspect", "--format", "{{.State.Status}}", name).Trim());

            var lines = Run("Get-ContainerLog $n -Follow -Host $h | Select-Object -First 3 | ForEach-Object Text", vars: ("n", name)).AssertClean();
            Assert.Equal(new[] { "line0", "line1", "line2" }, lines.Output.Select(o => (string)o.BaseObject));

            var exec = Run("Invoke-ContainerCommand $n -Command sh,'-c','echo out-$((6*7)); echo err >&2' -Host $h", vars: ("n", name)).AssertClean();
            string execText = string.Join("\n", exec.Output.Select(o => o.ToString()));
            var stdout = exec.Output.Select(o => o.Properties["Stdout"]?.Value?.ToString()).FirstOrDefault();
            Assert.Contains("out-42", stdout ?? execText);

            var attached = Run("Invoke-Container $img -Command echo,attached-over-ssh -Remove -Network none -Label $t -Host $h | ForEach-Object Text",
                vars: ("t", EngineFixture.TestLabel + "=" + _engine.RunId)).AssertClean();
            Assert.Contains("attached-over-ssh", attached.Output.Select(o => (string)o.BaseObject));

            Run("Remove-Container $n -Force -Host $h", vars: ("n", name)).AssertClean();
            Assert.DoesNotContain(name, _sshd.Docker("ps", "-a", "--format", "{{.Names}}").Split('\n'));

            // Every connection was one ssh process, and none outlives its call.
            Assert.Empty(_sshd.SshProcessesLeft(TimeSpan.FromSeconds(10)));
        }

        [SkippableFact]
        public void CtrlCDuringAFollowOverSshEndsTheSshProcess()
        {
            string name = _engine.NewName("sshstop");
            _engine.CreateContainer(name, new List<string> { "sh", "-c", "while true; do echo tick; sleep 0.2; done" }, start: true);
            string? saved = Environment.GetEnvironmentVariable("DOCKERPS_SSH_CONFIG");
            Environment.SetEnvironmentVariable("DOCKERPS_SSH_CONFIG", _sshd.ConfigFile);
            try
            {
                var (_, result, stopped, endedFirst) = _ps.RunAndStopWhen(
                    $"Get-ContainerLog {name} -Follow -Host {_sshd.Address}",
                    () => _sshd.SshProcesses().Count > 0, TimeSpan.FromSeconds(60));
                Assert.False(endedFirst, "the follow ended by itself: " + string.Join("; ", result.Errors));
                Assert.True(stopped);
                Assert.Empty(_sshd.SshProcessesLeft(TimeSpan.FromSeconds(10)));
            }
            finally
            {
                Environment.SetEnvironmentVariable("DOCKERPS_SSH_CONFIG", saved);
            }
        }

        private ErrorRecord Refused(PsResult r, string errorId)
        {
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal(errorId + ",DockerPS.Commands.Engine.GetDockerVersionCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
            Assert.Contains("127.0.0.1", e.Exception.Message);
            Assert.DoesNotContain("Exception", e.Exception.Message);
            Assert.Empty(_sshd.SshProcessesLeft(TimeSpan.FromSeconds(10)));
            return e;
        }

        [SkippableFact]
        public void SshFailuresSayWhyAndNeverPrompt()
        {
            ErrorRecord auth = Refused(Run("Get-DockerVersion -Host $h", _sshd.StrangerConfig), "SshAuthenticationFailed");
            Assert.Contains("Permission denied", auth.Exception.Message);

            ErrorRecord hostKey = Refused(Run("Get-DockerVersion -Host $h", _sshd.UnknownHostConfig), "SshHostKeyUnknown");
            Assert.Contains("Host key verification failed", hostKey.Exception.Message);

            ErrorRecord noDocker = Refused(Run("Get-DockerVersion -Host $h", _sshd.NoDockerConfig), "SshRemoteDockerMissing");
            Assert.Contains("docker: not found", noDocker.Exception.Message);

            ErrorRecord noSsh = Refused(Run("Get-DockerVersion -Host $h", program: "/nonexistent/dockerps-test/ssh"), "SshClientNotFound");
            Assert.Contains("/nonexistent/dockerps-test/ssh", noSsh.Exception.Message);

            int closed = EngineFixture.FreeLoopbackPort();
            ErrorRecord down = Refused(Run($"Get-DockerVersion -Host ssh://{_sshd.User}@127.0.0.1:{closed}"), "EngineUnreachable");
            Assert.Contains("Connection refused", down.Exception.Message);
        }
    }
}
