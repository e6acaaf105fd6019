using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Container
{
    /// <summary>Get-ContainerPort against docker port on the same container (ports bound to 127.0.0.1 only, on a network of the test's own).</summary>
    [Collection(EngineCollection.Name)]
    public sealed class ContainerPortTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public ContainerPortTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static (int Code, string Output) Docker(params string[] arguments)
        {
            var start = new ProcessStartInfo("docker") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            using Process p = Process.Start(start)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output + stderr.Result);
        }

        private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        [SkippableFact]
        public void ListsWhatDockerPortListsAndOnePortAsDockerPortDoes()
        {
            Skip.If(_engine.IsPodman, "Podman: published ports go through netavark, which changes the host's iptables, and are reported differently (README Podman notes)");
            string network = _engine.CreateNetwork(_engine.NewName("portnet"));
            string name = _engine.NewName("port");
            int p1 = EngineFixture.FreeLoopbackPort();
            int p2 = EngineFixture.FreeLoopbackPort();
            try
            {
                var run = Docker("run", "-d", "--pull", "never", "--network", network, "--name", name, "--label", EngineFixture.TestLabel + "=" + _engine.RunId,
                    "-p", "127.0.0.1:" + p1 + ":80", "-p", "127.0.0.1:" + p2 + ":81/udp", "-p", "127.0.0.1::82", _engine.Image, "sleep", "300");
                Assert.True(run.Code == 0, run.Output);

                var witness = Docker("port", name);
                Assert.True(witness.Code == 0, witness.Output);
                PsResult all = _ps.Run("Get-ContainerPort $n", _engine.Vars(("n", name))).AssertClean();
                var ports = all.All<ContainerPort>();
                Assert.Equal(Lines(witness.Output), ports.Select(p => p.ToString()));
                Assert.Equal(3, ports.Count);
                ContainerPort first = ports[0];
                Assert.Equal((name, 80, "tcp", "127.0.0.1", (int?)p1), (first.ContainerName, first.PrivatePort, first.Protocol, first.HostIp, first.HostPort));
                Assert.Equal(_engine.Endpoint, first.Engine);
                Assert.Equal((81, "udp", (int?)p2), (ports[1].PrivatePort, ports[1].Protocol, ports[1].HostPort));

                foreach (string spec in new[] { "80", "80/tcp", "81/udp", "82" })
                {
                    var one = Docker("port", name, spec);
                    Assert.True(one.Code == 0, one.Output);
                    PsResult mine = _ps.Run("Get-ContainerPort $n $s | ForEach-Object HostAddress", _engine.Vars(("n", name), ("s", spec))).AssertClean();
                    Assert.Equal(Lines(one.Output), mine.Output.Select(o => (string)o.BaseObject));
                }

                // By pipeline (objects go back to their engine), and the view prints docker port's arrows.
                PsResult piped = _ps.Run("Get-Container -Name $n | Get-ContainerPort | Out-String -Width 120", _engine.Vars(("n", name))).AssertClean();
                string text = string.Concat(piped.Output.Select(o => o.ToString()));
                Assert.Contains("80/tcp -> 127.0.0.1:" + p1, text, StringComparison.Ordinal);
                Assert.Contains("CONTAINER", text, StringComparison.Ordinal);

                // A port it does not publish: docker port says "No public port '83' published for <name>" and fails.
                var none = Docker("port", name, "83");
                Assert.NotEqual(0, none.Code);
                PsResult missing = _ps.Run("Get-ContainerPort $n 83; 'after'", _engine.Vars(("n", name)));
                ErrorRecord e = Assert.Single(missing.Errors);
                Assert.Equal("ContainerPortNotPublished,DockerPS.Commands.Container.GetContainerPortCommand", e.FullyQualifiedErrorId);
                Assert.Equal(name, e.TargetObject);
                Assert.Contains("No public port '83' published for " + name, e.ToString(), StringComparison.Ordinal);
                Assert.Equal("after", Assert.Single(missing.Output).BaseObject);

                // A stopped container has no bindings, as with docker port.
                Assert.True(Docker("stop", "-t", "0", name).Code == 0);
                Assert.Equal(string.Empty, Docker("port", name).Output.Trim());
                Assert.Empty(_ps.Run("Get-ContainerPort $n", _engine.Vars(("n", name))).AssertClean().Output);
            }
            finally
            {
                Docker("rm", "-f", name);
                Docker("network", "rm", network);
            }
        }

        [Fact]
        public void AMissingContainerIsContainerNotFoundAndTheNextGoesOn()
        {
            string name = _engine.NewName("portnone");
            _engine.CreateContainer(name, start: true);
            try
            {
                PsResult r = _ps.Run("'no-such-" + _engine.RunId + "', $n | Get-ContainerPort; 'after'", _engine.Vars(("n", name)));
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.Equal("ContainerNotFound,DockerPS.Commands.Container.GetContainerPortCommand", e.FullyQualifiedErrorId);
                Assert.Equal("no-such-" + _engine.RunId, e.TargetObject);
                Assert.Equal("after", Assert.Single(r.Output).BaseObject);

                PsResult bad = _ps.Run("Get-ContainerPort $n 80/xyz", _engine.Vars(("n", name)));
                Assert.Equal("InvalidPortSpecification,DockerPS.Commands.Container.GetContainerPortCommand", bad.Terminating?.FullyQualifiedErrorId ?? Assert.Single(bad.Errors).FullyQualifiedErrorId);
            }
            finally
            {
                _ps.Run("Remove-Container $n -Force", _engine.Vars(("n", name)));
            }
        }
    }
}
