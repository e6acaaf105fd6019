using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Compose
{
    /// <summary>
    /// extends: in the same file and from another file, read through Get-ComposeConfig as a user reads a project, with
    /// docker-compose 1.29.2 as the witness: its config of the same files (extends resolved the v1 way, which agrees
    /// with the compose specification on these keys) read back by Get-ComposeConfig gives the same services, field by
    /// field. Then a project that extends starts, and cycles and base services with dependencies are errors.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ComposeExtendsTests : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-composeext-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly List<string> _projects = new List<string>();

        public ComposeExtendsTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
            Directory.CreateDirectory(Path.Combine(_dir, "common"));
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

        private string NewProject()
        {
            string p = _engine.NewName("ce");
            _projects.Add(p);
            return p;
        }

        private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

        private PsResult Compose(string script, string project, params (string, object?)[] more) =>
            _ps.Run("Set-Location $dir; " + script, _engine.Vars(new[] { ("dir", (object?)_dir), ("p", project) }.Concat(more).ToArray()));

        private const string BaseFile =
            "services:\n  base:\n    image: ${IMG}\n    environment:\n      A: base\n      B: base\n    labels: [l1=base, l2=base]\n"
            + "    expose: [\"80\"]\n    dns: [10.0.0.1]\n    command: sleep 1\n    volumes: [\"./data:/data\", \"./cfg:/cfg\", \"/anon\"]\n";

        private const string MainFile =
            "services:\n  web:\n    extends:\n      file: common/base.yaml\n      service: base\n    environment:\n      B: web\n      C: web\n"
            + "    labels:\n      l2: web\n    expose: [\"81\"]\n    dns: [10.0.0.2]\n    command: [sleep, \"600\"]\n    volumes: [\"./mine:/data\"]\n"
            + "    network_mode: none\n"
            + "  local:\n    extends: web\n    environment: [D=local]\n";

        [SkippableFact]
        public void ExtendsMergesAsTheSpecificationSaysInTheSameFileAndFromAnotherFile()
        {
            string p = NewProject();
            Write(Path.Combine("common", "base.yaml"), BaseFile);
            Write("compose.yaml", MainFile);
            ComposeProjectConfig config = Compose("Get-ComposeConfig -ProjectName $p", p).AssertClean().Single<ComposeProjectConfig>();
            ComposeService web = config.Services.Single(s => s.Name == "web");
            ComposeService local = config.Services.Single(s => s.Name == "local");

            // Mappings merge (the local value wins), sequences append, command replaces.
            Assert.Equal(new Dictionary<string, string?> { ["A"] = "base", ["B"] = "web", ["C"] = "web" }, web.Environment);
            Assert.Equal(new Dictionary<string, string> { ["l1"] = "base", ["l2"] = "web" }, web.Labels);
            Assert.Equal(new[] { "80", "81" }, web.Expose);
            Assert.Equal(new[] { "10.0.0.1", "10.0.0.2" }, web.Dns);
            Assert.Equal(new[] { "sleep", "600" }, web.Command);
            Assert.Equal(_engine.Image, web.Image);
            // Volumes by their target: /data is the local bind; the base's relative ./cfg is relative to the base's file.
            Assert.Equal(
                new[] { "/anon=", "/cfg=" + Path.Combine(_dir, "common", "cfg"), "/data=" + Path.Combine(_dir, "mine") },
                web.Volumes.Select(v => v.Target + "=" + v.Source).OrderBy(x => x, StringComparer.Ordinal));
            // A chain: local extends web in the same file and gets web's merged result plus its own.
            Assert.Equal("local", local.Environment["D"]);
            Assert.Equal("web", local.Environment["B"]);
            Assert.Equal(new[] { "sleep", "600" }, local.Command);
            Assert.Equal("none", local.NetworkMode);
        }

        [SkippableFact]
        public void DockerCompose129ResolvesTheSameServicesFieldByField()
        {
            Skip.IfNot(File.Exists("/usr/bin/docker-compose"), "docker-compose 1.29.2 is not installed (apt-get install docker-compose)");
            string p = NewProject();
            Write(Path.Combine("common", "base.yaml"), BaseFile);
            Write("compose.yaml", MainFile);
            // docker-compose config needs no engine: the same files, resolved by v1, into a file of its own.
            Write("resolved.yaml", DockerCompose(p, "-f compose.yaml config"));
            ComposeProjectConfig mine = Compose("Get-ComposeConfig -ProjectName $p", p).AssertClean().Single<ComposeProjectConfig>();
            ComposeProjectConfig theirs = Compose("Get-ComposeConfig -ProjectName $p -File resolved.yaml", p).Single<ComposeProjectConfig>();
            foreach (string name in new[] { "web", "local" })
            {
                ComposeService a = mine.Services.Single(s => s.Name == name);
                ComposeService b = theirs.Services.Single(s => s.Name == name);
                Assert.Equal(b.Image, a.Image);
                Assert.Equal(b.Environment.OrderBy(e => e.Key), a.Environment.OrderBy(e => e.Key));
                Assert.Equal(b.Labels.OrderBy(e => e.Key), a.Labels.OrderBy(e => e.Key));
                Assert.Equal(b.Expose, a.Expose);
                Assert.Equal(b.Dns, a.Dns);
                Assert.Equal(b.Command, a.Command);
                Assert.Equal(b.NetworkMode, a.NetworkMode);
                Assert.Equal(
                    b.Volumes.Select(v => v.Type + ":" + v.Source + ":" + v.Target + ":" + v.ReadOnly).OrderBy(x => x, StringComparer.Ordinal),
                    a.Volumes.Select(v => v.Type + ":" + v.Source + ":" + v.Target + ":" + v.ReadOnly).OrderBy(x => x, StringComparer.Ordinal));
            }
        }

        [SkippableFact]
        public void AProjectThatExtendsStartsWithTheMergedService()
        {
            string p = NewProject();
            Write(Path.Combine("common", "base.yaml"), "services:\n  base:\n    image: ${IMG}\n    pull_policy: never\n    environment:\n      A: base\n    command: sleep 1\n");
            Write("compose.yaml", "services:\n  web:\n    extends: { file: common/base.yaml, service: base }\n    environment:\n      B: web\n    command: sleep 600\n    network_mode: none\n");
            Compose("Start-ComposeProject -ProjectName $p", p).AssertClean();
            var inspect = _engine.Inspect(p + "-web-1");
            Assert.Contains("A=base", inspect.Config.Env);
            Assert.Contains("B=web", inspect.Config.Env);
            Assert.Equal(new[] { "sleep", "600" }, inspect.Config.Cmd);
            Assert.True(inspect.State.Running);
        }

        [SkippableFact]
        public void ACycleAndABaseWithDependenciesAreErrorsNamingFileAndLine()
        {
            string p = NewProject();
            Write("compose.yaml", "services:\n  a:\n    image: x\n    extends: b\n  b:\n    image: x\n    extends:\n      service: a\n");
            ErrorRecord cycle = Assert.Single(Compose("Get-ComposeConfig -ProjectName $p", p).Errors);
            Assert.Equal("InvalidComposeFile,DockerPS.Commands.Compose.GetComposeConfigCommand", cycle.FullyQualifiedErrorId);
            Assert.Contains("extends cycle: a -> b -> a", cycle.Exception.Message);
            Assert.Contains("compose.yaml, line 7", cycle.Exception.Message);

            // Across files: the other file's service extends back.
            Write(Path.Combine("common", "base.yaml"), "services:\n  base:\n    extends:\n      file: ../compose.yaml\n      service: web\n");
            Write("compose.yaml", "services:\n  web:\n    image: x\n    extends:\n      file: common/base.yaml\n      service: base\n");
            cycle = Assert.Single(Compose("Get-ComposeConfig -ProjectName $p", p).Errors);
            Assert.Contains("extends cycle: web -> base (base.yaml) -> web", cycle.Exception.Message);
            Assert.Contains("base.yaml, line 3", cycle.Exception.Message);

            // A base that depends on another service cannot be extended (compose-spec extends.md; v1 refuses it too).
            Write("compose.yaml", "services:\n  a:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n  b:\n    extends: a\n");
            ErrorRecord dep = Assert.Single(Compose("Get-ComposeConfig -ProjectName $p", p).Errors);
            Assert.Contains("compose.yaml, line 4", dep.Exception.Message);
            Assert.Contains("service 'b' extends 'a', which uses depends_on", dep.Exception.Message);

            // A base that does not exist.
            Write("compose.yaml", "services:\n  b:\n    extends: nope\n");
            Assert.Contains("extends refers to the service 'nope'", Assert.Single(Compose("Get-ComposeConfig -ProjectName $p", p).Errors).Exception.Message);
        }

        private string DockerCompose(string project, string args)
        {
            var start = new ProcessStartInfo("/usr/bin/docker-compose", $"-p {project} {args}")
            {
                WorkingDirectory = _dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["DOCKER_HOST"] = _engine.Endpoint;
            using Process proc = Process.Start(start)!;
            string output = proc.StandardOutput.ReadToEnd();
            string error = proc.StandardError.ReadToEnd();
            Assert.True(proc.WaitForExit(120_000), "docker-compose did not finish: " + output + error);
            Assert.True(proc.ExitCode == 0, $"docker-compose {args} failed: {output}{error}");
            return output;
        }
    }
}
