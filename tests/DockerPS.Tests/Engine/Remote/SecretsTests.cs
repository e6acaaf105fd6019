using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Remote
{
    /// <summary>
    /// Every cmdlet that takes registry credentials, run with -Verbose and -Debug (right and wrong passwords), must not
    /// show the password, the user:password token or an X-Registry-Auth payload on any stream or in the host's text.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class SecretsTests : IClassFixture<RegistryFixture>, IDisposable
    {
        /// <summary>The cmdlets below cover these (the swarm ones: Swarm/SwarmRegistryAuthTests); a new cmdlet with a PSCredential parameter must be added here.</summary>
        private static readonly string[] Covered = { "Build-Image", "Connect-DockerRegistry", "Install-Image", "New-SwarmService", "Publish-ComposeImage", "Publish-Image", "Update-SwarmService" };

        private readonly EngineFixture _engine;
        private readonly RegistryFixture _registry;
        private readonly PowerShellSession _ps;

        /// <summary>Connect-DockerRegistry stores logins: into this folder (DOCKER_CONFIG), never the real ~/.docker.</summary>
        private readonly string _config;

        public SecretsTests(EngineFixture engine, RegistryFixture registry)
        {
            _engine = engine;
            _registry = registry;
            _ps = engine.Session;
            _config = Directory.CreateTempSubdirectory("dps-secret-config-").FullName;
        }

        public void Dispose() => Directory.Delete(_config, true);

        /// <summary>Runs <paramref name="body"/> with every stream merged into the output, and returns all text seen.</summary>
        private (PsResult Result, string Text) RunAll(string body, params (string Name, object? Value)[] vars)
        {
            string script = "$cred = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', $p).SecurePassword); " +
                "$bad = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', 'bad-' + $p).SecurePassword); " +
                "$savedConfig = $env:DOCKER_CONFIG; $env:DOCKER_CONFIG = $cfg; try { " +
                "& { " + body + " } *>&1 | ForEach-Object { $_ } | Out-Default; & { " + body + " } *>&1 } finally { $env:DOCKER_CONFIG = $savedConfig }";
            var all = _engine.Vars(vars.Concat(new (string, object?)[] { ("u", RegistryFixture.User), ("p", RegistryFixture.Password), ("reg", _registry.LoginAddress(_engine)), ("cfg", _config) }).ToArray());
            PsResult r = _ps.Run(script, all);
            var text = new StringBuilder(r.HostText);
            foreach (PSObject o in r.Output)
            {
                text.AppendLine(o.ToString());
                switch (o.BaseObject)
                {
                    case ErrorRecord e:
                        text.AppendLine(e.Exception.ToString()).AppendLine(e.ErrorDetails?.Message).AppendLine(e.TargetObject?.ToString())
                            .AppendLine(e.CategoryInfo.ToString()).AppendLine(e.InvocationInfo?.Line);
                        break;
                    case InformationRecord i:
                        text.AppendLine(i.MessageData?.ToString());
                        break;
                    case ProgressRecord p:
                        text.AppendLine(p.Activity).AppendLine(p.StatusDescription).AppendLine(p.CurrentOperation);
                        break;
                }
            }

            foreach (ErrorRecord e in r.Errors.Concat(r.Terminating == null ? Array.Empty<ErrorRecord>() : new[] { r.Terminating }))
            {
                text.AppendLine(e.ToString()).AppendLine(e.Exception.ToString()).AppendLine(e.ErrorDetails?.Message);
            }

            r.Progress.ForEach(p => text.AppendLine(p.Activity + " " + p.StatusDescription));
            r.Verbose.ForEach(v => text.AppendLine(v));
            r.Warnings.ForEach(v => text.AppendLine(v));
            return (r, text.ToString());
        }

        private static void AssertNoSecret(string text, string what)
        {
            string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(RegistryFixture.User + ":" + RegistryFixture.Password));
            Assert.False(text.Contains(RegistryFixture.Password, StringComparison.Ordinal), what + " shows the password:\n" + text);
            Assert.False(text.Contains(basic, StringComparison.Ordinal), what + " shows the user:password token");
            // X-Registry-Auth and docker config tokens are base64 JSON: they start with eyJ ('{"').
            Assert.False(text.Contains("eyJ", StringComparison.Ordinal), what + " shows a base64 JSON auth payload:\n" + text);
        }

        [Fact]
        public void TheCoveredCmdletsAreAllThatTakeCredentials()
        {
            PsResult r = _ps.Run("Get-Command -Module DockerPS | Where-Object { $_.Parameters.Values.Where({ $_.ParameterType -eq [pscredential] }).Count } | ForEach-Object Name").AssertClean();
            Assert.Equal(Covered, r.Output.Select(o => (string)o.BaseObject).OrderBy(n => n, StringComparer.Ordinal));
        }

        [SkippableFact]
        public void NoStreamShowsThePasswordOfAnyCredentialCmdlet()
        {
            string name = _registry.LoginAddress(_engine) + "/dockerps-test/secret-" + _engine.RunId + ":t1";
            _ps.Run("Add-ImageTag $img $n", _engine.Vars(("n", name))).AssertClean();
            string dir = Directory.CreateTempSubdirectory("dps-secret-build-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(dir, "Dockerfile"), $"FROM {name}\nRUN true\n");
                File.WriteAllText(Path.Combine(dir, "compose.yaml"), $"services:\n  s:\n    image: {name}\n");
                var runs = new (string What, string Script)[]
                {
                    ("Connect-DockerRegistry, wrong password", "Connect-DockerRegistry $reg -Credential $bad -Verbose -Debug"),
                    ("Connect-DockerRegistry", "Connect-DockerRegistry $reg -Credential $cred -Verbose -Debug"),
                    ("Publish-Image, wrong password", "Publish-Image $n -Credential $bad -Verbose -Debug"),
                    ("Publish-Image", "Publish-Image $n -Credential $cred -Verbose -Debug"),
                    ("Publish-ComposeImage, wrong password", "Publish-ComposeImage -File $cf -Credential $bad -Verbose -Debug"),
                    ("Publish-ComposeImage", "Publish-ComposeImage -File $cf -Credential $cred -Verbose -Debug"),
                    ("Install-Image, wrong password", "Install-Image $n -Credential $bad -Verbose -Debug"),
                    ("Install-Image", "Install-Image $n -Credential $cred -Verbose -Debug"),
                    ("Build-Image, wrong password", "Build-Image $d -Tag $t -Network none -Credential $bad -Verbose -Debug -Label @{ 'dockerps.test' = $run }"),
                    ("Build-Image", "Build-Image $d -Tag $t -Network none -Credential $cred -Verbose -Debug -Label @{ 'dockerps.test' = $run }"),
                };
                bool sawFailure = false;
                foreach (var (what, script) in runs)
                {
                    var (r, text) = RunAll(script, ("n", name), ("d", dir), ("t", "dockerps-test/secret-build:" + _engine.RunId), ("cf", Path.Combine(dir, "compose.yaml")));
                    AssertNoSecret(text, what);
                    Assert.Contains("VERBOSE", text + string.Join(" ", r.Output.Select(o => o.BaseObject.GetType().Name)), StringComparison.OrdinalIgnoreCase);
                    sawFailure |= what.EndsWith("wrong password", StringComparison.Ordinal) && r.Output.Any(o => o.BaseObject is ErrorRecord);
                    if (!what.EndsWith("wrong password", StringComparison.Ordinal))
                    {
                        Assert.DoesNotContain(r.Output, o => o.BaseObject is ErrorRecord);
                    }
                }

                Assert.True(sawFailure, "no wrong-password run failed, so the error path was not audited");
            }
            finally
            {
                Directory.Delete(dir, true);
                _ps.Run("Remove-Image $n -Force -ErrorAction SilentlyContinue", _engine.Vars(("n", name)));
            }
        }
    }
}
