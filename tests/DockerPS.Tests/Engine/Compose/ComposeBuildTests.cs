using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Compose
{
    /// <summary>
    /// Services with build: on the test engine: Start-ComposeProject builds a missing image once (named as Compose v2
    /// names it), -Build rebuilds and recreates only the rebuilt service, and Build-ComposeImage builds the named
    /// services with the options of the long form. Dockerfiles build FROM the suite's local busybox image and have no
    /// RUN step (BuildKit under dockerd --bridge=none needs none) and no '# syntax=' line.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ComposeBuildTests : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-composebuild-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly List<string> _projects = new List<string>();
        private readonly List<string> _images = new List<string>();

        public ComposeBuildTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
            Directory.CreateDirectory(Path.Combine(_dir, "app"));
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
            string p = _engine.NewName("cb");
            _projects.Add(p);
            return p;
        }

        /// <summary>A name with a slash as Podman must be given it to keep it local (localhost/; a short one would be docker.io's).</summary>
        private string Local(string name) => _engine.IsPodman ? "localhost/" + name : name;

        private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

        private PsResult Compose(string script, string project, params (string, object?)[] more) =>
            _ps.Run("Set-Location $dir; " + script, _engine.Vars(new[] { ("dir", (object?)_dir), ("p", project) }.Concat(more).ToArray()));

        private ImageInspectResponse? Image(string name)
        {
            try
            {
                return _engine.Client.Images.InspectImageAsync(name).GetAwaiter().GetResult();
            }
            catch (Docker.DotNet.DockerImageNotFoundException)
            {
                return null;
            }
        }

        private string FileIn(string container, string path) =>
            _ps.Run("(Invoke-ContainerCommand $c -Command cat, $f).Stdout", _engine.Vars(("c", container), ("f", path))).AssertClean().Output.Single().ToString().Trim();

        [SkippableFact]
        public void UpBuildsAMissingImageOnceAndBuildRebuildsAndRecreatesOnlyThatService()
        {
            string p = NewProject();
            string image = p + "-app";
            _images.Add(image);
            File.WriteAllText(Path.Combine(_dir, "app", "Dockerfile"), "ARG BASE\nFROM $BASE\nCOPY greeting.txt /greeting.txt\n");
            File.WriteAllText(Path.Combine(_dir, "app", "greeting.txt"), "one\n");
            // Short form for one service, the long form's args and labels for the other; an image-only service beside them.
            Write("compose.yaml",
                "services:\n"
                + "  app:\n    build:\n      context: ./app\n      args:\n        BASE: ${IMG}\n      labels:\n        dockerps.test: cb\n"
                + "    command: sleep 600\n    network_mode: none\n"
                + "  plain:\n    image: ${IMG}\n    pull_policy: never\n    command: sleep 600\n    network_mode: none\n");

            PsResult up = Compose("Start-ComposeProject -ProjectName $p", p).AssertClean();
            Assert.Equal(new[] { p + "-app-1", p + "-plain-1" }, up.All<DockerContainer>().Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Contains(up.Progress, r => r.Activity == "Building " + image + " (service app)");
            // docker's view: the image has Compose v2's default name <project>-<service>, the label, and the container runs it.
            ImageInspectResponse built = Image(image) ?? throw new InvalidOperationException("the image " + image + " was not built");
            Assert.Equal("cb", built.Config.Labels["dockerps.test"]);
            ContainerInspectResponse app = _engine.Inspect(p + "-app-1");
            Assert.Equal(built.ID, app.Image);
            Assert.Equal("one", FileIn(p + "-app-1", "/greeting.txt"));
            string plainId = _engine.Inspect(p + "-plain-1").ID;

            // Up again, even with a changed context: the image exists, so nothing is built and nothing recreated.
            File.WriteAllText(Path.Combine(_dir, "app", "greeting.txt"), "two\n");
            PsResult again = Compose("Start-ComposeProject -ProjectName $p", p).AssertClean();
            Assert.DoesNotContain(again.Progress, r => r.Activity.StartsWith("Building", StringComparison.Ordinal));
            Assert.Equal(built.ID, Image(image)!.ID);
            Assert.Equal(app.ID, _engine.Inspect(p + "-app-1").ID);

            // -Build rebuilds: a new image, so app's container is recreated from it; plain keeps its container.
            PsResult rebuilt = Compose("Start-ComposeProject -ProjectName $p -Build", p).AssertClean();
            Assert.Contains(rebuilt.Progress, r => r.Activity == "Building " + image + " (service app)");
            ImageInspectResponse second = Image(image)!;
            Assert.NotEqual(built.ID, second.ID);
            ContainerInspectResponse app2 = _engine.Inspect(p + "-app-1");
            Assert.NotEqual(app.ID, app2.ID);
            Assert.Equal(second.ID, app2.Image);
            Assert.Equal("two", FileIn(p + "-app-1", "/greeting.txt"));
            Assert.Equal(plainId, _engine.Inspect(p + "-plain-1").ID);

            // -Build again from the cache: the same image, so the container stays.
            Compose("Start-ComposeProject -ProjectName $p -Build", p).AssertClean();
            Assert.Equal(second.ID, Image(image)!.ID);
            Assert.Equal(app2.ID, _engine.Inspect(p + "-app-1").ID);
        }

        [SkippableFact]
        public void BuildComposeImageBuildsTheNamedServicesWithTheLongFormOptions()
        {
            string p = NewProject();
            string named = Local("dockerps-test/cb-" + _engine.RunId + ":v1");
            string extra = Local("dockerps-test/cb-extra-" + _engine.RunId + ":v2");
            // A default name has no slash: Podman stores it as docker.io/library/<name> and finds it by the short name.
            string inline = p + "-inline";
            _images.AddRange(new[] { named, extra, inline });
            // A multi-stage file in another name; target picks the last-but-one stage.
            File.WriteAllText(Path.Combine(_dir, "app", "Custom.Dockerfile"),
                "ARG BASE\nFROM $BASE AS first\nARG GREETING\nENV GREETING=$GREETING\nLABEL stage=first\n"
                + "FROM first AS second\nLABEL stage=second\n");
            Write("compose.yaml",
                "services:\n"
                + "  named:\n    image: " + named + "\n    build:\n      context: app\n      dockerfile: Custom.Dockerfile\n      target: first\n"
                + "      args:\n        - BASE=${IMG}\n        - GREETING=hello\n      labels: [dockerps.test=named]\n      tags: [" + extra + "]\n"
                + "      network: none\n      no_cache: true\n"
                + "  inline:\n    build:\n      dockerfile_inline: |\n        FROM ${IMG}\n        LABEL dockerps.test=inline\n"
                + "  plain:\n    image: ${IMG}\n");

            // -WhatIf builds nothing.
            Assert.Empty(Compose("Build-ComposeImage -ProjectName $p -WhatIf", p).AssertClean().Output);
            Assert.Null(Image(named));

            // One service by name: its image under both names, nothing else.
            PsResult one = Compose("Build-ComposeImage named -ProjectName $p -PassThru", p).AssertClean();
            DockerImage row = Assert.IsType<DockerImage>(Assert.Single(one.Output).BaseObject);
            ImageInspectResponse image = Image(named) ?? throw new InvalidOperationException("not built: " + named);
            Assert.Equal(image.ID, row.Id);
            Assert.Equal(image.ID, Image(extra)!.ID);
            Assert.Equal("first", image.Config.Labels["stage"]);
            Assert.Equal("named", image.Config.Labels["dockerps.test"]);
            Assert.Contains("GREETING=hello", image.Config.Env);
            Assert.Null(Image(inline));

            // Without -Service: every service with build:, the inline Dockerfile named <project>-<service>; no output without -PassThru.
            Assert.Empty(Compose("Build-ComposeImage -ProjectName $p", p).AssertClean().Output);
            Assert.Equal("inline", Image(inline)!.Config.Labels["dockerps.test"]);

            ErrorRecord e = Assert.Single(Compose("Build-ComposeImage nope -ProjectName $p", p).Errors);
            Assert.Equal("ComposeServiceNotFound,DockerPS.Commands.Compose.BuildComposeImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal("nope", e.TargetObject);
        }

        [SkippableFact]
        public void BuildKeysDockerPSCannotCarryOutAreRefusedWithFileAndLineAndAFailedBuildStopsUp()
        {
            string p = NewProject();
            Write("compose.yaml", "services:\n  app:\n    build:\n      context: app\n      ssh: [default]\n      platforms: [linux/arm64]\n");
            ErrorRecord refused = Assert.Single(Compose("Build-ComposeImage -ProjectName $p", p).Errors);
            Assert.Equal("ComposeFeatureNotSupported,DockerPS.Commands.Compose.BuildComposeImageCommand", refused.FullyQualifiedErrorId);
            Assert.Contains("services.app.build.ssh (compose.yaml, line 5)", refused.Exception.Message);
            Assert.Contains("services.app.build.platforms (compose.yaml, line 6)", refused.Exception.Message);

            // A step that fails: the build's own error, then up stops with ComposeBuildFailed naming the service.
            _images.Add(p + "-app");
            File.WriteAllText(Path.Combine(_dir, "app", "Dockerfile"), "FROM " + _engine.Image + "\nCOPY missing.txt /x\n");
            Write("compose.yaml", "services:\n  app:\n    build: app\n    network_mode: none\n");
            PsResult failed = Compose("Start-ComposeProject -ProjectName $p", p);
            Assert.True(failed.Errors.Count >= 2, "the build's own error comes first");
            Assert.Contains("missing.txt", failed.Errors[0].Exception.Message);
            ErrorRecord stop = failed.Errors.Last();
            Assert.Equal("ComposeBuildFailed,DockerPS.Commands.Compose.StartComposeProjectCommand", stop.FullyQualifiedErrorId);
            Assert.Equal("app", stop.TargetObject);
            Assert.Empty(_engine.Client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["com.docker.compose.project=" + p] = true } },
            }).GetAwaiter().GetResult());
        }
    }
}
