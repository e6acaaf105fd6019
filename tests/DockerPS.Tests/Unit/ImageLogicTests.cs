using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Build;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Progress;
using DockerPS.Registry;

namespace DockerPS.Tests.Unit
{
    public sealed class DockerIgnoreTests
    {
        [Theory]
        [InlineData("*.log", "a.log", true)]
        [InlineData("*.log", "dir/a.log", false)]
        [InlineData("**/*.log", "dir/sub/a.log", true)]
        [InlineData("**/*.log", "a.log", true)]
        [InlineData("logs", "logs/deep/file.txt", true)]
        [InlineData("/logs", "logs/file.txt", true)]
        [InlineData("./logs/../logs", "logs/x", true)]
        [InlineData("a?c", "abc", true)]
        [InlineData("a?c", "a/c", false)]
        [InlineData("[ab].txt", "b.txt", true)]
        [InlineData("[ab].txt", "c.txt", false)]
        [InlineData("[^ab].txt", "c.txt", true)]
        [InlineData("dir/**", "dir/x/y", true)]
        [InlineData("dir/**", "other/x", false)]
        [InlineData("a/**/b", "a/b", true)]
        [InlineData("a/**/b", "a/x/y/b", true)]
        [InlineData(@"\*.txt", "*.txt", true)]
        [InlineData(@"\*.txt", "a.txt", false)]
        [InlineData("file.txt", "file_txt", false)]
        public void PatternsMatchLikeDocker(string pattern, string path, bool ignored) =>
            Assert.Equal(ignored, new DockerIgnore(new[] { pattern }).IsIgnored(path));

        [Fact]
        public void TheLastMatchingLineWinsAndExceptionsReinclude()
        {
            var ignore = new DockerIgnore(new[] { "# comment", "", "*.md", "!README.md", "README*.md", "!README-keep.md" });
            Assert.True(ignore.IsIgnored("CHANGES.md"));
            Assert.True(ignore.IsIgnored("README.md"));
            Assert.False(ignore.IsIgnored("README-keep.md"));
            Assert.False(ignore.IsIgnored("code.cs"));
            Assert.True(ignore.HasExclusions);
        }

        [Fact]
        public void ABangWithoutAPatternIsAnError() =>
            Assert.Throws<ArgumentException>(() => new DockerIgnore(new[] { "!" }));

        [Fact]
        public void CollectSkipsIgnoredFoldersButKeepsDockerfileAndReincludedFiles()
        {
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-ignore-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Path.Combine(dir, "bin", "sub"));
            Directory.CreateDirectory(Path.Combine(dir, "src"));
            try
            {
                File.WriteAllText(Path.Combine(dir, ".dockerignore"), "bin\n!bin/sub/keep.txt\nDockerfile\n.dockerignore\n");
                File.WriteAllText(Path.Combine(dir, "Dockerfile"), "FROM x");
                File.WriteAllText(Path.Combine(dir, "bin", "drop.txt"), "x");
                File.WriteAllText(Path.Combine(dir, "bin", "sub", "keep.txt"), "x");
                File.WriteAllText(Path.Combine(dir, "src", "a.cs"), "x");
                var paths = DockerIgnore.Collect(dir, "Dockerfile").Select(e => e.RelativePath).ToList();
                Assert.Equal(new[] { ".dockerignore", "Dockerfile", "bin/sub/keep.txt", "src", "src/a.cs" }, paths);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }

    public sealed class ImageReferenceMatcherTests
    {
        [Theory]
        // Podman stores fully qualified names; docker's short patterns still find them.
        [InlineData("dockerps-test/busybox:*", "localhost/dockerps-test/busybox", "x", true)]
        [InlineData("dockerps-test/busybox", "localhost/dockerps-test/busybox", "x", true)]
        [InlineData("localhost/dockerps-test/busybox:x", "localhost/dockerps-test/busybox", "x", true)]
        [InlineData("busybox", "docker.io/library/busybox", "1", true)]
        [InlineData("demo/x:1", "docker.io/demo/x", "1", true)]
        [InlineData("busybox", "busybox", "1", true)]
        [InlineData("busybox:2", "busybox", "1", false)]
        // Another registry's repository is not the same name.
        [InlineData("busybox", "127.0.0.1:5000/busybox", "1", false)]
        [InlineData("busybox", "quay.io/busybox", "1", false)]
        [InlineData("dockerps-test/*", "localhost/other/busybox", "1", false)]
        public void ShortPatternsMatchQualifiedNames(string pattern, string repository, string tag, bool expected)
        {
            var image = new DockerPS.Models.DockerImage { Repository = repository, Tag = tag };
            Assert.Equal(expected, DockerPS.Commands.Image.GetImageCommand.ReferenceMatcher(pattern)(image));
        }
    }

