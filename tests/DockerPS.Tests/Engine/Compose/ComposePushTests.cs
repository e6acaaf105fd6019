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
    /// docker compose push as Publish-ComposeImage, against the local registry fixture: each service image once, with
    /// Publish-Image's progress and credentials. The witness is the docker CLI pulling what was pushed back from the
    /// registry on the same engine.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ComposePushTests : IClassFixture<RegistryFixture>, IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly RegistryFixture _registry;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-composepush-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly List<string> _images = new List<string>();

        public ComposePushTests(EngineFixture engine, RegistryFixture registry)
        {
            _engine = engine;
            _registry = registry;
            _ps = engine.Session;
            Directory.CreateDirectory(_dir);
        }

        public void Dispose()
        {
            foreach (string i in _images)
            {
                _ps.Run("Remove-Image $i -Force -ErrorAction SilentlyContinue", _engine.Vars(("i", i)));
            }

            Directory.Delete(_dir, recursive: true);
        }

        private string Tagged(string reference)
        {
            _images.Add(reference);
            _ps.Run("Add-ImageTag $img $n", _engine.Vars(("n", reference))).AssertClean();
            return reference;
        }

        private PsResult Compose(string script, params (string, object?)[] more) =>
            _ps.Run("$cred = [pscredential]::new($u, [System.Net.NetworkCredential]::new('', $pw).SecurePassword); Set-Location $dir; " + script,
                _engine.Vars(new[] { ("dir", (object?)_dir), ("u", RegistryFixture.User), ("pw", RegistryFixture.Password) }.Concat(more).ToArray()));

        private static (int Code, string Stderr) Docker(params string[] args)
        {
            var start = new ProcessStartInfo("docker") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }

            using Process p = Process.Start(start)!;
            p.StandardOutput.ReadToEnd();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stderr);
        }

        [SkippableFact]
        public void PublishComposeImagePushesEachServiceImageOnceAndTheRegistryHasThem()
        {
            string shared = Tagged(_registry.Open + "/dockerps-test/cpush-shared-" + _engine.RunId + ":t1");
            string untagged = _registry.Open + "/dockerps-test/cpush-latest-" + _engine.RunId;
            Tagged(untagged + ":latest");
            // Two services share one image; one names its image without a tag (pushed as :latest); one names a digest (left alone).
            System.IO.File.WriteAllText(Path.Combine(_dir, "compose.yaml"),
                $"services:\n  a:\n    image: {shared}\n  b:\n    image: {shared}\n  c:\n    image: {untagged}\n"
                + "  d:\n    image: 127.0.0.1:1/dockerps-test/pinned@sha256:" + new string('0', 64) + "\n");

            PsResult push = Compose("Publish-ComposeImage -Verbose").AssertClean();
            Assert.Equal(new[] { shared, untagged + ":latest" }, push.All<DockerImage>().Select(i => i.Reference));
            Assert.Single(push.Progress.Where(r => r.Activity == "Pushing " + shared).Select(r => r.Activity).Distinct());
            Assert.Contains(push.Progress, r => r.Activity == "Pushing " + untagged + ":latest");
            Assert.Contains(push.Verbose, v => v.Contains("by digest", StringComparison.Ordinal));

            // docker's own view: with the local tags gone, docker pull gets both back from the registry.
            _ps.Run("Remove-Image $a, $b | Out-Null", _engine.Vars(("a", shared), ("b", untagged + ":latest"))).AssertClean();
            foreach (string image in new[] { shared, untagged })
            {
                var (code, stderr) = Docker("pull", "-q", image);
                Assert.True(code == 0, $"docker pull {image}: {stderr}");
            }

            // -Service picks one; -WhatIf pushes nothing; an unknown service is ComposeServiceNotFound.
            Assert.Equal(untagged + ":latest", Compose("Publish-ComposeImage c").AssertClean().Single<DockerImage>().Reference);
            Assert.Empty(Compose("Publish-ComposeImage a -WhatIf").AssertClean().Output);
            ErrorRecord e = Assert.Single(Compose("Publish-ComposeImage nope").Errors);
            Assert.Equal("ComposeServiceNotFound,DockerPS.Commands.Compose.PublishComposeImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal("nope", e.TargetObject);
        }

        [SkippableFact]
        public void PublishComposeImageUsesTheCredentialAndGoesOnAfterAFailedPush()
        {
            string guarded = Tagged(_registry.Auth + "/dockerps-test/cpush-auth-" + _engine.RunId + ":t1");
            string nowhere = Tagged("127.0.0.1:1/dockerps-test/cpush-nowhere-" + _engine.RunId + ":t1");
            System.IO.File.WriteAllText(Path.Combine(_dir, "compose.yaml"), $"services:\n  down:\n    image: {nowhere}\n  guarded:\n    image: {guarded}\n");

            // No registry listens on port 1: one error for that image, and the next one is pushed with -Credential.
            PsResult r = Compose("Publish-ComposeImage -Credential $cred");
            ErrorRecord e = Assert.Single(r.Errors);
            // The ErrorId Publish-Image gives the same failure (RegistryUnreachable on dockerd).
            string expected = _ps.Run("Publish-Image $n", _engine.Vars(("n", nowhere))).Errors.Single().FullyQualifiedErrorId.Split(',')[0];
            Assert.Equal(expected + ",DockerPS.Commands.Compose.PublishComposeImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(nowhere, e.TargetObject);
            Assert.Equal(guarded, r.Single<DockerImage>().Reference);

            // Without credentials the guarded registry refuses, as Publish-Image's push is refused.
            string[] ours = Compose("Publish-ComposeImage guarded").Errors.Select(x => x.FullyQualifiedErrorId.Split(',')[0]).ToArray();
            string[] theirs = _ps.Run("Publish-Image $n", _engine.Vars(("n", guarded))).Errors.Select(x => x.FullyQualifiedErrorId.Split(',')[0]).ToArray();
            Assert.Equal(theirs, ours);
        }
    }
}
