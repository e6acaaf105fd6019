using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Inspect
{
    [Collection(EngineCollection.Name)]
    public sealed class ContainerCommandTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public ContainerCommandTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        private string Running()
        {
            string name = _engine.NewName("exec");
            _engine.CreateContainer(name, start: true);
            return name;
        }

        [Fact]
        public void ReturnsStdoutStderrAndTheExitCode()
        {
            string name = Running();
            var r = _ps.Run("Invoke-ContainerCommand $n sh, -c, 'echo out; echo err >&2; exit 7'", Vars(("n", name))).AssertClean().Single<ContainerCommandResult>();
            Assert.Equal(7, r.ExitCode);
            Assert.False(r.Succeeded);
            Assert.Equal("out\n", r.Stdout);
            Assert.Equal("err\n", r.Stderr);
            Assert.Equal(new[] { "out" }, r.StdoutLines);
            Assert.Equal(name, r.ContainerName);
            Assert.Equal(_engine.Endpoint, r.Engine);
            Assert.Equal(7, _ps.Run("$LASTEXITCODE").AssertClean().Output[0].BaseObject);

            var ok = _ps.Run("Invoke-ContainerCommand $n true", Vars(("n", name))).AssertClean().Single<ContainerCommandResult>();
            Assert.Equal(0, ok.ExitCode);
            Assert.True(ok.Succeeded);
        }

        [Fact]
        public void ErrorOnExitCodeWritesContainerCommandFailed()
        {
            string name = Running();
            PsResult r = _ps.Run("Invoke-ContainerCommand $n sh, -c, 'echo boom >&2; exit 3' -ErrorOnExitCode; 'after'", Vars(("n", name)));
            Assert.Null(r.Terminating);
            var e = Assert.Single(r.Errors);
            Assert.Equal("ContainerCommandFailed,DockerPS.Commands.Container.InvokeContainerCommandCommand", e.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidResult, e.CategoryInfo.Category);
            Assert.Contains("code 3", e.ToString());
            Assert.Contains("boom", e.ToString());
            Assert.Equal(name, e.TargetObject);
            Assert.Equal(3, Assert.IsType<ContainerCommandResult>(r.Output[0].BaseObject).ExitCode);
            Assert.Equal("after", r.Output[1].BaseObject);
        }

        [Fact]
        public void PipedInputGoesToStdinAndStdinIsClosed()
        {
            string name = Running();
            var r = _ps.Run("'one', 'zwei ü', 'three' | Invoke-ContainerCommand $n wc, -l", Vars(("n", name))).AssertClean().Single<ContainerCommandResult>();
            Assert.Equal("3", r.Stdout.Trim());
            Assert.Equal(0, r.ExitCode);

            var cat = _ps.Run("Invoke-ContainerCommand $n cat -Input 'hello', 'world'", Vars(("n", name))).AssertClean().Single<ContainerCommandResult>();
            Assert.Equal("hello\nworld\n", cat.Stdout);

            // Large input while the process writes output: no deadlock between stdin and stdout.
            var big = _ps.Run("1..20000 | ForEach-Object { \"line $_\" } | Invoke-ContainerCommand $n cat", Vars(("n", name))).AssertClean().Single<ContainerCommandResult>();
            Assert.Equal(20000, big.StdoutLines.Length);
            Assert.Equal("line 20000", big.StdoutLines[^1]);
        }

        [Fact]
        public void AsTextWritesStdoutLinesAndStderrToInformation()
        {
            string name = Running();
            PsResult r = _ps.Run("Invoke-ContainerCommand $n sh, -c, 'echo a; echo b; echo warn >&2' -AsText 6>$null", Vars(("n", name))).AssertClean();
            Assert.Equal(new[] { "a", "b" }, r.Output.Select(o => (string)o.BaseObject));
            PsResult info = _ps.Run("Invoke-ContainerCommand $n sh, -c, 'echo warn >&2' -AsText 6>&1 | ForEach-Object { $_.MessageData }", Vars(("n", name))).AssertClean();
            Assert.Equal("warn", Assert.Single(info.Output).ToString());
        }

        [Fact]
        public void UserWorkingDirectoryAndEnvironment()
        {
            string name = Running();
            var r = _ps.Run("Invoke-ContainerCommand $n sh, -c, 'id -u; pwd; echo $GREETING' -User nobody -WorkingDirectory /tmp -Environment @{ GREETING = 'hi there' }",
                Vars(("n", name))).AssertClean().Single<ContainerCommandResult>();
            Assert.Equal(new[] { "65534", "/tmp", "hi there" }, r.StdoutLines);
        }

        [Fact]
        public void DetachStartsTheCommandAndReturns()
        {
            string name = Running();
            var r = _ps.Run("Invoke-ContainerCommand $n sh, -c, 'sleep 1; touch /tmp/detached' -Detach", Vars(("n", name))).AssertClean().Single<ContainerCommandResult>();
            Assert.Null(r.ExitCode);
            Assert.NotEmpty(r.ExecId);
            System.Threading.Thread.Sleep(2500);
            var check = _ps.Run("Invoke-ContainerCommand $n test, -f, /tmp/detached", Vars(("n", name))).AssertClean().Single<ContainerCommandResult>();
            Assert.Equal(0, check.ExitCode);
        }

        [SkippableFact]
        public void AStoppedContainerIsContainerNotRunning()
        {
            string name = _engine.NewName("stopped");
            _engine.CreateExitedContainer(name);
            PsResult r = _ps.Run("Invoke-ContainerCommand $n true", Vars(("n", name)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("ContainerNotRunning,DockerPS.Commands.Container.InvokeContainerCommandCommand", e.FullyQualifiedErrorId);
            Assert.Equal(name, e.TargetObject);
        }

        [Fact]
        public void WhatIfRunsNothing()
        {
            string name = Running();
            PsResult r = _ps.Run("Invoke-ContainerCommand $n touch, /tmp/whatif -WhatIf; (Invoke-ContainerCommand $n test, -e, /tmp/whatif).ExitCode", Vars(("n", name))).AssertClean();
            Assert.Equal(1, Assert.Single(r.Output).BaseObject);
        }
    }
}
