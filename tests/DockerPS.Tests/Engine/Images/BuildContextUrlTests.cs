using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>
    /// Build-Image -ContextUrl against `docker build URL` on the same engine: an archive or a lone Dockerfile served
    /// over HTTP on 127.0.0.1 (DockerPS downloads it, as the CLI does), a Git repository served by `git daemon` on
    /// 127.0.0.1 (the engine clones it), a URL the server refuses, and a scheme docker does not take. Each built
    /// image is asked what it holds with `docker run`; the CLI's legacy builder is the witness.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class BuildContextUrlTests
    {
        private static readonly Dictionary<string, string> LegacyCli = new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" };

        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public BuildContextUrlTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private string NewTag(string nonce, string who) => (_engine.IsPodman ? "localhost/" : string.Empty) + "dockerps-test/ctxurl-" + nonce + ":" + who;

        /// <summary>What the image's /ctx/data.txt says, read by the docker CLI.</summary>
        private static string DataOf(string tag)
        {
            var (code, output) = Cli.Run("docker", null, "run", "--rm", "--pull", "never", "--network", "none", tag, "cat", "/ctx/data.txt");
            Assert.True(code == 0, output);
            return output.Trim();
        }

        private static void RemoveImages(params string[] tags) => Cli.Run("docker", null, new[] { "rmi", "-f" }.Concat(tags).ToArray());

        /// <summary>A context folder with a Dockerfile that copies itself to /ctx, and a data file that says <paramref name="data"/>.</summary>
        private string ContextFolder(string data)
        {
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-cu-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Dockerfile"), $"FROM {_engine.Image}\nCOPY . /ctx/\n");
            File.WriteAllText(Path.Combine(dir, "data.txt"), data + "\n");
            return dir;
        }

        private static byte[] TarOf(string dir, bool gzip)
        {
            string tar = dir + (gzip ? ".tar.gz" : ".tar");
            var (code, output) = Cli.Run("tar", null, gzip ? "-czf" : "-cf", tar, "-C", dir, ".");
            Assert.True(code == 0, output);
            byte[] bytes = File.ReadAllBytes(tar);
            File.Delete(tar);
            return bytes;
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void AnArchiveUrlBuildsTheSameImageAsDockerBuildUrl(bool gzip)
        {
            string nonce = Guid.NewGuid().ToString("N").Substring(0, 8);
            string dir = ContextFolder("remote-" + nonce);
            string ps = NewTag(nonce, "ps"), cli = NewTag(nonce, "cli");
            using var server = new LoopbackHttpServer();
            server.Serve("ctx.tar", TarOf(dir, gzip));
            try
            {
                var (code, output) = Cli.Run("docker", LegacyCli, "build", "-q", "--network", "none", "-t", cli, server.Url("ctx.tar"));
                Assert.True(code == 0, output);
                int before = server.Requests;

                _ps.Run("Build-Image -ContextUrl $u -Tag $t -Network none", _engine.Vars(("u", server.Url("ctx.tar")), ("t", ps))).AssertClean();
                Assert.True(server.Requests > before, "Build-Image did not fetch the context from the test's server");
                Assert.Equal("remote-" + nonce, DataOf(cli));
                Assert.Equal(DataOf(cli), DataOf(ps));
                Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "dockerps-build-*.ctx"));
            }
            finally
            {
                RemoveImages(ps, cli);
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void AUrlThatIsNotAnArchiveIsTheDockerfileAlone()
        {
            string nonce = Guid.NewGuid().ToString("N").Substring(0, 8);
            string ps = NewTag(nonce, "ps"), cli = NewTag(nonce, "cli");
            using var server = new LoopbackHttpServer();
            server.Serve("Dockerfile", Encoding.UTF8.GetBytes($"FROM {_engine.Image}\nRUN mkdir /ctx && echo plain-{nonce} > /ctx/data.txt\n"));
            try
            {
                var (code, output) = Cli.Run("docker", LegacyCli, "build", "-q", "--network", "none", "-t", cli, server.Url("Dockerfile"));
                Assert.True(code == 0, output);

                PsResult r = _ps.Run("Build-Image -ContextUrl $u -Tag $t -Network none -Verbose", _engine.Vars(("u", server.Url("Dockerfile")), ("t", ps)));
                r.AssertClean();
                Assert.Contains(r.Verbose, v => v.Contains("not an archive", StringComparison.Ordinal));
                Assert.Equal("plain-" + nonce, DataOf(cli));
                Assert.Equal(DataOf(cli), DataOf(ps));
            }
            finally
            {
                RemoveImages(ps, cli);
            }
        }

        [Fact]
        public void AUrlTheServerRefusesIsOneClearErrorAsWithDockerBuild()
        {
            using var server = new LoopbackHttpServer();
            string url = server.Url("missing.tar");
            var (code, output) = Cli.Run("docker", LegacyCli, "build", "-q", "--network", "none", url);
            Assert.True(code != 0, output);
            Assert.Contains("404", output, StringComparison.Ordinal);

            PsResult r = _ps.Run("Build-Image -ContextUrl $u -Network none", _engine.Vars(("u", url)));
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal("BuildContextDownloadFailed,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, e.CategoryInfo.Category);
            Assert.Equal(url, e.TargetObject);
            Assert.Contains("404", e.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "dockerps-build-*.ctx"));
        }

        [Fact]
        public void WhatIfDownloadsNothingAndASchemeDockerDoesNotTakeIsRefused()
        {
            using var server = new LoopbackHttpServer();
            server.Serve("ctx.tar", new byte[] { 1, 2, 3 });
            _ps.Run("Build-Image -ContextUrl $u -WhatIf", _engine.Vars(("u", server.Url("ctx.tar")))).AssertClean();
            Assert.Equal(0, server.Requests);

            PsResult r = _ps.Run("Build-Image -ContextUrl 'ftp://127.0.0.1/ctx.tar'");
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal("BuildContextArchiveInvalid,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Equal("ftp://127.0.0.1/ctx.tar", e.TargetObject);
        }

        [Fact]
        public void AGitRepositoryUrlIsClonedAndBuildsAsWithDockerBuild()
        {
            string nonce = Guid.NewGuid().ToString("N").Substring(0, 8);
            string root = Path.Combine(Path.GetTempPath(), "dockerps-git-" + nonce);
            string repo = Path.Combine(root, "app");
            Directory.CreateDirectory(repo);
            File.WriteAllText(Path.Combine(repo, "Dockerfile"), $"FROM {_engine.Image}\nCOPY data.txt /ctx/\n");
            File.WriteAllText(Path.Combine(repo, "data.txt"), "git-" + nonce + "\n");
            // The default branch keeps data.txt at the root; the branch "feature" (the daemon's HEAD) has it only in sub/.
            Directory.CreateDirectory(Path.Combine(repo, "sub"));
            File.WriteAllText(Path.Combine(repo, "sub", "Dockerfile"), $"FROM {_engine.Image}\nCOPY data.txt /ctx/\n");
            File.WriteAllText(Path.Combine(repo, "sub", "data.txt"), "sub-" + nonce + "\n");
            foreach (string[] step in new[]
            {
                new[] { "init", "-q", repo },
                new[] { "-C", repo, "add", "." },
                new[] { "-C", repo, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "ctx" },
                new[] { "-C", repo, "checkout", "-q", "-b", "feature" },
                new[] { "-C", repo, "mv", "data.txt", "old.txt" },
                new[] { "-C", repo, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "moved" },
            })
            {
                var (gc, go) = Cli.Run("git", null, step);
                Assert.True(gc == 0, go);
            }

            var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            using var daemon = Cli.Start("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1", "--port=" + port, "--base-path=" + root, root);
            string ps = NewTag(nonce, "ps"), cli = NewTag(nonce, "cli");
            try
            {
                WaitForPort(port);
                string first = Cli.Run("git", null, "-C", repo, "rev-list", "--max-parents=0", "HEAD").Output.Trim();
                foreach (var (fragment, expected) in new[] { ("#feature:sub", "sub-"), ("#" + first, "git-") })
                {
                    string url = $"git://127.0.0.1:{port}/app{fragment}";
                    var (code, output) = Cli.Run("docker", LegacyCli, "build", "-q", "--network", "none", "-t", cli, url);
                    Assert.True(code == 0, output);

                    _ps.Run("Build-Image -ContextUrl $u -Tag $t -Network none", _engine.Vars(("u", url), ("t", ps))).AssertClean();
                    Assert.Equal(expected + nonce, DataOf(cli));
                    Assert.Equal(DataOf(cli), DataOf(ps));
                }

                Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), "dockerps-build-*.git"));
                PsResult missing = _ps.Run("Build-Image -ContextUrl $u", _engine.Vars(("u", $"git://127.0.0.1:{port}/app#no-such-ref")));
                ErrorRecord e = Assert.Single(missing.Errors);
                Assert.Equal("BuildContextDownloadFailed,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                Assert.Contains("no-such-ref", e.Exception.Message, StringComparison.Ordinal);
            }
            finally
            {
                daemon.Kill();
                RemoveImages(ps, cli);
                Directory.Delete(root, true);
            }
        }

        private static void WaitForPort(int port)
        {
            for (int i = 0; i < 100; i++)
            {
                try
                {
                    using var c = new TcpClient();
                    c.Connect(System.Net.IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(100);
                }
            }

            throw new InvalidOperationException($"git daemon did not listen on 127.0.0.1:{port}");
        }
    }
}
