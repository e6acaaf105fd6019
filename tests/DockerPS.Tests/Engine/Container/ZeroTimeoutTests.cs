using System;
using System.Diagnostics;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Container
{
    /// <summary>
    /// -Timeout 0 means "kill at once", as docker stop -t 0 does. Docker.DotNet drops a zero from the query string, so
    /// the engine used to wait its default 10 s per container (the benchmark found Stop-Container at 110x the CLI).
    /// The containers run sleep as PID 1, which ignores SIGTERM: only SIGKILL ends them.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ZeroTimeoutTests
    {
        private readonly EngineFixture _engine;

        public ZeroTimeoutTests(EngineFixture engine) => _engine = engine;

        [Fact]
        public void StopWithTimeoutZeroKillsAtOnce()
        {
            string name = _engine.NewName("t0");
            _engine.CreateContainer(name, start: true);
            var watch = Stopwatch.StartNew();
            var c = _engine.Session.Run("Stop-Container $n -Timeout 0 -PassThru", _engine.Vars(("n", name))).AssertClean().Single<DockerContainer>();
            watch.Stop();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "took " + watch.Elapsed);
            Assert.False(_engine.Inspect(name).State.Running);
            Assert.Equal(137, _engine.Inspect(name).State.ExitCode);
            Assert.Equal(name, c.Name);
        }

        [Fact]
        public void StopWithTimeoutZeroOnAStoppedContainerIsQuiet()
        {
            string name = _engine.NewName("t0s");
            _engine.CreateExitedContainer(name);
            _engine.Session.Run("Stop-Container $n -Timeout 0", _engine.Vars(("n", name))).AssertClean();
        }

        [Fact]
        public void RestartWithTimeoutZeroKillsAndStartsAtOnce()
        {
            string name = _engine.NewName("r0");
            _engine.CreateContainer(name, start: true);
            DateTime startedBefore = DateTime.Parse(_engine.Inspect(name).State.StartedAt, null, System.Globalization.DateTimeStyles.RoundtripKind);
            var watch = Stopwatch.StartNew();
            _engine.Session.Run("Restart-Container $n -Timeout 0", _engine.Vars(("n", name))).AssertClean();
            watch.Stop();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "took " + watch.Elapsed);
            var state = _engine.Inspect(name).State;
            Assert.True(state.Running);
            Assert.True(DateTime.Parse(state.StartedAt, null, System.Globalization.DateTimeStyles.RoundtripKind) > startedBefore);
        }
    }
}