    public sealed class LayerProgressTests
    {
        [Fact]
        public void UpdatesPerLayerAreThrottledAndCompletedAtTheEnd()
        {
            long now = 0;
            var posted = new List<ProgressRecord>();
            var progress = new LayerProgress("Pulling x", posted.Add, () => now);
            for (int i = 0; i < 100; i++)
            {
                now = i * 10; // 100 messages in one second for each of two layers
                progress.Report(new EngineProgressMessage { Id = "layer1", Status = "Downloading", Current = i, Total = 100 });
                progress.Report(new EngineProgressMessage { Id = "layer2", Status = "Downloading", Current = i, Total = 100 });
            }

            Assert.InRange(posted.Count(r => r.Activity == "layer1"), 9, 11);
            Assert.InRange(posted.Count(r => r.Activity == "layer2"), 9, 11);
            int parent = posted[0].ParentActivityId;
            Assert.All(posted, r => Assert.Equal(parent, r.ParentActivityId));
            Assert.NotEqual(posted.First(r => r.Activity == "layer1").ActivityId, posted.First(r => r.Activity == "layer2").ActivityId);
            Assert.Contains(posted, r => r.PercentComplete > 80);

            var done = progress.Completion();
            Assert.Equal(3, done.Count);
            Assert.All(done, r => Assert.Equal(ProgressRecordType.Completed, r.RecordType));
            Assert.Equal(parent, done.Last().ActivityId);
        }

        [Fact]
        public void ErrorsInTheStreamAreKeptAndClassified()
        {
            var progress = new LayerProgress("Pushing x", _ => { });
            progress.Report(new EngineProgressMessage { Error = "unauthorized: authentication required" });
            Assert.Equal("unauthorized: authentication required", Assert.Single(progress.Errors));
            ErrorRecord record = StreamErrors.Record(progress.Errors[0], "ImagePushFailed", "x");
            Assert.Equal("AuthenticationFailed", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
            Assert.Equal("ImagePushFailed", StreamErrors.Record("something else", "ImagePushFailed", "x").FullyQualifiedErrorId);
        }
    }

    public sealed class RegistryCredentialsTests
    {
        [Theory]
        [InlineData("busybox", "docker.io")]
        [InlineData("library/busybox:1", "docker.io")]
        [InlineData("127.0.0.1:5000/app:1", "127.0.0.1:5000")]
        [InlineData("localhost/app", "localhost")]
        [InlineData("Registry.Example.com/team/app@sha256:00", "registry.example.com")]
        public void RegistryOfReference(string reference, string registry) => Assert.Equal(registry, RegistryCredentials.RegistryOf(reference));

        [Fact]
        public void ConfigAuthsAreMatchedWithOrWithoutScheme()
        {
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-cfg-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            try
            {
                string b64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("bob:pa:ss"));
                File.WriteAllText(Path.Combine(dir, "config.json"), "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64 + "\"},\"http://127.0.0.1:5001\":{\"auth\":\"" + b64 + "\"}}}");
                RegistryAuth hub = RegistryCredentials.FromConfig("docker.io", dir)!;
                Assert.Equal("bob", hub.UserName);
                Assert.Equal("pa:ss", hub.Password);
                Assert.Equal("https://index.docker.io/v1/", hub.ServerAddress);
                Assert.Equal("127.0.0.1:5001", RegistryCredentials.FromConfig("127.0.0.1:5001", dir)!.ServerAddress);
                Assert.Null(RegistryCredentials.FromConfig("127.0.0.1:5002", dir));
                Assert.DoesNotContain("pa:ss", hub.ToString());
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
