using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>
    /// Build-Image -Ssh on the real engine: a real ssh-agent (OpenSSH) holds a key the test makes; a RUN
    /// --mount=type=ssh step runs OpenSSH's own ssh-add -l inside the busybox image (the binary, its libraries and the
    /// loader go along in the context), so the agent answers SSH_AGENTC_REQUEST_IDENTITIES through the mounted socket
    /// and the step prints the key's fingerprint and comment. The docker 20.10 CLI (DOCKER_BUILDKIT=1 --ssh) is the
    /// witness on the same Dockerfile.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class BuildKitSshTests : IDisposable
    {
        private const string PodmanHasNoBuildKit = "Podman builds with Buildah: Build-Image uses the legacy API there (Builder Legacy), which has no SSH forwarding";

        /// <summary>Debian's docker.io CLI (20.10) builds with BuildKit itself; the newer CLI on PATH needs the buildx plugin.</summary>
        private const string Cli2010 = "/usr/bin/docker";

        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir;
        private Process? _agent;

        public BuildKitSshTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
            _dir = Directory.CreateTempSubdirectory("dps-bkssh-").FullName;
        }

        public void Dispose()
        {
            if (_agent != null && !_agent.HasExited)
            {
                _agent.Kill();
                _agent.WaitForExit(5000);
            }

            _agent?.Dispose();
            Directory.Delete(_dir, true);
        }

        private static (int Code, string Output) Run(string file, string arguments, string? dir = null, IDictionary<string, string>? env = null)
        {
            var start = new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            if (dir != null)
            {
                start.WorkingDirectory = dir;
            }

            foreach (KeyValuePair<string, string> e in env ?? new Dictionary<string, string>())
            {
                start.Environment[e.Key] = e.Value;
            }

            using Process p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr);
        }

        /// <summary>A private ssh-agent on a socket in the test folder, holding a new ed25519 key; returns the socket and ssh-add -l's line for the key.</summary>
        private (string Socket, string Line) StartAgent()
        {
            string key = Path.Combine(_dir, "id_test");
            string comment = "dockerps-bkssh-" + _engine.RunId;
            var (kc, ko) = Run("ssh-keygen", $"-q -t ed25519 -N \"\" -C {comment} -f {key}");
            Assert.True(kc == 0, "ssh-keygen: " + ko);
            string socket = Path.Combine(_dir, "agent.sock");
            _agent = Process.Start(new ProcessStartInfo("ssh-agent", $"-D -a {socket}") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
            for (int i = 0; i < 100 && !File.Exists(socket); i++)
            {
                Thread.Sleep(50);
            }

            Assert.True(File.Exists(socket), "ssh-agent made no socket");
            var env = new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = socket };
            var (ac, ao) = Run("ssh-add", key, env: env);
            Assert.True(ac == 0, "ssh-add: " + ao);
            var (lc, lo) = Run("ssh-add", "-l", env: env);
            Assert.True(lc == 0, "ssh-add -l: " + lo);
            string line = lo.Split('\n').Select(l => l.Trim()).Single(l => l.Contains(comment, StringComparison.Ordinal));
            Assert.Matches(@"^256 SHA256:\S+ " + comment + @" \(ED25519\)$", line);
            return (socket, line);
        }

        /// <summary>A context whose RUN step runs the host's ssh-add -l (with its libraries and loader) against the mounted agent.</summary>
        private string SshAddContext(string mount)
        {
            string ctx = Path.Combine(_dir, "ctx");
            string lib = Path.Combine(ctx, "l");
            Directory.CreateDirectory(lib);
            string sshAdd = Run("which", "ssh-add").Output.Trim();
            File.Copy(sshAdd, Path.Combine(lib, "ssh-add"));
            string loader = string.Empty;
            foreach (Match m in Regex.Matches(Run("ldd", sshAdd).Output, @"(/\S+)"))
            {
                string path = m.Groups[1].Value;
                string target = Path.Combine(lib, Path.GetFileName(path));
                if (!File.Exists(target))
                {
                    File.Copy(path, target); // File.Copy follows symbolic links: the library itself goes along
                }

                if (Path.GetFileName(path).StartsWith("ld-linux", StringComparison.Ordinal))
                {
                    loader = Path.GetFileName(path);
                }
            }

            Assert.NotEqual(string.Empty, loader);
            File.WriteAllText(Path.Combine(ctx, "Dockerfile"),
                $"FROM {_engine.Image}\nCOPY l /l\nRUN --mount=type=ssh{mount} /l/{loader} --library-path /l /l/ssh-add -l\n");
            return ctx;
        }

        private static List<string> Info(PsResult r) =>
            r.Output.Where(o => o.BaseObject is InformationRecord).Select(o => ((InformationRecord)o.BaseObject).MessageData?.ToString() ?? string.Empty).ToList();

        private void RemoveImages(PsResult r)
        {
            foreach (PSObject o in r.Output.Where(o => o.Properties["Id"] != null && o.Properties["Builder"] != null))
            {
                _ps.Run("Remove-Image $i -Force", _engine.Vars(("i", o.Properties["Id"].Value)));
            }
        }

        [SkippableFact]
        public void TheDefaultAgentAnswersARunStepWithTheKeyAsTheCliShowsIt()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            var (socket, line) = StartAgent();
            string ctx = SshAddContext(string.Empty);

            // -Ssh default is the agent of $SSH_AUTH_SOCK, as with docker build --ssh default.
            PsResult r = _ps.Run(
                "$saved = $env:SSH_AUTH_SOCK; $env:SSH_AUTH_SOCK = $s; try { Build-Image $d -Network none -NoCache -Ssh default -Label @{ 'dockerps.test' = $run } -InformationVariable info -Verbose; $info } finally { $env:SSH_AUTH_SOCK = $saved }",
                _engine.Vars(("d", ctx), ("s", socket), ("run", _engine.RunId))).AssertClean();
            try
            {
                Assert.Equal("BuildKit", r.Output[0].Properties["Builder"]?.Value);
                Assert.Contains(Info(r), l => l.EndsWith(" " + line, StringComparison.Ordinal));
                Assert.Contains(r.Verbose, v => v.Contains("opened 1 SSH agent connection(s)", StringComparison.Ordinal));
                Assert.Contains(r.Verbose, v => v.Contains("SSH agent(s): default (" + socket + ")", StringComparison.Ordinal));
            }
            finally
            {
                RemoveImages(r);
            }

            // The docker 20.10 CLI with BuildKit prints the same line from the same agent.
            Skip.IfNot(File.Exists(Cli2010), "the docker.io 20.10 CLI is not at " + Cli2010);
            var (code, output) = Run(Cli2010, "build --ssh default --network none --no-cache --progress plain .", ctx,
                new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "1", ["SSH_AUTH_SOCK"] = socket });
            Assert.True(code == 0, output);
            Assert.Contains(" " + line, output);
            string? id = Regex.Match(output, @"writing image (sha256:[0-9a-f]{64})").Groups[1].Value;
            if (!string.IsNullOrEmpty(id))
            {
                _ps.Run("Remove-Image $i -Force", _engine.Vars(("i", id)));
            }
        }

        [SkippableFact]
        public void ANamedIdGoesToItsSocketAndAMissingRequiredIdFailsAsTheCliSays()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            var (socket, line) = StartAgent();
            string ctx = SshAddContext(",id=deploy");

            // <id>=<socket>; $SSH_AUTH_SOCK plays no part (unset in the script).
            PsResult r = _ps.Run(
                "$saved = $env:SSH_AUTH_SOCK; $env:SSH_AUTH_SOCK = $null; try { Build-Image $d -Network none -NoCache -Ssh \"deploy=$s\" -Label @{ 'dockerps.test' = $run } -InformationVariable info; $info } finally { $env:SSH_AUTH_SOCK = $saved }",
                _engine.Vars(("d", ctx), ("s", socket), ("run", _engine.RunId))).AssertClean();
            RemoveImages(r);
            Assert.Contains(Info(r), l => l.EndsWith(" " + line, StringComparison.Ordinal));

            // A required mount of an id -Ssh did not give: BuildKit's "unset ssh forward key", as the CLI reports it.
            File.WriteAllText(Path.Combine(ctx, "Dockerfile"), $"FROM {_engine.Image}\nRUN --mount=type=ssh,id=other,required echo never\n");
            PsResult missing = _ps.Run("Build-Image $d -Network none -NoCache -Ssh \"deploy=$s\"", _engine.Vars(("d", ctx), ("s", socket)));
            ErrorRecord e = Assert.Single(missing.Errors);
            Assert.Equal("BuildSshNotFound,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.Contains("unset ssh forward key other", e.Exception.Message);
            Assert.Contains("deploy", e.Exception.Message);

            Skip.IfNot(File.Exists(Cli2010), "the docker.io 20.10 CLI is not at " + Cli2010);
            var (code, output) = Run(Cli2010, $"build --ssh deploy={socket} --network none --no-cache --progress plain .", ctx,
                new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "1" });
            Assert.NotEqual(0, code);
            Assert.Contains("unset ssh forward key other", output);
        }

        [Fact]
        public void AnAgentThatIsNotThereIsAnErrorBeforeTheBuild()
        {
            // These fail while the parameters are read, before any engine call: the same on every engine.
            string ctx = Path.Combine(_dir, "plain");
            Directory.CreateDirectory(ctx);
            File.WriteAllText(Path.Combine(ctx, "Dockerfile"), $"FROM {_engine.Image}\n");
            string missing = Path.Combine(_dir, "no-such.sock");
            string keyFile = Path.Combine(_dir, "id_file");
            File.WriteAllText(keyFile, "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n-----END OPENSSH PRIVATE KEY-----\n");

            // A socket file nobody listens on: bound, never listening, so it exists and connecting is refused.
            string dead = Path.Combine(_dir, "dead.sock");
            using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            bound.Bind(new UnixDomainSocketEndPoint(dead));
            Assert.True(File.Exists(dead));
            var cases = new (string Spec, string Id, ErrorCategory Category, string Words)[]
            {
                ("default=" + missing, "BuildSshAgentNotFound", ErrorCategory.ObjectNotFound, "does not exist: " + missing),
                ("default=" + dead, "BuildSshAgentNotFound", ErrorCategory.ResourceUnavailable, "does not answer"),
                ("k=" + keyFile, "BuildSshInvalid", ErrorCategory.NotImplemented, "not an SSH agent socket"),
                ("=" + missing, "BuildSshInvalid", ErrorCategory.InvalidArgument, "has no id"),
            };
            foreach (var (spec, id, category, words) in cases)
            {
                PsResult r = _ps.Run("Build-Image $d -Ssh $s", _engine.Vars(("d", ctx), ("s", spec)));
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.Equal(id + ",DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                Assert.Equal(category, e.CategoryInfo.Category);
                Assert.Equal(spec, e.TargetObject);
                Assert.Contains(words, e.Exception.Message);
                Assert.DoesNotContain("not a real key", e.Exception.Message);
            }

            // -Ssh default with no $SSH_AUTH_SOCK says which variable is missing.
            PsResult unset = _ps.Run("$saved = $env:SSH_AUTH_SOCK; $env:SSH_AUTH_SOCK = $null; try { Build-Image $d -Ssh default } finally { $env:SSH_AUTH_SOCK = $saved }", _engine.Vars(("d", ctx)));
            ErrorRecord u = Assert.Single(unset.Errors);
            Assert.Equal("BuildSshAgentNotFound,DockerPS.Commands.Image.BuildImageCommand", u.FullyQualifiedErrorId);
            Assert.Equal("default", u.TargetObject);
            Assert.Contains("SSH_AUTH_SOCK is not set", u.Exception.Message);
        }

        [Fact]
        public void TheLegacyBuilderHasNoSshForwarding()
        {
            var (socket, _) = StartAgent();
            string ctx = Path.Combine(_dir, "plain");
            Directory.CreateDirectory(ctx);
            File.WriteAllText(Path.Combine(ctx, "Dockerfile"), $"FROM {_engine.Image}\n");

            // Podman's answer: -Builder Auto picks the legacy API there (Buildah), and -Ssh is refused the same way.
            string builder = _engine.IsPodman ? string.Empty : " -Builder Legacy";
            PsResult r = _ps.Run("Build-Image $d" + builder + " -Ssh \"default=$s\"", _engine.Vars(("d", ctx), ("s", socket)));
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal("BuildKitUnavailable,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.NotImplemented, e.CategoryInfo.Category);
            Assert.Equal("Ssh", e.TargetObject);
        }
    }
}
