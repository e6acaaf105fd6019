using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>
    /// Connect-DockerRegistry stores the login where docker login does, Disconnect-DockerRegistry erases it, and the
    /// docker CLI (same config folder, same engine) is the witness both ways. Every test has its own DOCKER_CONFIG
    /// folder (and its own credential helper on PATH): the real ~/.docker is never touched.
    /// </summary>
    [Collection(EngineCollection.Name)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // a shell-script credential helper and Unix file modes
    public sealed class RegistryStoreTests : IClassFixture<RegistryFixture>, IDisposable
    {
        private const string PodmanReason = "Podman: the registry fixture listens on random ports, which registries.conf cannot mark insecure, so podman speaks https to it (observed: Connect-DockerRegistry there is RegistryUnreachable, not a login)";
        private readonly EngineFixture _engine;
        private readonly RegistryFixture _registry;
        private readonly PowerShellSession _ps;
        private readonly string _dir;
        private readonly string _config;
        private readonly string _bin;
        private readonly string _helper;

        public RegistryStoreTests(EngineFixture engine, RegistryFixture registry)
        {
            _engine = engine;
            _registry = registry;
            _ps = engine.Session;
            _dir = Directory.CreateTempSubdirectory("dps-regstore-").FullName;
            _config = Path.Combine(_dir, "config");
            _bin = Path.Combine(_dir, "bin");
            Directory.CreateDirectory(_bin);
            _helper = "dpstest" + engine.RunId;
            WriteHelper();
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private string ConfigFile => Path.Combine(_config, "config.json");

        private string CallsLog => Path.Combine(_bin, "calls.log");

        private string Name(string hint) => _registry.Auth + "/dockerps-test/" + hint + "-" + _engine.RunId + ":t1";

        private static string Basic => Convert.ToBase64String(Encoding.UTF8.GetBytes(RegistryFixture.User + ":" + RegistryFixture.Password));

        /// <summary>
        /// docker-credential-&lt;name&gt;: a shell script that keeps each server's JSON in a file beside it and logs every
        /// call (action and stdin, the secret masked) to calls.log.
        /// </summary>
        private void WriteHelper()
        {
            string script = "#!/bin/sh\n" +
                "d=$(dirname \"$0\")/store; mkdir -p \"$d\"; in=$(cat)\n" +
                "echo \"$1 $in\" | sed 's/\"Secret\":\"[^\"]*\"/\"Secret\":\"***\"/' >> \"$(dirname \"$0\")/calls.log\"\n" +
                "key() { printf '%s' \"$1\" | od -An -tx1 | tr -d ' \\n'; }\n" +
                "case \"$1\" in\n" +
                "  store) u=$(printf '%s' \"$in\" | sed -n 's/.*\"ServerURL\":\"\\([^\"]*\\)\".*/\\1/p'); printf '%s' \"$in\" > \"$d/$(key \"$u\")\" ;;\n" +
                "  get) f=\"$d/$(key \"$in\")\"; if [ -f \"$f\" ]; then cat \"$f\"; else echo 'credentials not found in native keychain'; exit 1; fi ;;\n" +
                "  erase) f=\"$d/$(key \"$in\")\"; if [ -f \"$f\" ]; then rm \"$f\"; else echo 'credentials not found in native keychain'; exit 1; fi ;;\n" +
                "  list) echo '{}' ;;\n" +
                "  *) echo 'unknown action'; exit 1 ;;\n" +
                "esac\n";
            string path = Path.Combine(_bin, "docker-credential-" + _helper);
            File.WriteAllText(path, script);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        private string HelperStoreText() =>
            Directory.Exists(Path.Combine(_bin, "store")) ? string.Concat(Directory.GetFiles(Path.Combine(_bin, "store")).Select(File.ReadAllText)) : string.Empty;

        private string[] Calls() => File.Exists(CallsLog) ? File.ReadAllLines(CallsLog) : Array.Empty<string>();

        /// <summary>Runs a script with DOCKER_CONFIG on the test's folder and the helper first on PATH, then puts both back.</summary>
        private PsResult Run(string script, params (string Name, object? Value)[] vars)
        {
            var all = vars.ToDictionary(v => v.Name, v => v.Value);
            all["u"] = RegistryFixture.User;
            all["p"] = RegistryFixture.Password;
            all["reg"] = _registry.Auth;
            all["cfg"] = _config;
            all["bin"] = _bin;
            all["img"] = _engine.Image;
            return _ps.Run(
                "$cred = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', $p).SecurePassword); " +
                "$savedConfig = $env:DOCKER_CONFIG; $savedPath = $env:PATH; $env:DOCKER_CONFIG = $cfg; $env:PATH = $bin + [IO.Path]::PathSeparator + $env:PATH; " +
                "try { " + script + " } finally { $env:DOCKER_CONFIG = $savedConfig; $env:PATH = $savedPath }", all);
        }

        /// <summary>The docker CLI with the test's config folder (and helper on PATH), on the same engine.</summary>
        private (int Code, string Output) Docker(string? stdin, params string[] arguments)
        {
            var start = new ProcessStartInfo("docker") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(_config);
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["PATH"] = _bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            using Process p = Process.Start(start)!;
            p.StandardInput.Write(stdin ?? string.Empty);
            p.StandardInput.Close();
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }

        private static void AssertNoPassword(PsResult r, string what)
        {
            var texts = new List<string>();
            texts.AddRange(r.Output.Select(o => o.ToString()));
            texts.AddRange(r.Verbose);
            texts.AddRange(r.Warnings);
            texts.AddRange(r.Errors.Select(e => e.ToString() + e.Exception + e.ErrorDetails?.Message + e.TargetObject));
            texts.AddRange(r.Progress.Select(p => p.Activity + p.StatusDescription + p.CurrentOperation));
            if (r.Terminating != null)
            {
                texts.Add(r.Terminating.ToString() + r.Terminating.Exception);
            }

            texts.Add(r.HostText);
            string all = string.Join("\n", texts);
            Assert.False(all.Contains(RegistryFixture.Password, StringComparison.Ordinal), what + " shows the password:\n" + all);
            Assert.False(all.Contains(Basic, StringComparison.Ordinal), what + " shows the user:password token");
        }

        private void Tag(string name) => _ps.Run("Add-ImageTag $img $n", _engine.Vars(("n", name))).AssertClean();

        private void Untag(string name) => _ps.Run("Remove-Image $n -Force -ErrorAction SilentlyContinue", _engine.Vars(("n", name)));

        [SkippableFact]
        public void ConnectWritesAuthsAsDockerLoginDoesAndKeepsEveryOtherByte()
        {
            Skip.If(_engine.IsPodman, PodmanReason);
            Directory.CreateDirectory(_config);
            string before = "{\n  \"psFormat\": \"table {{.ID}}\",\n  \"auths\": {\n    \"other.example:1\": {\"auth\": \"b3RoZXI6eA==\"}\n  },\n  \"detachKeys\": \"ctrl-q\"\n}\n";
            File.WriteAllText(ConfigFile, before);

            PsResult whatIf = Run("Connect-DockerRegistry $reg -Credential $cred -WhatIf");
            whatIf.AssertClean();
            Assert.Equal(before, File.ReadAllText(ConfigFile));

            PsResult login = Run("Connect-DockerRegistry \"http://$reg/\" -Credential $cred -Verbose -Debug").AssertClean();
            AssertNoPassword(login, "Connect-DockerRegistry");
            DockerRegistryLogin info = login.Single<DockerRegistryLogin>();
            Assert.Equal(ConfigFile, info.Store);
            Assert.Equal(_registry.Auth, info.Registry);
            string expected = before.Replace(
                "{\"auth\": \"b3RoZXI6eA==\"}\n  }",
                "{\"auth\": \"b3RoZXI6eA==\"},\n    \"" + _registry.Auth + "\": {\n      \"auth\": \"" + Basic + "\"\n    }\n  }");
            Assert.Equal(expected, File.ReadAllText(ConfigFile));
            Assert.Empty(Directory.GetFiles(_config, "*.partial"));

            // The docker CLI, with the same config folder, pushes with the stored login.
            string name = Name("store-cli");
            Tag(name);
            try
            {
                var push = Docker(null, "push", name);
                Assert.True(push.Code == 0, push.Output);

                // A later login by the docker CLI is what DockerPS then uses.
                var logout = Docker(null, "logout", _registry.Auth);
                Assert.True(logout.Code == 0, logout.Output);
                Assert.DoesNotContain(_registry.Auth, File.ReadAllText(ConfigFile), StringComparison.Ordinal);
                Assert.Equal("AuthenticationFailed", Assert.Single(Run("Publish-Image $n", ("n", name)).Errors).FullyQualifiedErrorId.Split(',')[0]);
                var cliLogin = Docker(RegistryFixture.Password, "login", "-u", RegistryFixture.User, "--password-stdin", _registry.Auth);
                Assert.True(cliLogin.Code == 0, cliLogin.Output);
                PsResult push2 = Run("Publish-Image $n -Verbose", ("n", name)).AssertClean();
                Assert.Contains(push2.Verbose, v => v.Contains("docker config " + ConfigFile, StringComparison.Ordinal));
            }
            finally
            {
                Untag(name);
            }
        }

        [SkippableFact]
        public void ANewConfigFileAndFolderAreOnlyTheUsersAndAFailedLoginWritesNothing()
        {
            Skip.If(_engine.IsPodman, PodmanReason);
            PsResult wrong = Run("$bad = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', 'bad-' + $p).SecurePassword); Connect-DockerRegistry $reg -Credential $bad -Verbose");
            Assert.Equal("AuthenticationFailed,DockerPS.Commands.Registry.ConnectDockerRegistryCommand", Assert.Single(wrong.Errors).FullyQualifiedErrorId);
            Assert.False(Directory.Exists(_config), "a failed login created the config folder");

            Run("Connect-DockerRegistry $reg -Credential $cred").AssertClean();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_config));
            Assert.Equal("{\n\t\"auths\": {\n\t\t\"" + _registry.Auth + "\": {\n\t\t\t\"auth\": \"" + Basic + "\"\n\t\t}\n\t}\n}", File.ReadAllText(ConfigFile));

            string after = File.ReadAllText(ConfigFile);
            Run("$bad = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', 'bad-' + $p).SecurePassword); Connect-DockerRegistry $reg -Credential $bad");
            Assert.Equal(after, File.ReadAllText(ConfigFile));
        }

        [Fact]
        public void DisconnectRemovesTheAuthsEntryAndSaysWhenThereWasNoLogin()
        {
            Directory.CreateDirectory(_config);
            string key = _registry.Auth;
            File.WriteAllText(ConfigFile, "{\n\t\"auths\": {\n\t\t\"" + key + "\": {\n\t\t\t\"auth\": \"" + Basic + "\"\n\t\t},\n\t\t\"keep.example\": {}\n\t},\n\t\"psFormat\": \"x\"\n}");
            string before = File.ReadAllText(ConfigFile);

            Run("Disconnect-DockerRegistry $reg -WhatIf").AssertClean();
            Assert.Equal(before, File.ReadAllText(ConfigFile));
            Run("Disconnect-DockerRegistry $reg -SessionOnly -ErrorAction SilentlyContinue");
            Assert.Equal(before, File.ReadAllText(ConfigFile));

            PsResult logout = Run("Disconnect-DockerRegistry $reg -Verbose").AssertClean();
            Assert.Contains(logout.Verbose, v => v.Contains("Removing login credentials for " + key, StringComparison.Ordinal));
            Assert.Equal("{\n\t\"auths\": {\n\t\t\"keep.example\": {}\n\t},\n\t\"psFormat\": \"x\"\n}", File.ReadAllText(ConfigFile));

            PsResult again = Run("Disconnect-DockerRegistry $reg, 'keep.example'; 'after'");
            Assert.Equal(2, again.Errors.Count);
            Assert.All(again.Errors, e => Assert.Equal("RegistryLoginNotFound,DockerPS.Commands.Registry.DisconnectDockerRegistryCommand", e.FullyQualifiedErrorId));
            Assert.Equal(key, again.Errors[0].TargetObject);
            Assert.Contains("Not logged in to " + key, again.Errors[0].ToString(), StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.ObjectNotFound, again.Errors[0].CategoryInfo.Category);
            Assert.Equal("after", Assert.Single(again.Output).BaseObject);
        }

        [SkippableTheory]
        [InlineData("credsStore")]
        [InlineData("credHelpers")]
        public void AHelperGetsTheLoginAndThePasswordReachesNoStreamNorTheConfigFile(string how)
        {
            Skip.If(_engine.IsPodman, PodmanReason);
            Directory.CreateDirectory(_config);
            File.WriteAllText(ConfigFile, how == "credsStore"
                ? "{\n\t\"credsStore\": \"" + _helper + "\"\n}\n"
                : "{\n\t\"auths\": {\n\t\t\"" + _registry.Auth + "\": {\n\t\t\t\"auth\": \"" + Convert.ToBase64String(Encoding.UTF8.GetBytes("old:old")) + "\"\n\t\t}\n\t},\n\t\"credHelpers\": {\n\t\t\"" + _registry.Auth + "\": \"" + _helper + "\"\n\t}\n}\n");
            string name = Name("helper-" + how.ToLowerInvariant());
            Tag(name);
            try
            {
                PsResult login = Run("Connect-DockerRegistry $reg -Credential $cred -Verbose -Debug").AssertClean();
                AssertNoPassword(login, "Connect-DockerRegistry with " + how);
                Assert.Equal("docker-credential-" + _helper, login.Single<DockerRegistryLogin>().Store);
                Assert.Contains("store {\"ServerURL\":\"" + _registry.Auth + "\",\"Username\":\"" + RegistryFixture.User + "\",\"Secret\":\"***\"}", Calls());
                Assert.Contains(RegistryFixture.Password, HelperStoreText(), StringComparison.Ordinal);
                string config = File.ReadAllText(ConfigFile);
                Assert.DoesNotContain(RegistryFixture.Password, config, StringComparison.Ordinal);
                Assert.DoesNotContain(Basic, config, StringComparison.Ordinal);
                Assert.DoesNotContain("\"auth\"", config, StringComparison.Ordinal);
                Assert.Contains("\"" + _registry.Auth + "\": {}", config, StringComparison.Ordinal);

                // DockerPS reads it back through the helper; so does the docker CLI.
                PsResult push = Run("Publish-Image $n -Verbose -Debug", ("n", name)).AssertClean();
                AssertNoPassword(push, "Publish-Image through " + how);
                Assert.Contains(push.Verbose, v => v.Contains("credential helper docker-credential-" + _helper, StringComparison.Ordinal));
                Assert.Contains("get " + _registry.Auth, Calls());
                var cli = Docker(null, "push", name);
                Assert.True(cli.Code == 0, cli.Output);

                PsResult logout = Run("Disconnect-DockerRegistry $reg -Verbose -Debug").AssertClean();
                AssertNoPassword(logout, "Disconnect-DockerRegistry");
                Assert.Contains("erase " + _registry.Auth, Calls());
                Assert.Equal(string.Empty, HelperStoreText());
                Assert.DoesNotContain("\"" + _registry.Auth + "\": {}", File.ReadAllText(ConfigFile), StringComparison.Ordinal);
                Assert.Contains("\"" + _helper + "\"", File.ReadAllText(ConfigFile), StringComparison.Ordinal);

                PsResult after = Run("Publish-Image $n", ("n", name));
                Assert.Equal("AuthenticationFailed,DockerPS.Commands.Image.PublishImageCommand", Assert.Single(after.Errors).FullyQualifiedErrorId);
                PsResult again = Run("Disconnect-DockerRegistry $reg");
                Assert.Equal("RegistryLoginNotFound,DockerPS.Commands.Registry.DisconnectDockerRegistryCommand", Assert.Single(again.Errors).FullyQualifiedErrorId);
            }
            finally
            {
                Untag(name);
            }
        }

        [Fact]
        public void AHelperThatFailsIsCredentialHelperFailedWithoutThePassword()
        {
            Directory.CreateDirectory(_config);
            File.WriteAllText(ConfigFile, "{\"credsStore\": \"dps-missing-" + _engine.RunId + "\"}");
            PsResult r = Run("Disconnect-DockerRegistry $reg");
            Assert.Equal("CredentialHelperFailed,DockerPS.Commands.Registry.DisconnectDockerRegistryCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
            Assert.Contains("docker-credential-dps-missing-" + _engine.RunId, r.Errors[0].ToString(), StringComparison.Ordinal);
        }

        [SkippableFact]
        public void ALoginMadeInOneProcessPushesFromAnotherLikeAScheduledTask()
        {
            Skip.If(_engine.IsPodman, PodmanReason);
            string name = Name("task");
            Tag(name);
            try
            {
                var login = Pwsh("$c = [pscredential]::new($env:DPS_USER, (ConvertTo-SecureString $env:DPS_SECRET -AsPlainText -Force)); " +
                    "Connect-DockerRegistry $env:DPS_REG -Credential $c -ErrorAction Stop | ForEach-Object Store", secret: true);
                Assert.True(login.Code == 0, login.Output);
                Assert.Contains(ConfigFile, login.Output, StringComparison.Ordinal);
                Assert.DoesNotContain(RegistryFixture.Password, login.Output, StringComparison.Ordinal);

                var push = Pwsh("$ErrorActionPreference = 'Stop'; Publish-Image $env:DPS_IMAGE | ForEach-Object Reference", secret: false, ("DPS_IMAGE", name));
                Assert.True(push.Code == 0, push.Output);
                Assert.Contains(name, push.Output, StringComparison.Ordinal);
            }
            finally
            {
                Untag(name);
            }
        }

        /// <summary>A child pwsh -NoProfile -NonInteractive with the module, DOCKER_CONFIG on the test's folder; the password only in its environment.</summary>
        private (int Code, string Output) Pwsh(string script, bool secret, params (string Name, string Value)[] env)
        {
            string file = Path.Combine(_dir, "task-" + Guid.NewGuid().ToString("N").Substring(0, 6) + ".ps1");
            File.WriteAllText(file, "Import-Module '" + Paths.ManifestForScript + "' -ErrorAction Stop\n" + script + "\n");
            var start = new ProcessStartInfo("pwsh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "-NoProfile", "-NonInteractive", "-File", file })
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["DOCKER_CONFIG"] = _config;
            start.Environment["DPS_REG"] = _registry.Auth;
            start.Environment["DPS_USER"] = RegistryFixture.User;
            start.Environment.Remove("DPS_SECRET");
            if (secret)
            {
                start.Environment["DPS_SECRET"] = RegistryFixture.Password;
            }

            foreach (var (n, v) in env)
            {
                start.Environment[n] = v;
            }

            using Process p = Process.Start(start)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output + stderr.Result);
        }
    }
}
