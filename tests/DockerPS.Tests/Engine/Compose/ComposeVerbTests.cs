using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Compose
{
    /// <summary>
    /// The per-service verbs of docker compose on the test engine: restart (Restart-ComposeProject), pull
    /// (Install-ComposeImage, from the local registry fixture) and exec (Get-ComposeContainer piped into
    /// Invoke-ContainerCommand). Each test writes its own compose file and takes its project down.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ComposeVerbTests : IClassFixture<RegistryFixture>, IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly RegistryFixture _registry;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-composeverb-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly List<string> _projects = new List<string>();
        private readonly List<string> _images = new List<string>();

        public ComposeVerbTests(EngineFixture engine, RegistryFixture registry)
        {
            _engine = engine;
            _registry = registry;
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

            foreach (string i in _images)
            {
                _ps.Run("Remove-Image $i -Force -ErrorAction SilentlyContinue", _engine.Vars(("i", i)));
            }

            Directory.Delete(_dir, recursive: true);
        }

        private string NewProject()
        {
            string p = _engine.NewName("cv");
            _projects.Add(p);
            return p;
        }

        private void Write(string text) => File.WriteAllText(Path.Combine(_dir, "compose.yaml"), text);

        private PsResult Compose(string script, string project, params (string, object?)[] more) =>
            _ps.Run("Set-Location $dir; " + script, _engine.Vars(new[] { ("dir", (object?)_dir), ("p", project) }.Concat(more).ToArray()));

        private const string TwoServices =
            "services:\n  web:\n    image: ${IMG}\n    pull_policy: never\n    network_mode: none\n    command: sleep 600\n"
            + "  worker:\n    image: ${IMG}\n    pull_policy: never\n    network_mode: none\n    command: sleep 600\n";

        private DateTime StartedAt(string name) => DateTime.Parse(_engine.Inspect(name).State.StartedAt, null, System.Globalization.DateTimeStyles.RoundtripKind);

        [SkippableFact]
        public void RestartComposeProjectRestartsTheNamedServiceInPlaceAndStoppedContainersToo()
        {
            string p = NewProject();
            Write(TwoServices);
            Compose("Start-ComposeProject -ProjectName $p", p).AssertClean();
            string webId = _engine.Inspect(p + "-web-1").ID;
            DateTime web0 = StartedAt(p + "-web-1");
            DateTime worker0 = StartedAt(p + "-worker-1");

            var restarted = Compose("Restart-ComposeProject $p web -Timeout 0 -PassThru", p).AssertClean().All<DockerContainer>();
            DockerContainer web = Assert.Single(restarted);
            Assert.Equal(p + "-web-1", web.Name);
            Assert.Equal("running", web.State);
            // docker's own view: the same container, started again; the other service untouched.
            Assert.Equal(webId, _engine.Inspect(p + "-web-1").ID);
            Assert.True(StartedAt(p + "-web-1") > web0);
            Assert.Equal(worker0, StartedAt(p + "-worker-1"));

            // Like docker compose restart, stopped containers start again; without -PassThru nothing is written.
            Compose("Stop-ComposeProject $p -Timeout 0", p).AssertClean();
            Assert.Empty(Compose("Restart-ComposeProject $p -Timeout 0", p).AssertClean().Output);
            Assert.True(_engine.Inspect(p + "-web-1").State.Running);
            Assert.True(_engine.Inspect(p + "-worker-1").State.Running);

            // -WhatIf restarts nothing; the files in the folder name the project when no name is given.
            DateTime web1 = StartedAt(p + "-web-1");
            Compose("Restart-ComposeProject -WhatIf", p).AssertClean();
            Assert.Equal(web1, StartedAt(p + "-web-1"));
        }

        [SkippableFact]
        public void InstallComposeImagePullsEachServiceImageOnceAndLeavesPullPolicyNeverAlone()
        {
            string image = _registry.Open + "/dockerps-test/cpull-" + _engine.RunId + ":t1";
            _images.Add(image);
            _ps.Run("Add-ImageTag $img $n; Publish-Image $n | Out-Null; Remove-Image $n | Out-Null", _engine.Vars(("n", image))).AssertClean();
            Assert.Empty(_engine.Client.Images.ListImagesAsync(new ImagesListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [image] = true } } }).GetAwaiter().GetResult());

            string p = NewProject();
            // Two services share the registry image; a third names an image nobody has, with pull_policy: never.
            Write($"services:\n  a:\n    image: {image}\n  b:\n    image: {image}\n  c:\n    image: 127.0.0.1:1/dockerps-test/never-pulled:x\n    pull_policy: never\n");
            PsResult pull = Compose("Install-ComposeImage", p).AssertClean();
            DockerImage pulled = pull.Single<DockerImage>();
            Assert.Equal(image, pulled.Reference);
            Assert.Contains(pull.Progress, r => r.Activity == "Pulling " + image);
            // docker's own view: the image is local now, with the id the registry holds.
            Assert.Equal(pulled.Id, _engine.Client.Images.InspectImageAsync(image).GetAwaiter().GetResult().ID);

            ErrorRecord e = Assert.Single(Compose("Install-ComposeImage nope", p).Errors);
            Assert.Equal("ComposeServiceNotFound,DockerPS.Commands.Compose.InstallComposeImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal("nope", e.TargetObject);

            // -WhatIf pulls nothing; a service's image alone with -Service.
            Assert.Empty(Compose("Install-ComposeImage c", p).AssertClean().Output);
            Assert.Empty(Compose("Install-ComposeImage a -WhatIf", p).AssertClean().Output);
        }

        [SkippableFact]
        public void InstallComposeImageWritesOneErrorPerFailedImageAndGoesOn()
        {
            string absent = _registry.Open + "/dockerps-test/absent-" + _engine.RunId + ":t1";
            string present = _registry.Open + "/dockerps-test/present-" + _engine.RunId + ":t1";
            _images.Add(present);
            _ps.Run("Add-ImageTag $img $n; Publish-Image $n | Out-Null; Remove-Image $n | Out-Null", _engine.Vars(("n", present))).AssertClean();
            string p = NewProject();
            Write($"services:\n  a:\n    image: {absent}\n  b:\n    image: {present}\n");
            PsResult r = Compose("Install-ComposeImage", p);
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal(absent, e.TargetObject);
            Assert.EndsWith(",DockerPS.Commands.Compose.InstallComposeImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(present, r.Single<DockerImage>().Reference);
        }

        [SkippableFact]
        public void ExecIsGetComposeContainerPipedIntoInvokeContainerCommand()
        {
            string p = NewProject();
            Write(TwoServices);
            Compose("Start-ComposeProject -ProjectName $p", p).AssertClean();
            var result = Compose("Get-ComposeContainer $p worker | Invoke-ContainerCommand -Command sh, -c, 'echo in $HOSTNAME; exit 4'", p).AssertClean().Single<ContainerCommandResult>();
            Assert.Equal(p + "-worker-1", result.ContainerName);
            Assert.Equal(4, result.ExitCode);
            if (!_engine.IsPodman)
            {
                // Podman 4.3 here sometimes hands back no output of an exec that ends at once (seen in 1 of 2 runs;
                // dockerd always has it): the exit code and the container are what this test checks there.
                Assert.StartsWith("in ", result.Stdout.Trim(), StringComparison.Ordinal);
            }

            Assert.Equal(4, _ps.Run("$LASTEXITCODE").Output.Single().BaseObject);
        }

        [SkippableFact]
        public void StartComposeProjectFollowWritesEveryLineWithItsServiceUntilTheContainersStop()
        {
            string p = NewProject();
            Write("services:\n  one:\n    image: ${IMG}\n    network_mode: none\n    command: [sh, -c, 'echo a1; sleep 1; echo a2']\n"
                + "  two:\n    image: ${IMG}\n    network_mode: none\n    command: [sh, -c, 'echo b1 >&2']\n");
            var lines = Compose("Start-ComposeProject -ProjectName $p -Follow", p).AssertClean().All<ContainerLogLine>();
            Assert.Equal(new[] { "one:a1", "one:a2", "two:b1" }, lines.Select(l => l.Service + ":" + l.Text).OrderBy(t => t));
            Assert.Equal(ContainerOutputStream.Stderr, lines.Single(l => l.Text == "b1").Stream);
            Assert.False(_engine.Inspect(p + "-one-1").State.Running);
        }

        [SkippableFact]
        public void StartComposeProjectFollowStopsTheProjectWhenThePipelineHasEnough()
        {
            string p = NewProject();
            // SIGKILL as the stop signal: sh as PID 1 ignores SIGTERM, and the stop would wait out its grace period.
            Write("services:\n  svc:\n    image: ${IMG}\n    network_mode: none\n    stop_signal: SIGKILL\n    command: [sh, -c, 'echo ready; exec sleep 600']\n    deploy:\n      replicas: 2\n");
            var lines = Compose("Start-ComposeProject -ProjectName $p -Follow | Select-Object -First 2", p).AssertClean().All<ContainerLogLine>();
            Assert.Equal(new[] { "svc:ready", "svc:ready" }, lines.Select(l => l.Service + ":" + l.Text));
            // docker's own view: both containers were stopped, as docker compose up stops them on Ctrl+C; they stay.
            Assert.False(_engine.Inspect(p + "-svc-1").State.Running);
            Assert.False(_engine.Inspect(p + "-svc-2").State.Running);
        }
    }
}
