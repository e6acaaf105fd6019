using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>
    /// Build-Image with BuildKit against the local registries of RegistryFixture (127.0.0.1 only): the session's Auth
    /// service hands BuildKit the credentials for a FROM image on the htpasswd registry (from -Credential and from the
    /// docker config), a build without them fails with the registry's 401, and a # syntax= frontend is resolved by the
    /// engine as docker build does (a frontend that does not exist is named in the error). The docker 20.10 CLI
    /// (DOCKER_BUILDKIT=1, its own config folder) is the witness on the same files.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class BuildKitRegistryTests : IClassFixture<RegistryFixture>, IDisposable
    {
        private const string PodmanHasNoBuildKit = "Podman builds with Buildah: Build-Image uses the legacy API there (no BuildKit session)";

        /// <summary>Debian's docker.io CLI (20.10) builds with BuildKit itself; the newer CLI on PATH needs the buildx plugin.</summary>
        private const string Cli2010 = "/usr/bin/docker";

        private readonly EngineFixture _engine;
        private readonly RegistryFixture _registry;
        private readonly PowerShellSession _ps;
        private readonly string _dir;

        public BuildKitRegistryTests(EngineFixture engine, RegistryFixture registry)
        {
            _engine = engine;
            _registry = registry;
            _ps = engine.Session;
            _dir = Directory.CreateTempSubdirectory("dps-bkreg-").FullName;
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private string Context(string name, string dockerfile)
        {
            string dir = Path.Combine(_dir, name);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Dockerfile"), dockerfile);
            return dir;
        }

        /// <summary>A docker config folder (DOCKER_CONFIG) with a login for the auth registry, or empty.</summary>
        private string Config(bool login)
        {
            string dir = Path.Combine(_dir, login ? "config-login" : "config-empty");
            Directory.CreateDirectory(dir);
            if (login)
            {
                string token = Convert.ToBase64String(Encoding.UTF8.GetBytes(RegistryFixture.User + ":" + RegistryFixture.Password));
                File.WriteAllText(Path.Combine(dir, "config.json"), "{\"auths\":{\"" + _registry.Auth + "\":{\"auth\":\"" + token + "\"}}}");
            }

            return dir;
        }

        private static (int Code, string Output) Docker2010(string arguments, string dir, string config)
        {
            var start = new ProcessStartInfo(Cli2010, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
            start.Environment["DOCKER_BUILDKIT"] = "1";
            start.Environment["DOCKER_CONFIG"] = config;
            using Process p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            string output = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + output);
        }

        /// <summary>Runs a Build-Image script with a credential ($cred) and DOCKER_CONFIG set to <paramref name="config"/>; every stream merged into the text.</summary>
        private (PsResult Result, string Text) Build(string body, string config, params (string Name, object? Value)[] vars)
        {
            string script = "$cred = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', $p).SecurePassword); " +
                "$savedConfig = $env:DOCKER_CONFIG; $env:DOCKER_CONFIG = $cfg; try { & { " + body + " } *>&1 } finally { $env:DOCKER_CONFIG = $savedConfig }";
            var all = _engine.Vars(vars.Concat(new (string, object?)[] { ("u", RegistryFixture.User), ("p", RegistryFixture.Password), ("cfg", config), ("run", _engine.RunId) }).ToArray());
            PsResult r = _ps.Run(script, all);
            var text = new StringBuilder(r.HostText);
            foreach (PSObject o in r.Output)
            {
                text.AppendLine(o.ToString());
                switch (o.BaseObject)
                {
                    case ErrorRecord e:
                        text.AppendLine(e.Exception.ToString()).AppendLine(e.ErrorDetails?.Message).AppendLine(e.TargetObject?.ToString());
                        break;
                    case InformationRecord i:
                        text.AppendLine(i.MessageData?.ToString());
                        break;
                    case ProgressRecord p:
                        text.AppendLine(p.Activity).AppendLine(p.StatusDescription).AppendLine(p.CurrentOperation);
                        break;
                }
            }

            r.Errors.ForEach(e => text.AppendLine(e.Exception.ToString()));
            r.Verbose.ForEach(v => text.AppendLine(v));
            r.Warnings.ForEach(v => text.AppendLine(v));
            return (r, text.ToString());
        }

        private static void AssertNoPassword(string text)
        {
            string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(RegistryFixture.User + ":" + RegistryFixture.Password));
            Assert.False(text.Contains(RegistryFixture.Password, StringComparison.Ordinal), "a stream shows the password:\n" + text);
            Assert.False(text.Contains(basic, StringComparison.Ordinal), "a stream shows the user:password token");
        }

        /// <summary>Errors written into the merged output and statement-terminating ones alike.</summary>
        private static List<ErrorRecord> Errors(PsResult r) =>
            r.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().Concat(r.Errors).ToList();

        private void RemoveBuilt(PsResult r)
        {
            foreach (PSObject o in r.Output.Where(o => o.Properties["Builder"] != null && o.Properties["Id"] != null))
            {
                _ps.Run("Remove-Image $i -Force", _engine.Vars(("i", o.Properties["Id"].Value)));
            }
        }

        [SkippableFact]
        public void AFromImageOnALoginRegistryComesThroughTheSessionWithCredentialsAndFailsWithoutThem()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);

            // The base image lives only in the auth registry: pushed, then removed here.
            string base1 = _registry.Auth + "/dockerps-test/bkreg-base-" + _engine.RunId + ":1";
            var (pushed, pushText) = Build("Add-ImageTag $img $n; Publish-Image $n -Credential $cred | Out-Null; Remove-Image $n | Out-Null", Config(false), ("n", base1));
            Assert.Empty(Errors(pushed));
            AssertNoPassword(pushText);
            Assert.Empty(_ps.Run("Get-Image -Name $n -ErrorAction SilentlyContinue", _engine.Vars(("n", base1))).Output);
            string ctx = Context("from", $"FROM {base1}\nRUN echo built-on-the-pulled-base\n");

            // With -Credential: BuildKit (not the legacy builder), the session answered for the registry.
            var (withCred, text) = Build("Build-Image $d -Network none -NoCache -Credential $cred -Label @{ 'dockerps.test' = $run } -Verbose -Debug", Config(false), ("d", ctx));
            try
            {
                Assert.Empty(Errors(withCred));
                Assert.Equal("BuildKit", withCred.Output.Single(o => o.Properties["Builder"] != null).Properties["Builder"].Value);
                Assert.Contains("asked the session for credentials of " + _registry.Auth + ": -Credential, user " + RegistryFixture.User, text);
                AssertNoPassword(text);
            }
            finally
            {
                RemoveBuilt(withCred);
            }

            // From the docker config (DOCKER_CONFIG), no -Credential: the same.
            var (fromConfig, configText) = Build("Build-Image $d -Network none -NoCache -Label @{ 'dockerps.test' = $run } -Verbose", Config(true), ("d", ctx));
            try
            {
                Assert.Empty(Errors(fromConfig));
                Assert.Equal("BuildKit", fromConfig.Output.Single(o => o.Properties["Builder"] != null).Properties["Builder"].Value);
                Assert.Contains("asked the session for credentials of " + _registry.Auth, configText);
                AssertNoPassword(configText);
            }
            finally
            {
                RemoveBuilt(fromConfig);
            }

            // Without any: the registry's 401, as an authentication error that names the registry.
            var (without, withoutText) = Build("Build-Image $d -Network none -NoCache -Verbose -Debug", Config(false), ("d", ctx));
            ErrorRecord e = Assert.Single(Errors(without));
            Assert.Equal("AuthenticationFailed,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, e.CategoryInfo.Category);
            Assert.Contains("401 Unauthorized", e.Exception.Message);
            Assert.Contains(_registry.Auth, e.Exception.Message);
            Assert.Contains(_registry.Auth + ": none, anonymous", withoutText);
            AssertNoPassword(withoutText);

            // The docker 20.10 CLI: the same build succeeds with the login and fails with the same 401 without it.
            Skip.IfNot(File.Exists(Cli2010), "the docker.io 20.10 CLI is not at " + Cli2010);
            var (okCode, okOut) = Docker2010("build --network none --no-cache -q .", ctx, Config(true));
            Assert.True(okCode == 0, okOut);
            _ps.Run("Remove-Image $i -Force", _engine.Vars(("i", okOut.Trim().Split('\n').Last().Trim())));
            var (badCode, badOut) = Docker2010("build --network none --no-cache -q .", ctx, Config(false));
            Assert.NotEqual(0, badCode);
            Assert.Contains("401 Unauthorized", badOut);
        }

        [SkippableFact]
        public void ASyntaxFrontendIsResolvedByTheEngineAndAMissingOneIsNamed()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);

            // Loopback registries only: the open one has no such image; the auth one wants a login first.
            string frontend = _registry.Open + "/no-such-frontend:1";
            string ctx = Context("syntax", $"# syntax={frontend}\nFROM {_engine.Image}\n");
            var (r, text) = Build("Build-Image $d -Network none -Verbose", Config(false), ("d", ctx));
            ErrorRecord e = Assert.Single(Errors(r));
            Assert.Equal("ImageNotFound,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.Contains(frontend + ": not found", e.Exception.Message);
            Assert.Contains("the Dockerfile's frontend " + frontend, text);

            string authFrontend = _registry.Auth + "/no-such-frontend:1";
            string authCtx = Context("syntax-auth", $"# syntax={authFrontend}\nFROM {_engine.Image}\n");
            var (a, authText) = Build("Build-Image $d -Network none -Verbose -Debug", Config(false), ("d", authCtx));
            ErrorRecord ae = Assert.Single(Errors(a));
            Assert.Equal("AuthenticationFailed,DockerPS.Commands.Image.BuildImageCommand", ae.FullyQualifiedErrorId);
            Assert.Contains("401 Unauthorized", ae.Exception.Message);

            // With the login in the docker config, the session answers and the engine finds that there is no such frontend.
            var (withLogin, loginText) = Build("Build-Image $d -Network none -Verbose -Debug", Config(true), ("d", authCtx));
            ErrorRecord le = Assert.Single(Errors(withLogin));
            Assert.Equal("ImageNotFound,DockerPS.Commands.Image.BuildImageCommand", le.FullyQualifiedErrorId);
            Assert.Contains(authFrontend + ": not found", le.Exception.Message);
            AssertNoPassword(authText + loginText);

            // The legacy builder reads the directive as a comment.
            PsResult legacy = _ps.Run("Build-Image $d -Builder Legacy -Label @{ 'dockerps.test' = $run }", _engine.Vars(("d", ctx), ("run", _engine.RunId))).AssertClean();
            Assert.Equal("Legacy", legacy.Output[0].Properties["Builder"]?.Value);

            // The docker 20.10 CLI fails the same way on the same files.
            Skip.IfNot(File.Exists(Cli2010), "the docker.io 20.10 CLI is not at " + Cli2010);
            var (code, output) = Docker2010("build --network none .", ctx, Config(false));
            Assert.NotEqual(0, code);
            Assert.Contains(frontend + ": not found", output);
            var (authCode, authOutput) = Docker2010("build --network none .", authCtx, Config(true));
            Assert.NotEqual(0, authCode);
            Assert.Contains(authFrontend + ": not found", authOutput);
        }
    }
}
