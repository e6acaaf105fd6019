using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Compose
{
    /// <summary>
    /// Start-ComposeProject with secrets and configs outside a swarm, as Compose v2 gives them: file sources
    /// bind-mounted read-only (a secret under /run/secrets, a config at its target or /&lt;key&gt;), environment
    /// and content sources copied into the container before it starts. The tests read the files from inside the
    /// container as hashes and modes, so no secret value passes through a PowerShell stream.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ComposeSecretTests : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-csecret-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly List<string> _projects = new List<string>();

        public ComposeSecretTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
            Directory.CreateDirectory(_dir);
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
            string p = _engine.NewName("cs");
            _projects.Add(p);
            return p;
        }

        private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

        private PsResult Compose(string script, string project, params (string, object?)[] more) =>
            _ps.Run("Set-Location $dir; " + script, _engine.Vars(new[] { ("dir", (object?)_dir), ("p", project) }.Concat(more).ToArray()));

        private static string Sha(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

        [SkippableFact]
        public void FileSecretsAreBoundReadOnlyAndEnvironmentAndContentSourcesAreCopiedIn()
        {
            string p = NewProject();
            string fileSecret = "file-secret-" + Guid.NewGuid().ToString("N") + "\n";
            string envSecret = "env-secret-" + Guid.NewGuid().ToString("N");
            Write("token.txt", fileSecret);
            Write("app.conf", "level=debug\n");
            Write("compose.yaml",
                "services:\n  app:\n    image: " + _engine.Image + "\n    pull_policy: never\n    command: sleep 600\n    stop_signal: SIGKILL\n    network_mode: none\n"
                + "    secrets:\n      - token\n      - source: pw\n        target: db-password\n        mode: 0400\n"
                + "    configs:\n      - appconf\n      - source: inline\n        target: /etc/inline.conf\n"
                + "secrets:\n  token:\n    file: ./token.txt\n  pw:\n    environment: DPS_COMPOSE_PW\n"
                + "configs:\n  appconf:\n    file: ./app.conf\n  inline:\n    content: |\n      inline=1\n");

            PsResult up = Compose("$env:DPS_COMPOSE_PW = $v; try { Start-ComposeProject -ProjectName $p -Verbose } finally { Remove-Item env:DPS_COMPOSE_PW }", p, ("v", envSecret)).AssertClean();
            DockerContainer c = up.Single<DockerContainer>();
            string streams = string.Join("\n", up.Output.Select(o => o.ToString()).Concat(up.Verbose).Concat(up.Warnings).Concat(new[] { up.HostText }));
            Assert.DoesNotContain(envSecret, streams);
            Assert.DoesNotContain(fileSecret.Trim(), streams);

            // Where compose v2 puts each one, read inside the container as hashes and modes.
            string script = "for f in /run/secrets/token /run/secrets/db-password /appconf /etc/inline.conf; do echo \"$f $(sha256sum < $f | cut -d' ' -f1) $(stat -c %a $f)\"; done";
            string[] lines = Compose("(Invoke-ContainerCommand $n sh, -c, $s).StdoutLines", p, ("n", c.Name), ("s", script)).AssertClean().Output.Select(o => (string)o.BaseObject).ToArray();
            Assert.Contains("/run/secrets/token " + Sha(fileSecret) + " 644", lines);
            Assert.Contains("/run/secrets/db-password " + Sha(envSecret) + " 400", lines);
            Assert.Contains("/appconf " + Sha("level=debug\n") + " 644", lines);
            Assert.Contains("/etc/inline.conf " + Sha("inline=1\n") + " 444", lines);

            // The file sources are read-only bind mounts of the project's files.
            ContainerInspectResponse inspect = _engine.Inspect(c.Name);
            Assert.Contains(inspect.Mounts, m => m.Type == "bind" && m.Source == Path.Combine(_dir, "token.txt") && m.Destination == "/run/secrets/token" && !m.RW);
            Assert.Contains(inspect.Mounts, m => m.Type == "bind" && m.Source == Path.Combine(_dir, "app.conf") && m.Destination == "/appconf" && !m.RW);
            ContainerCommandResult write = Compose("Invoke-ContainerCommand $n sh, -c, 'echo x > /run/secrets/token'", p, ("n", c.Name)).AssertClean().Single<ContainerCommandResult>();
            Assert.NotEqual(0, write.ExitCode);
        }

        [SkippableFact]
        public void ExternalSecretsAndUnsetVariablesAreClearErrorsBeforeAnythingIsCreated()
        {
            string p = NewProject();
            Write("compose.yaml", "services:\n  app:\n    image: " + _engine.Image + "\n    pull_policy: never\n    command: sleep 600\n    network_mode: none\n    secrets: [vault]\n"
                + "secrets:\n  vault:\n    external: true\n");
            PsResult r = Compose("Start-ComposeProject -ProjectName $p", p);
            ErrorRecord e = r.Terminating ?? Assert.Single(r.Errors);
            Assert.Equal("ComposeFeatureNotSupported,DockerPS.Commands.Compose.StartComposeProjectCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.NotImplemented, e.CategoryInfo.Category);
            Assert.Equal("vault", e.TargetObject);
            Assert.Contains("external secret vault", e.Exception.Message);

            Write("compose.yaml", "services:\n  app:\n    image: " + _engine.Image + "\n    pull_policy: never\n    command: sleep 600\n    network_mode: none\n    secrets: [pw]\n"
                + "secrets:\n  pw:\n    environment: DPS_SURELY_UNSET_VAR\n");
            r = Compose("Start-ComposeProject -ProjectName $p", p);
            e = r.Terminating ?? Assert.Single(r.Errors);
            Assert.Equal("ComposeVariableMissing,DockerPS.Commands.Compose.StartComposeProjectCommand", e.FullyQualifiedErrorId);
            Assert.Equal("DPS_SURELY_UNSET_VAR", e.TargetObject);
            Assert.Empty(_engine.Client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["com.docker.compose.project=" + p] = true } },
            }).GetAwaiter().GetResult());
        }
    }
}
