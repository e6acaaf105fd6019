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
    /// Start-ComposeProject and friends on the test engine, with compose files written to a temp folder per test and
    /// a unique project name; each test takes its project down (and checks docker's view of what is left).
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ComposeProjectTests : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-compose-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly List<string> _projects = new List<string>();

        public ComposeProjectTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
            Directory.CreateDirectory(_dir);
            // The image comes through .env, as a user's project would pin it.
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
            string p = _engine.NewName("cp");
            _projects.Add(p);
            return p;
        }

        private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

        private PsResult Compose(string script, string project, params (string, object?)[] more) =>
            _ps.Run("Set-Location $dir; " + script, _engine.Vars(new[] { ("dir", (object?)_dir), ("p", project) }.Concat(more).ToArray()));

        private IList<ContainerListResponse> Containers(string project) =>
            _engine.Client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["com.docker.compose.project=" + project] = true } },
            }).GetAwaiter().GetResult();

        private IList<NetworkResponse> Networks(string project) =>
            _engine.Client.Networks.ListNetworksAsync(new NetworksListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["com.docker.compose.project=" + project] = true } },
            }).GetAwaiter().GetResult();

        private IList<VolumeResponse> Volumes(string project) =>
            _engine.Client.Volumes.ListAsync(new VolumesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["com.docker.compose.project=" + project] = true } },
            }).GetAwaiter().GetResult().Volumes ?? new List<VolumeResponse>();

        private const string Project = @"
x-base: &base
  image: ${IMG}
  pull_policy: never
  networks: [back]
services:
  db:
    <<: *base
    command: sh -c 'sleep 1; touch /tmp/ready; exec sleep 600'
    healthcheck:
      test: [""CMD-SHELL"", ""test -f /tmp/ready""]
      interval: 1s
      retries: 30
    volumes:
      - data:/data
  migrate:
    <<: *base
    command: [sh, -c, 'echo migrated > /data/done']
    volumes:
      - data:/data
    depends_on:
      db:
        condition: service_healthy
  web:
    <<: *base
    command: sh -c 'cat /data/done; exec sleep 600'
    environment:
      GREETING: ${GREETING:-hello}
      LITERAL: $$HOME
    volumes:
      - data:/data:ro
    depends_on:
      migrate:
        condition: service_completed_successfully
      db:
        condition: service_started
    deploy:
      replicas: 2
  debug:
    <<: *base
    command: sleep 600
    profiles: [debug]
networks:
  back:
volumes:
  data:
