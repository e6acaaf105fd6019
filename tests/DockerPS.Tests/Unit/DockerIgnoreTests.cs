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
}
