using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Inspect
{
    [Collection(EngineCollection.Name)]
    public sealed class ContainerLogTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public ContainerLogTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        private string Exited(string script, bool tty = false)
        {
            string name = _engine.NewName("log");
            string id = _engine.CreateContainer(name, new List<string> { "sh", "-c", script }, start: true, configure: p => p.Tty = tty);
            _engine.Client.Containers.WaitContainerAsync(id).GetAwaiter().GetResult();
            return name;
        }

        [Fact]
        public void OneObjectPerLineWithStreamTimeAndText()
        {
            DateTime before = DateTime.Now.AddSeconds(-2);
            string name = Exited("echo 'out one'; echo 'grüße 😀' ; echo 'err one' >&2; printf 'no newline'");

            List<ContainerLogLine> lines = _ps.Run("Get-ContainerLog $n", Vars(("n", name))).AssertClean().All<ContainerLogLine>();

            Assert.Equal(new[] { "err one", "grüße 😀", "no newline", "out one" }, lines.Select(l => l.Text).OrderBy(t => t, StringComparer.Ordinal));
            Assert.Equal(ContainerOutputStream.Stderr, lines.Single(l => l.Text == "err one").Stream);
            Assert.Equal(ContainerOutputStream.Stdout, lines.Single(l => l.Text == "out one").Stream);
            Assert.All(lines, l =>
            {
                Assert.Equal(name, l.ContainerName);
                Assert.Equal(_engine.Endpoint, l.Engine);
                Assert.Equal(64, l.ContainerId.Length);
                Assert.NotNull(l.Time);
                Assert.Equal(DateTimeKind.Local, l.Time!.Value.Kind);
                Assert.InRange(l.Time.Value, before, DateTime.Now.AddSeconds(2));
            });
        }

        [Fact]
        public void ATtyContainerLogIsOneStreamOfLines()
        {
            string name = Exited("echo first; echo second >&2", tty: true);
            List<ContainerLogLine> lines = _ps.Run("Get-ContainerLog $n", Vars(("n", name))).AssertClean().All<ContainerLogLine>();
            Assert.Equal(new[] { "first", "second" }, lines.Select(l => l.Text));
            Assert.All(lines, l => Assert.Equal(ContainerOutputStream.Stdout, l.Stream));
        }

        [SkippableFact]
        public void AHundredThousandLinesStreamAsObjects()
        {
            Skip.If(_engine.IsPodman, "Podman: the k8s-file log driver splits or drops lines of a fast writer");
            string name = Exited("seq 1 100000");
            PsResult r = _ps.Run(@"
                $count = 0; $last = $null; $bad = 0
                Get-ContainerLog $n | ForEach-Object { $count++; if ($_.Text -ne [string]$count) { $bad++ }; $last = $_ }
                $count; $bad; $last.Text", Vars(("n", name))).AssertClean();
            Assert.Equal(100000, (int)r.Output[0].BaseObject);
            Assert.Equal(0, (int)r.Output[1].BaseObject);
            Assert.Equal("100000", r.Output[2].BaseObject);
        }

        [SkippableFact]
        public void TailRawAndTimestamps()
        {
            Skip.If(_engine.IsPodman, "Podman: log timestamps have whole seconds only, without dockerd's fraction");
            string name = Exited("seq 1 10");
            PsResult raw = _ps.Run("Get-ContainerLog $n -Tail 3 -Raw", Vars(("n", name))).AssertClean();
            Assert.Equal(new[] { "8", "9", "10" }, raw.Output.Select(o => (string)o.BaseObject));
            PsResult stamped = _ps.Run("Get-ContainerLog $n -Tail 1 -Raw -Timestamps", Vars(("n", name))).AssertClean();
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z 10$", (string)Assert.Single(stamped.Output).BaseObject);
        }

        [Fact]
        public void SinceAndUntilTakeDurationsAndDates()
        {
            string name = Exited("echo old");
            Assert.Single(_ps.Run("Get-ContainerLog $n -Since 10m", Vars(("n", name))).AssertClean().Output);
            Assert.Empty(_ps.Run("Get-ContainerLog $n -Until ([DateTime]::Now.AddHours(-1))", Vars(("n", name))).AssertClean().Output);
            Assert.Empty(_ps.Run("Get-ContainerLog $n -Since ([DateTime]::Now.AddMinutes(1))", Vars(("n", name))).AssertClean().Output);
            PsResult bad = _ps.Run("Get-ContainerLog $n -Since 'soonish'", Vars(("n", name)));
            var e = Assert.Single(bad.Errors);
            // A bad time is a parameter-binding error that names the parameter and the value (docker's rules, issue 15).
            Assert.Equal("ParameterArgumentTransformationError,DockerPS.Commands.Container.GetContainerLogCommand", e.FullyQualifiedErrorId);
            Assert.Contains("'Since'", e.Exception.Message);
            Assert.Contains("soonish", e.Exception.Message);
        }

        [Fact]
        public void StreamSelectsStdoutOrStderr()
        {
            string name = Exited("echo out; echo err >&2");
            PsResult r = _ps.Run("Get-ContainerLog $n -Stream Stderr | ForEach-Object Text", Vars(("n", name))).AssertClean();
            Assert.Equal("err", Assert.Single(r.Output).BaseObject);
        }

        [Fact]
        public void FollowStreamsNewLinesAndCtrlCStopsQuietly()
        {
            string name = _engine.NewName("follow");
            _engine.CreateContainer(name, new List<string> { "sh", "-c", "i=0; while true; do i=$((i+1)); echo line $i; sleep 0.1; done" }, start: true);

            var (took, result, stopped) = _ps.RunAndStop($"Get-ContainerLog '{name}' -Follow", TimeSpan.FromSeconds(2));

            Assert.True(stopped);
            Assert.True(took < TimeSpan.FromSeconds(1), "stop took " + took);
            Assert.Empty(result.Errors);
            Assert.True(result.Output.Count >= 5, "only " + result.Output.Count + " lines while following");
            Assert.Single(_ps.Run("'still here'").AssertClean().Output);
        }

        [Fact]
        public void AMissingContainerIsOneErrorAndTheRestGoesOn()
        {
            string name = Exited("echo here");
            string missing = _engine.NewName("missing");
            PsResult r = _ps.Run("Get-ContainerLog -Name $m, $n | ForEach-Object Text", Vars(("m", missing), ("n", name)));
            Assert.Null(r.Terminating);
            var e = Assert.Single(r.Errors);
            Assert.Equal("ContainerNotFound,DockerPS.Commands.Container.GetContainerLogCommand", e.FullyQualifiedErrorId);
            Assert.Equal(missing, e.TargetObject);
            Assert.Equal("here", Assert.Single(r.Output).BaseObject);
        }

        [Fact]
        public void PipedContainersAndWildcardsWork()
        {
            string group = _engine.NewName("logwild");
            foreach (string suffix in new[] { "-a", "-b" })
            {
                string id = _engine.CreateContainer(group + suffix, new List<string> { "echo", suffix }, start: true);
                _engine.Client.Containers.WaitContainerAsync(id).GetAwaiter().GetResult();
            }

            PsResult wild = _ps.Run("Get-ContainerLog \"$g-*\" | ForEach-Object Text", Vars(("g", group))).AssertClean();
            Assert.Equal(new[] { "-a", "-b" }, wild.Output.Select(o => (string)o.BaseObject).OrderBy(s => s));
            PsResult piped = _ps.Run("Get-Container \"$g-a\" | Get-ContainerLog | ForEach-Object ContainerName", Vars(("g", group))).AssertClean();
            Assert.Equal(group + "-a", Assert.Single(piped.Output).BaseObject);
        }
    }
}
