using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DockerPS.Streams;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Inspect
{
    /// <summary>
    /// -Since/-Until take what docker --since/--until take and mean the same (issue 15): the docker CLI on the same
    /// engine, with the same text, is the witness. A value docker refuses is a parameter-binding error here.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class PointInTimeParityTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public PointInTimeParityTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        private (int Code, string Stdout, string Stderr) Docker(params string[] arguments)
        {
            var start = new ProcessStartInfo("docker") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(_engine.Endpoint);
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            using Process p = Process.Start(start)!;
            string stdout = p.StandardOutput.ReadToEnd();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout, stderr);
        }

        private static List<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

        /// <summary>A finished container with three lines a second apart, and the engine's time of each line.</summary>
        private (string Name, List<DateTime> Times) ThreeLines()
        {
            string name = _engine.NewName("since");
            string id = _engine.CreateContainer(name, new List<string> { "sh", "-c", "echo one; sleep 1; echo two; sleep 1; echo three" }, start: true);
            _engine.Client.Containers.WaitContainerAsync(id).GetAwaiter().GetResult();
            var (code, stdout, stderr) = Docker("logs", "-t", name);
            Assert.True(code == 0, stderr);
            var times = new List<DateTime>();
            foreach (string line in Lines(stdout))
            {
                Assert.True(TimeArgument.TrySplitTimestamp(line, out DateTime utc, out _), line);
                times.Add(utc);
            }

            Assert.Equal(3, times.Count);
            return (name, times);
        }

        private static string Unix(DateTime utc) => TimeArgument.ToUnixSeconds(utc);

        [Fact]
        public void SinceAndUntilGiveTheLinesDockerLogsGives()
        {
            var (name, times) = ThreeLines();
            DateTime cut = times[1].AddMilliseconds(-300); // between "one" and "two"
            var forms = new List<string>
            {
                Unix(cut),                                                        // unix seconds with nanoseconds
                Unix(cut).Substring(0, Unix(cut).IndexOf('.') + 4),               // ... with milliseconds
                Unix(cut).Substring(0, Unix(cut).IndexOf('.')),                   // whole unix seconds
                cut.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                cut.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+02:00'", CultureInfo.InvariantCulture),
                cut.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture), // local, no zone
                "1700000000", "1700000000.123456789", "10", "0", "10m", "1h30m", "1.5h", "2024-01-02", "2099-01-01T00:00:00Z",
            };

            foreach (string form in forms)
            {
                foreach (string flag in new[] { "since", "until" })
                {
                    var (code, stdout, stderr) = Docker("logs", "--" + flag, form, name);
                    Assert.True(code == 0, $"docker logs --{flag} {form}: {stderr}");
                    PsResult r = _ps.Run($"Get-ContainerLog $n -{flag} $t -Raw", Vars(("n", name), ("t", form))).AssertClean();
                    Assert.True(Lines(stdout).SequenceEqual(r.Output.Select(o => (string)o.BaseObject)),
                        $"--{flag} {form}: docker gave [{string.Join(",", Lines(stdout))}], Get-ContainerLog [{string.Join(",", r.Output)}]");
                }
            }

            // Typed as PowerShell users type them: a bare number is unix seconds, as docker reads it.
            Assert.Equal(new[] { "one", "two", "three" }, _ps.Run("Get-ContainerLog $n -Since 1700000000 -Raw", Vars(("n", name))).AssertClean().Output.Select(o => (string)o.BaseObject));
            Assert.Equal(new[] { "one", "two", "three" }, _ps.Run("Get-ContainerLog $n -Since 10 -Raw", Vars(("n", name))).AssertClean().Output.Select(o => (string)o.BaseObject));
            Assert.Empty(_ps.Run("Get-ContainerLog $n -Until 10 -Raw", Vars(("n", name))).AssertClean().Output);
            Assert.Equal(new[] { "one", "two", "three" }, _ps.Run("Get-ContainerLog $n -Since 30m -Raw", Vars(("n", name))).AssertClean().Output.Select(o => (string)o.BaseObject));
            // A [DateTime] is that instant: the lines docker logs gives for it (dockerd: two, three; Podman 4.3 keeps
            // whole seconds in its log times, so there it can be all three).
            string[] atCut = Lines(Docker("logs", "--since", Unix(cut), name).Stdout).ToArray();
            Assert.Equal(_engine.IsPodman ? atCut : new[] { "two", "three" }, atCut);
            Assert.Equal(atCut, _ps.Run("Get-ContainerLog $n -Since $t -Raw", Vars(("n", name), ("t", cut.ToLocalTime()))).AssertClean().Output.Select(o => (string)o.BaseObject));
        }

        [Theory]
        [InlineData("2d", "Get-ContainerLog $n -Since 2d")]          // PowerShell reads 2d as the decimal 2
        [InlineData("2d", "Get-ContainerLog $n -Since '2d'")]
        [InlineData("1w", "Get-ContainerLog $n -Until '1w'")]
        [InlineData("5/1/2024", "Get-ContainerLog $n -Since '5/1/2024'")]
        [InlineData("00:10:00", "Get-ContainerLog $n -Since '00:10:00'")]
        public void WhatDockerRefusesFailsAtBinding(string dockerText, string script)
        {
            var (name, _) = ThreeLines();
            var (code, _, stderr) = Docker("logs", "--since", dockerText, name);
            Assert.True(code != 0, $"docker logs --since {dockerText} was expected to fail");
            Assert.NotEmpty(stderr);

            PsResult r = _ps.Run(script, Vars(("n", name)));
            Assert.Empty(r.Output);
            ErrorRecord e = r.Terminating ?? Assert.Single(r.Errors);
            Assert.Equal("ParameterArgumentTransformationError,DockerPS.Commands.Container.GetContainerLogCommand", e.FullyQualifiedErrorId);
            string parameter = script.Contains("-Until", StringComparison.Ordinal) ? "Until" : "Since";
            Assert.Contains($"'{parameter}'", e.Exception.Message);
            Assert.Contains(dockerText.TrimEnd('d'), e.Exception.Message);
        }

        [SkippableFact]
        public void EventsBetweenTwoTimesAreTheOnesDockerEventsGives()
        {
            Skip.If(_engine.IsPodman, "Podman 4.3 ends an events read when until comes round on the wall clock, not at the events' times: the witness, docker events --since --until on the same service, listed only [cleanup] where the window held create, init, start, die (observed); Get-DockerEvent works around it (README Podman), the witness cannot");
            var (name, times) = ThreeLines();
            DateTime since = times[0].AddSeconds(-5);
            DateTime until = times[2].AddSeconds(2);
            string s = Unix(since);
            string u = Unix(until);
            var (code, stdout, stderr) = Docker("events", "--since", s, "--until", u, "--filter", "container=" + name, "--format", "{{.Action}}");
            Assert.True(code == 0, stderr);
            List<string> expected = Lines(stdout);
            Assert.Contains("start", expected);

            PsResult r = _ps.Run("Get-DockerEvent -Since $s -Until $u -Container $n", Vars(("s", s), ("u", u), ("n", name))).AssertClean();
            Assert.Equal(expected, r.Output.Select(o => (string)o.Properties["Action"].Value).ToList());
        }

        [Fact]
        public void EventsRefuseWhatDockerEventsRefuses()
        {
            var (code, _, _) = Docker("events", "--since", "2d", "--until", "1s");
            Assert.True(code != 0, "docker events --since 2d was expected to fail");
            PsResult bad = _ps.Run("Get-DockerEvent -Since 2d");
            ErrorRecord e = bad.Terminating ?? Assert.Single(bad.Errors);
            Assert.Equal("ParameterArgumentTransformationError,DockerPS.Commands.Engine.GetDockerEventCommand", e.FullyQualifiedErrorId);
        }
    }
}
