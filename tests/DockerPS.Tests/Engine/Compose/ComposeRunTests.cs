using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Compose
{
    /// <summary>
    /// docker compose run as Invoke-ComposeService: the dependencies come up first, the one-off container has Compose
    /// v2's name and labels and the service's configuration with the run's overrides, its output is written as it comes
    /// and its exit code lands in $LASTEXITCODE. docker inspect of what it made is the witness.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ComposeRunTests : IDisposable
    {
        private const string File =
            "services:\n"
            + "  db:\n    image: ${IMG}\n    pull_policy: never\n    network_mode: none\n    stop_signal: SIGKILL\n    command: sleep 600\n"
            + "  app:\n    image: ${IMG}\n    pull_policy: never\n    network_mode: none\n    depends_on: [db]\n    restart: always\n"
            + "    container_name: app-fixed-name\n    ports: ['80']\n    working_dir: /tmp\n"
            + "    environment:\n      MODE: file\n      KEEP: kept\n    command: [sh, -c, 'echo default $$MODE']\n";

        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-composerun-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly List<string> _projects = new List<string>();

        public ComposeRunTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
            Directory.CreateDirectory(_dir);
            System.IO.File.WriteAllText(Path.Combine(_dir, ".env"), "IMG=" + engine.Image + "\n");
            System.IO.File.WriteAllText(Path.Combine(_dir, "compose.yaml"), File);
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
            string p = _engine.NewName("crun");
            _projects.Add(p);
            return p;
        }

        private PsResult Compose(string script, string project) =>
            _ps.Run("Set-Location $dir; " + script, _engine.Vars(("dir", _dir), ("p", project)));

        private IList<ContainerListResponse> OneOffs(string project) =>
            _engine.Client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { ["com.docker.compose.project=" + project] = true, ["com.docker.compose.oneoff=True"] = true },
                },
            }).GetAwaiter().GetResult();

        [SkippableFact]
        public void RunStartsTheDependencyWritesTheOutputAndLeavesTheExitCodeInAOneOffContainerNamedAsComposeV2()
        {
            string p = NewProject();
            var lines = Compose("Invoke-ComposeService $p app sh '-c' 'echo $MODE $KEEP in $PWD as $(id -u); echo oops >&2; exit 3' -Environment @{ MODE = 'cli' } -User 1234 -WorkingDirectory /", p)
                .AssertClean().All<ContainerLogLine>();
            // stdout and stderr lines written together may come in either order (their log timestamps decide).
            Assert.Equal(new[] { "cli kept in / as 1234", "oops" }, lines.Select(l => l.Text).OrderBy(t => t, StringComparer.Ordinal));
            Assert.Equal(ContainerOutputStream.Stderr, lines.Single(l => l.Text == "oops").Stream);
            Assert.Equal(3, _ps.Run("$LASTEXITCODE").Output.Single().BaseObject);

            // The dependency came up as docker compose up would make it.
            Assert.True(_engine.Inspect(p + "-db-1").State.Running);

            // docker's view of the one-off container: Compose v2's name (container_name does not apply) and labels, no
            // published ports, no restart policy.
            ContainerListResponse oneOff = Assert.Single(OneOffs(p));
            string name = oneOff.Names.Single().TrimStart('/');
            Match m = Regex.Match(name, "^" + Regex.Escape(p) + "-app-run-([0-9a-f]{12})$");
            Assert.True(m.Success, name);
            Assert.Equal("app", oneOff.Labels["com.docker.compose.service"]);
            Assert.Equal("True", oneOff.Labels["com.docker.compose.oneoff"]);
            Assert.Equal("-1", oneOff.Labels["com.docker.compose.container-number"]);
            Assert.Matches("^" + m.Groups[1].Value + "[0-9a-f]{52}$", oneOff.Labels["com.docker.compose.slug"]);
            ContainerInspectResponse detail = _engine.Inspect(name);
            Assert.Equal(3, detail.State.ExitCode);
            Assert.True(detail.HostConfig.PortBindings == null || detail.HostConfig.PortBindings.Count == 0);
            Assert.NotEqual(RestartPolicyKind.Always, detail.HostConfig.RestartPolicy?.Name ?? RestartPolicyKind.No);

            // The project's own views leave it out, as docker compose ps does; Remove-ComposeProject takes it, as down does.
            Assert.Equal(new[] { p + "-db-1" }, Compose("Get-ComposeContainer $p -All", p).AssertClean().All<DockerContainer>().Select(c => c.Name));
            Compose("Remove-ComposeProject $p -Confirm:$false", p).AssertClean();
            Assert.Empty(OneOffs(p));
        }

        [SkippableFact]
        public void RunWithRemoveNoDepsDetachServicePortsAndEntrypointChangesTheContainerAsComposeRunDoes()
        {
            string p = NewProject();

            // The service's own command, -Raw lines, -Remove: nothing is left; -NoDeps: db is not started.
            PsResult plain = Compose("Invoke-ComposeService $p app -NoDeps -Remove -Raw", p).AssertClean();
            Assert.Equal(new object[] { "default file" }, plain.Output.Select(o => o.BaseObject));
            Assert.Equal(0, _ps.Run("$LASTEXITCODE").Output.Single().BaseObject);
            Assert.Empty(OneOffs(p));
            Assert.Throws<Docker.DotNet.DockerContainerNotFoundException>(() => _engine.Inspect(p + "-db-1"));

            // -Entrypoint without a command drops the service's command, as docker compose run does.
            PsResult entry = Compose("Invoke-ComposeService $p app -NoDeps -Remove -Raw -Entrypoint echo, via-entrypoint", p).AssertClean();
            Assert.Equal(new object[] { "via-entrypoint" }, entry.Output.Select(o => o.BaseObject));

            // -Detach -ServicePorts -Name: the started container comes back, with the service's port published.
            string name = _engine.NewName("crun-named");
            DockerContainer c = _ps.Run("Set-Location $dir; Invoke-ComposeService $p app sleep 30 -NoDeps -Detach -ServicePorts -Name $n",
                _engine.Vars(("dir", _dir), ("p", p), ("n", name))).AssertClean().Single<DockerContainer>();
            Assert.Equal(name, c.Name);
            ContainerInspectResponse detail = _engine.Inspect(name);
            Assert.True(detail.State.Running);
            if (!_engine.IsPodman)
            {
                // Podman 4.3 keeps no port bindings for a container on network none (README, Podman); dockerd stores them.
                Assert.Contains("80/tcp", detail.HostConfig.PortBindings.Keys);
            }

            Assert.Equal(new[] { "sleep", "30" }, detail.Config.Cmd);
            Assert.Equal("/tmp", detail.Config.WorkingDir);

            // -WhatIf creates nothing; an unknown service is ComposeServiceNotFound with the name as the target.
            Compose("Invoke-ComposeService $p app -NoDeps -WhatIf", p).AssertClean();
            Assert.Single(OneOffs(p));
            ErrorRecord e = Assert.Single(Compose("Invoke-ComposeService $p nope", p).Errors);
            Assert.Equal("ComposeServiceNotFound,DockerPS.Commands.Compose.InvokeComposeServiceCommand", e.FullyQualifiedErrorId);
            Assert.Equal("nope", e.TargetObject);
        }
    }
}
