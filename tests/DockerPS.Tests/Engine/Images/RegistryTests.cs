using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>Install-Image, Publish-Image and Connect/Disconnect-DockerRegistry against local docker-registry processes.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class RegistryTests : IClassFixture<RegistryFixture>
    {
        private const string CredentialScript = "$cred = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', $p).SecurePassword); ";
        private readonly EngineFixture _engine;
        private readonly RegistryFixture _registry;
        private readonly PowerShellSession _ps;

        public RegistryTests(EngineFixture engine, RegistryFixture registry)
        {
            _engine = engine;
            _registry = registry;
            _ps = engine.Session;
        }

        private Dictionary<string, object?> Vars(params (string, object?)[] pairs)
        {
            var d = pairs.ToDictionary(p => p.Item1, p => p.Item2);
            d.TryAdd("u", RegistryFixture.User);
            d.TryAdd("p", RegistryFixture.Password);
            return d;
        }

        private string Name(string registry, string hint) => registry + "/dockerps-test/" + hint + "-" + _engine.RunId + ":t1";

        private static void AssertNoPassword(PsResult r)
        {
            var texts = new List<string>();
            texts.AddRange(r.Output.Select(o => o.ToString()));
            texts.AddRange(r.Verbose);
            texts.AddRange(r.Warnings);
            texts.AddRange(r.Errors.Select(e => e.ToString() + e.Exception + e.ErrorDetails?.Message + e.TargetObject));
            texts.AddRange(r.Progress.Select(p => p.Activity + p.StatusDescription));
            if (r.Terminating != null)
            {
                texts.Add(r.Terminating.ToString() + r.Terminating.Exception);
            }

            texts.Add(r.HostText);
            Assert.DoesNotContain(texts, t => t != null && t.Contains(RegistryFixture.Password, StringComparison.Ordinal));
        }

        [SkippableFact]
        public void PushRemovePullRoundTripsThroughTheOpenRegistry()
        {
            string name = Name(_registry.Open, "roundtrip");
            _ps.Run("Add-ImageTag $s $n", Vars(("s", _engine.Image), ("n", name))).AssertClean();

            PsResult push = _ps.Run("Publish-Image $n", Vars(("n", name))).AssertClean();
            DockerImage pushed = push.Single<DockerImage>();
            Assert.Equal(name, pushed.Reference);
            Assert.Contains(pushed.RepoDigests, d => d.StartsWith(name.Split(':')[0] + ":" + name.Split(':')[1].Split('/')[0], StringComparison.Ordinal) || d.Contains("@sha256:", StringComparison.Ordinal));
            Assert.Contains(push.Progress, p => p.ParentActivityId == -1 && p.Activity.StartsWith("Pushing", StringComparison.Ordinal));
            if (!_engine.IsPodman)
            {
                // Podman 4.3's compat push reports no per-layer progress (observed: only "The push refers to..." and the digest line).
                Assert.Contains(push.Progress, p => p.ParentActivityId > 0);
            }

            Assert.Contains(push.Progress, p => p.RecordType == ProgressRecordType.Completed && p.ParentActivityId == -1);

            var removed = _ps.Run("Remove-Image $n", Vars(("n", name))).AssertClean().All<DockerImageRemoval>();
            Assert.Contains(removed, x => x.Action == "Untagged" && x.Target == name);

            PsResult pull = _ps.Run("Install-Image $n", Vars(("n", name))).AssertClean();
            DockerImage pulled = pull.Single<DockerImage>();
            Assert.Equal(name, pulled.Reference);
            Assert.Equal(pushed.Id, pulled.Id);
            Assert.Contains(pull.Progress, p => p.Activity.StartsWith("Pulling", StringComparison.Ordinal));
        }

        [Fact]
        public void PullingAnImageTheRegistryLacksIsImageNotFound()
        {
            string name = Name(_registry.Open, "absent");
            PsResult r = _ps.Run("Install-Image $n; 'after'", Vars(("n", name)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("ImageNotFound,DockerPS.Commands.Image.InstallImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(name, e.TargetObject);
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
        }

        [Fact]
        public void AuthRegistryRejectsNoAndWrongCredentialsAndTakesTheRightOnes()
        {
            string name = Name(_registry.Auth, "auth");
            _ps.Run("Add-ImageTag $s $n", Vars(("s", _engine.Image), ("n", name))).AssertClean();

            PsResult anonymous = _ps.Run("Publish-Image $n", Vars(("n", name)));
            Assert.Equal("AuthenticationFailed,DockerPS.Commands.Image.PublishImageCommand", Assert.Single(anonymous.Errors).FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, anonymous.Errors[0].CategoryInfo.Category);

            PsResult wrong = _ps.Run("$cred = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', 'wrong-' + $p).SecurePassword); Publish-Image $n -Credential $cred -Verbose", Vars(("n", name)));
            Assert.Equal("AuthenticationFailed,DockerPS.Commands.Image.PublishImageCommand", Assert.Single(wrong.Errors).FullyQualifiedErrorId);
            AssertNoPassword(wrong);

            PsResult right = _ps.Run(CredentialScript + "Publish-Image $n -Credential $cred -Verbose -Debug", Vars(("n", name))).AssertClean();
            Assert.Equal(name, right.Single<DockerImage>().Reference);
            AssertNoPassword(right);

            _ps.Run("Remove-Image $n", Vars(("n", name))).AssertClean();
            PsResult pullAnonymous = _ps.Run("Install-Image $n", Vars(("n", name)));
            Assert.Equal("AuthenticationFailed,DockerPS.Commands.Image.InstallImageCommand", Assert.Single(pullAnonymous.Errors).FullyQualifiedErrorId);

            PsResult pull = _ps.Run(CredentialScript + "Install-Image $n -Credential $cred -Verbose", Vars(("n", name))).AssertClean();
            Assert.Equal(name, pull.Single<DockerImage>().Reference);
            AssertNoPassword(pull);
        }

        [SkippableFact]
        public void ConnectKeepsTheLoginForTheSessionAndDisconnectForgetsIt()
        {
            string name = Name(_registry.LoginAddress(_engine), "login");
            _ps.Run("Add-ImageTag $s $n", Vars(("s", _engine.Image), ("n", name))).AssertClean();

            PsResult wrong = _ps.Run("$cred = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', 'bad' + $p).SecurePassword); Connect-DockerRegistry $r -Credential $cred -SessionOnly -Verbose", Vars(("r", _registry.LoginAddress(_engine))));
            Assert.Equal("AuthenticationFailed,DockerPS.Commands.Registry.ConnectDockerRegistryCommand", Assert.Single(wrong.Errors).FullyQualifiedErrorId);
            AssertNoPassword(wrong);

            PsResult login = _ps.Run(CredentialScript + "Connect-DockerRegistry $r -Credential $cred -SessionOnly -Verbose", Vars(("r", _registry.LoginAddress(_engine)))).AssertClean();
            DockerRegistryLogin info = login.Single<DockerRegistryLogin>();
            Assert.Equal(_registry.LoginAddress(_engine), info.Registry);
            Assert.Equal(RegistryFixture.User, info.UserName);
            Assert.Equal("Session", info.Store);
            AssertNoPassword(login);
            try
            {
                PsResult push = _ps.Run("Publish-Image $n -Verbose", Vars(("n", name))).AssertClean();
                Assert.Contains(push.Verbose, v => v.Contains("Connect-DockerRegistry", StringComparison.Ordinal));
                AssertNoPassword(push);
            }
            finally
            {
                _ps.Run("Disconnect-DockerRegistry $r -SessionOnly", Vars(("r", _registry.LoginAddress(_engine)))).AssertClean();
            }

            PsResult after = _ps.Run("Publish-Image $n", Vars(("n", name)));
            Assert.Equal("AuthenticationFailed,DockerPS.Commands.Image.PublishImageCommand", Assert.Single(after.Errors).FullyQualifiedErrorId);

            PsResult again = _ps.Run("Disconnect-DockerRegistry $r -SessionOnly", Vars(("r", _registry.LoginAddress(_engine))));
            Assert.Equal("RegistryLoginNotFound,DockerPS.Commands.Registry.DisconnectDockerRegistryCommand", Assert.Single(again.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void TheDockerConfigFileAuthsAreUsedWhenNothingElseIs()
        {
            string name = Name(_registry.Auth, "config");
            _ps.Run("Add-ImageTag $s $n", Vars(("s", _engine.Image), ("n", name))).AssertClean();
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-config-" + _engine.RunId);
            Directory.CreateDirectory(dir);
            string auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(RegistryFixture.User + ":" + RegistryFixture.Password));
            File.WriteAllText(Path.Combine(dir, "config.json"), "{ \"auths\": { \"http://" + _registry.Auth + "\": { \"auth\": \"" + auth + "\" } } }");
            try
            {
                PsResult push = _ps.Run("$env:DOCKER_CONFIG = $d; try { Publish-Image $n -Verbose } finally { $env:DOCKER_CONFIG = $null }", Vars(("n", name), ("d", dir))).AssertClean();
                Assert.Equal(name, push.Single<DockerImage>().Reference);
                Assert.Contains(push.Verbose, v => v.Contains("docker config", StringComparison.Ordinal));
                AssertNoPassword(push);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