";

        [SkippableFact]
        public void UpStartsServicesInDependencyOrderWithComposeNamesLabelsNetworksAndVolumes()
        {
            Skip.If(_engine.IsPodman, "Podman 4.3 runs health checks from systemd timers, which podman system service here has none of: the health stays 'starting' and service_healthy timed out after 300 s");
            string p = NewProject();
            Write("compose.yaml", Project);
            Write("compose.override.yaml", "services:\n  web:\n    labels:\n      from: override\n");
            var up = Compose("Start-ComposeProject -ProjectName $p", p).AssertClean().All<DockerContainer>();

            Assert.Equal(new[] { p + "-db-1", p + "-migrate-1", p + "-web-1", p + "-web-2" }, up.Select(c => c.Name).OrderBy(n => n));
            var all = Containers(p);
            Assert.Equal(4, all.Count); // debug is in a profile nobody enabled
            ContainerListResponse web1 = all.Single(c => c.Names[0] == "/" + p + "-web-1");
            Assert.Equal(p, web1.Labels["com.docker.compose.project"]);
            Assert.Equal("web", web1.Labels["com.docker.compose.service"]);
            Assert.Equal("1", web1.Labels["com.docker.compose.container-number"]);
            Assert.Equal("False", web1.Labels["com.docker.compose.oneoff"]);
            Assert.Equal(_dir, web1.Labels["com.docker.compose.project.working_dir"]);
            Assert.Equal(Path.Combine(_dir, "compose.yaml") + "," + Path.Combine(_dir, "compose.override.yaml"), web1.Labels["com.docker.compose.project.config_files"]);
            Assert.Equal(64, web1.Labels["com.docker.compose.config-hash"].Length);
            Assert.Contains("migrate:service_completed_successfully:false", web1.Labels["com.docker.compose.depends_on"]);
            Assert.StartsWith("sha256:", web1.Labels["com.docker.compose.image"]);
            Assert.Equal("override", web1.Labels["from"]);

            // The migration ran to the end before web started, and db was healthy before the migration.
            ContainerInspectResponse migrate = _engine.Inspect(p + "-migrate-1");
            ContainerInspectResponse db = _engine.Inspect(p + "-db-1");
            Assert.Equal(0, migrate.State.ExitCode);
            Assert.Equal("healthy", db.State.Health.Status);
            ContainerInspectResponse web = _engine.Inspect(p + "-web-1");
            Assert.True(DateTime.Parse(migrate.State.FinishedAt) <= DateTime.Parse(web.State.StartedAt));
            Assert.Contains("GREETING=hello", web.Config.Env);
            Assert.Contains("LITERAL=$HOME", web.Config.Env);

            Assert.Equal(new[] { p + "_back" }, Networks(p).Select(n => n.Name));
            Assert.Contains(p + "_back", web.NetworkSettings.Networks.Keys);
            Assert.Contains("web", web.NetworkSettings.Networks[p + "_back"].Aliases);
            Assert.Equal(new[] { p + "_data" }, Volumes(p).Select(v => v.Name));
            Assert.Contains(web.Mounts, m => m.Name == p + "_data" && m.Destination == "/data" && !m.RW);

            // The objects pipe into the container cmdlets.
            Assert.Equal(4, Compose("Get-ComposeProject $p | Get-Container -All", p).AssertClean().All<DockerContainer>().Count);
            var project = Compose("Get-ComposeProject $p", p).AssertClean().Single<DockerComposeProject>();
            Assert.Equal("exited(1), running(3)", project.Status);
            Assert.Equal(new[] { "db", "migrate", "web" }, project.Services);
            Compose("Get-ComposeContainer $p web | Stop-Container -Timeout 0", p).AssertClean();
            Assert.Equal(new[] { p + "-db-1" }, Compose("Get-ComposeContainer $p", p).AssertClean().All<DockerContainer>().Select(c => c.Name));

            // Another run with the profile adds debug and keeps what is unchanged.
            var again = Compose("Start-ComposeProject -ProjectName $p -Profile debug", p).AssertClean().All<DockerContainer>();
            Assert.Equal(5, again.Count);
            Assert.Equal(db.ID, again.Single(c => c.Name == p + "-db-1").Id);
        }

        [SkippableFact]
        public void AChangedServiceIsRecreatedAloneAndScaleAddsAndRemovesReplicas()
        {
            string p = NewProject();
            Write("compose.yaml", "services:\n  a:\n    image: ${IMG}\n    command: sleep 600\n  b:\n    image: ${IMG}\n    command: sleep 600\n");
            var first = Compose("Start-ComposeProject -ProjectName $p", p).AssertClean().All<DockerContainer>().ToDictionary(c => c.Name, c => c.Id);
            Assert.Equal(new[] { p + "_default" }, Networks(p).Select(n => n.Name));

            Write("compose.yaml", "services:\n  a:\n    image: ${IMG}\n    command: sleep 600\n  b:\n    image: ${IMG}\n    command: sleep 601\n");
            var second = Compose("Start-ComposeProject -ProjectName $p -Scale @{ a = 2 }", p).AssertClean().All<DockerContainer>().ToDictionary(c => c.Name, c => c.Id);
            Assert.Equal(first[p + "-a-1"], second[p + "-a-1"]);
            Assert.NotEqual(first[p + "-b-1"], second[p + "-b-1"]);
            Assert.True(second.ContainsKey(p + "-a-2"));
            Assert.All(Containers(p), c => Assert.Equal("running", c.State));

            Write("compose.yaml", "services:\n  a:\n    image: ${IMG}\n    command: sleep 600\n");
            PsResult orphan = Compose("Start-ComposeProject -ProjectName $p", p).AssertClean();
            Assert.Contains(orphan.Warnings, w => w.Contains(p + "-b-1") && w.Contains("-RemoveOrphans"));
            Assert.Equal(new[] { p + "-a-1" }, orphan.All<DockerContainer>().Select(c => c.Name)); // back to one replica
            Compose("Start-ComposeProject -ProjectName $p -RemoveOrphans", p).AssertClean();
            Assert.Equal(new[] { "/" + p + "-a-1" }, Containers(p).Select(c => c.Names[0]));
        }

        [SkippableFact]
        public void DownRemovesExactlyWhatUpCreated()
        {
            string p = NewProject();
            string keep = _engine.NewName("keep");
            _engine.CreateContainer(keep);
            Write("compose.yaml", "services:\n  s:\n    image: ${IMG}\n    command: sleep 600\n    volumes: [vol:/v]\n    networks: [n1, n2]\nnetworks:\n  n1:\n  n2:\nvolumes:\n  vol:\n");
            Compose("Start-ComposeProject -ProjectName $p", p).AssertClean();
            Assert.Equal(2, Networks(p).Count);
            ContainerInspectResponse s = _engine.Inspect(p + "-s-1");
            Assert.Equal(new[] { p + "_n1", p + "_n2" }, s.NetworkSettings.Networks.Keys.OrderBy(k => k));

            Compose("Remove-ComposeProject $p -Confirm:$false", p).AssertClean();
            Assert.Empty(Containers(p));
            Assert.Empty(Networks(p));
            Assert.Single(Volumes(p)); // volumes stay without -Volumes, as docker compose down does
            Assert.NotNull(_engine.Inspect(keep));

            Compose("Remove-ComposeProject $p -Volumes -Confirm:$false", p).AssertClean();
            Assert.Empty(Volumes(p));
        }

        [SkippableFact]
        public void AFailedDependencyStopsTheUpWithComposeDependencyFailed()
        {
            string p = NewProject();
            Write("compose.yaml", "services:\n  job:\n    image: ${IMG}\n    command: [sh, -c, 'exit 3']\n  app:\n    image: ${IMG}\n    command: sleep 600\n    depends_on:\n      job:\n        condition: service_completed_successfully\n");
            ErrorRecord e = Assert.Single(Compose("Start-ComposeProject -ProjectName $p", p).Errors);
            Assert.StartsWith("ComposeDependencyFailed,", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationStopped, e.CategoryInfo.Category);
            Assert.Equal("job", e.TargetObject);
            Assert.Contains("exit 3", e.ToString());
            Assert.DoesNotContain(Containers(p), c => c.Names[0] == "/" + p + "-app-1");
        }

        [SkippableFact]
        public void GetComposeLogReturnsEachServicesLinesWithTheServiceName()
        {
            string p = NewProject();
            Write("compose.yaml", "services:\n  one:\n    image: ${IMG}\n    command: [sh, -c, 'echo first; echo oops >&2']\n  two:\n    image: ${IMG}\n    command: [echo, second]\n");
            Compose("Start-ComposeProject -ProjectName $p", p).AssertClean();
            _engine.Client.Containers.WaitContainerAsync(p + "-one-1").GetAwaiter().GetResult();
            _engine.Client.Containers.WaitContainerAsync(p + "-two-1").GetAwaiter().GetResult();
            var lines = Compose("Get-ComposeLog $p", p).AssertClean().All<ContainerLogLine>();
            Assert.Equal(new[] { "one:first", "one:oops", "two:second" }, lines.Select(l => l.Service + ":" + l.Text).OrderBy(t => t));
            Assert.Equal(ContainerOutputStream.Stderr, lines.Single(l => l.Text == "oops").Stream);
            Assert.Equal(p + "-two-1", lines.Single(l => l.Service == "two").ContainerName);
            Assert.Equal(new[] { "second" }, Compose("Get-ComposeLog $p two", p).AssertClean().All<ContainerLogLine>().Select(l => l.Text));
        }

        [SkippableFact]
        public void GetComposeConfigReportsFileLineAndKeyAsTerminatingErrors()
        {
            string p = NewProject();
            Write("compose.yaml", "services:\n  web:\n    image: ${IMG}\n    restart: sometimes\n");
            ErrorRecord e = Assert.Single(Compose("Get-ComposeConfig -ProjectName $p", p).Errors);
            Assert.StartsWith("InvalidComposeFile,", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            Assert.Equal(Path.Combine(_dir, "compose.yaml"), e.TargetObject);
            Assert.Contains("line 4, 'services.web.restart'", e.ToString());

            Write("compose.yaml", "services:\n  web:\n    image: ${IMG}\n");
            string yaml = Assert.IsType<string>(Compose("Get-ComposeConfig -ProjectName $p -AsYaml", p).AssertClean().Output.Single().BaseObject);
            Assert.Contains("image: " + _engine.Image, yaml);
        }

        /// <summary>docker-compose 1.29.2 (Compose v1) as the witness: it lists and removes what DockerPS started, and back.</summary>
        [SkippableFact]
        public void DockerCompose129ListsAndRemovesDockerPSProjectsAndBack()
        {
            Skip.IfNot(File.Exists("/usr/bin/docker-compose"), "docker-compose 1.29.2 is not installed (apt-get install docker-compose)");
            string p = NewProject();
            Write("compose.yaml", "version: '3.7'\nservices:\n  web:\n    image: ${IMG}\n    command: sleep 600\n  db:\n    image: ${IMG}\n    command: sleep 600\nvolumes:\n  data:\n");
            Compose("Start-ComposeProject -ProjectName $p", p).AssertClean();
            string ps = DockerCompose(p, "ps");
            Assert.Contains(p + "-web-1", ps);
            Assert.Contains(p + "-db-1", ps);
            DockerCompose(p, "down");
            Assert.Empty(Containers(p));
            Assert.Empty(Networks(p));

            string q = NewProject();
            DockerCompose(q, "up -d");
            PsResult mine = Compose("Get-ComposeContainer $q", q, ("q", q)).AssertClean();
            Assert.Equal(new[] { q + "_db_1", q + "_web_1" }, mine.All<DockerContainer>().Select(c => c.Name));
            Assert.Equal(q, Compose("Get-ComposeProject $q", q, ("q", q)).AssertClean().Single<DockerComposeProject>().Project);
            Compose("Remove-ComposeProject $q -Confirm:$false", q, ("q", q)).AssertClean();
            Assert.Empty(Containers(q));
            Assert.Empty(Networks(q));
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
            string output = proc.StandardOutput.ReadToEnd() + proc.StandardError.ReadToEnd();
            Assert.True(proc.WaitForExit(120_000), "docker-compose did not finish: " + output);
            Assert.True(proc.ExitCode == 0, $"docker-compose {args} failed: {output}");
            return output;
        }
    }
}
