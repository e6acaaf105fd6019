using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Compose
{
    /// <summary>
    /// docker compose pause / unpause as Suspend-ComposeProject / Resume-ComposeProject: the engine's own view of each
    /// container (State.Paused) is the witness. Each test writes its own compose file and takes its project down.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ComposePauseTests : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-composepause-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly List<string> _projects = new List<string>();

        public ComposePauseTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
            Directory.CreateDirectory(_dir);
            File.WriteAllText(Path.Combine(_dir, ".env"), "IMG=" + engine.Image + "\n");
        }

        public void Dispose()
        {
            foreach (string p in _projects)
            {
                _ps.Run("Remove-ComposeProject $p -Volumes -Confirm:$false -ErrorAction SilentlyContinue", _engine.Vars(("p", p)));
            }

            Directory.Delete(_dir, recursive: true);
        }

        private PsResult Compose(string script, string project) =>
            _ps.Run("Set-Location $dir; " + script, _engine.Vars(("dir", _dir), ("p", project)));

        private bool Paused(string name) => _engine.Inspect(name).State.Paused;

        [SkippableFact]
        public void SuspendAndResumeComposeProjectPauseAndUnpauseTheNamedServicesOrAll()
        {
            string p = _engine.NewName("cpause");
            _projects.Add(p);
            File.WriteAllText(Path.Combine(_dir, "compose.yaml"),
                "services:\n  web:\n    image: ${IMG}\n    pull_policy: never\n    network_mode: none\n    stop_signal: SIGKILL\n    command: sleep 600\n"
                + "  worker:\n    image: ${IMG}\n    pull_policy: never\n    network_mode: none\n    stop_signal: SIGKILL\n    command: sleep 600\n");
            Compose("Start-ComposeProject -ProjectName $p", p).AssertClean();

            // -WhatIf pauses nothing.
            Compose("Suspend-ComposeProject $p -WhatIf", p).AssertClean();
            Assert.False(Paused(p + "-web-1"));

            DockerContainer web = Compose("Suspend-ComposeProject $p web -PassThru", p).AssertClean().Single<DockerContainer>();
            Assert.Equal(p + "-web-1", web.Name);
            Assert.Equal("paused", web.State);
            Assert.True(Paused(p + "-web-1"));
            Assert.False(Paused(p + "-worker-1"));

            // The whole project: the paused container is left as it is, the running one is paused; no -PassThru, no output.
            Assert.Empty(Compose("Suspend-ComposeProject $p", p).AssertClean().Output);
            Assert.True(Paused(p + "-web-1"));
            Assert.True(Paused(p + "-worker-1"));

            DockerContainer worker = Compose("Resume-ComposeProject $p worker -PassThru", p).AssertClean().Single<DockerContainer>();
            Assert.Equal("running", worker.State);
            Assert.False(Paused(p + "-worker-1"));
            Assert.True(Paused(p + "-web-1"));

            // Piped from Get-ComposeProject by property name; the files in the folder are not needed for that.
            Compose("Get-ComposeProject | Where-Object Project -eq $p | Resume-ComposeProject", p).AssertClean();
            Assert.False(Paused(p + "-web-1"));
            Assert.True(_engine.Inspect(p + "-web-1").State.Running);

            // A project with no paused containers: nothing to do, no error.
            Assert.Empty(Compose("Resume-ComposeProject $p -PassThru", p).AssertClean().Output);
        }
    }
}
