using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>Get-ImageDetail, Get-ImageHistory, Add-ImageTag, Remove-Image, Invoke-ImagePrune, Build-Image, New-Image.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class ImageCommandTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public ImageCommandTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        [SkippableFact]
        public void DetailAndHistoryDescribeTheImage()
        {
            var inspect = _engine.Client.Images.InspectImageAsync(_engine.Image).GetAwaiter().GetResult();
            DockerImageDetail d = _ps.Run("Get-Image $r | Get-ImageDetail", Vars(("r", _engine.Image))).AssertClean().Single<DockerImageDetail>();
            Assert.Equal(inspect.ID, d.Id);
            Assert.Equal(new[] { "sh" }, d.Cmd);
            Assert.Contains("PATH=/bin", d.Env);
            Assert.Single(d.Layers);
            Assert.Equal(_engine.Endpoint, d.Engine);

            var history = _ps.Run("Get-ImageHistory $r", Vars(("r", _engine.Image))).AssertClean().All<DockerImageHistoryEntry>();
            Assert.Equal(inspect.ID, history[0].Id);

            var missing = _ps.Run("Get-ImageDetail 'dockerps-test/none-such:1'");
            Assert.Equal("ImageNotFound,DockerPS.Commands.Image.GetImageDetailCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
        }

        [SkippableFact]
        public void TagThenRemoveReportsUntagAndDelete()
        {
            string repo = "dockerps-test/tagrm-" + _engine.RunId;
            DockerImage tagged = _ps.Run("Add-ImageTag $s \"${r}:a\", \"${r}\" -PassThru | ForEach-Object { $_ } | Where-Object { $_.Tag -eq 'a' }", Vars(("s", _engine.Image), ("r", repo))).AssertClean().Single<DockerImage>();
            Assert.Equal(repo + ":a", tagged.Reference);
            Assert.NotNull(_engine.Client.Images.InspectImageAsync(repo + ":latest").GetAwaiter().GetResult());

            var whatIf = _ps.Run("Remove-Image \"${r}:a\" -WhatIf", Vars(("r", repo))).AssertClean();
            Assert.Empty(whatIf.Output);
            var removed = _ps.Run("Get-Image $r | Remove-Image", Vars(("r", repo))).AssertClean().All<DockerImageRemoval>();
            Assert.Equal(new[] { repo + ":a", repo + ":latest" }, removed.Where(x => x.Action == "Untagged").Select(x => x.Target).OrderBy(t => t));
            Assert.DoesNotContain(removed, x => x.Action == "Deleted");

            var missing = _ps.Run("Remove-Image \"${r}:a\"; 'after'", Vars(("r", repo)));
            Assert.Equal("ImageNotFound,DockerPS.Commands.Image.RemoveImageCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void PruneScopedToThisRunRemovesOnlyDanglingImagesOfThisRun()
        {
            string label = "dockerps.prune=" + _engine.RunId;
            using (MemoryStream rootfs = EngineFixture.BuildBusyboxRootfs())
            {
                _engine.Client.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromSrc = "-", Changes = new List<string> { $"LABEL dockerps.test={_engine.RunId}", "LABEL " + label } },
                    rootfs, null, new Progress<JSONMessage>()).GetAwaiter().GetResult();
            }

            var whatIf = _ps.Run("Invoke-ImagePrune -Label $l -WhatIf", Vars(("l", label))).AssertClean();
            Assert.Empty(whatIf.Output);
            DockerImagePruneResult r = _ps.Run("Invoke-ImagePrune -Label $l -Force", Vars(("l", label))).AssertClean().Single<DockerImagePruneResult>();
            Assert.Contains(r.Deleted, d => d.Action == "Deleted");
            Assert.True(r.ReclaimedBytes > 500_000, "busybox-static is about 2 MB");
            Assert.Empty(_ps.Run("Get-Image -Label $l -All", Vars(("l", label))).AssertClean().Output);
        }

        [SkippableFact]
        public void BuildHonoursDockerIgnoreArgsAndLabels()
        {
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-build-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Path.Combine(dir, "logs", "keep"));
            File.WriteAllText(Path.Combine(dir, "Dockerfile"), $"FROM {_engine.Image}\nARG GREETING\nCOPY . /ctx/\nRUN echo \"$GREETING\" > /greeting && ls -R /ctx > /listing\n");
            File.WriteAllText(Path.Combine(dir, ".dockerignore"), "logs/**\n!logs/keep/important.txt\n*.tmp\n");
            File.WriteAllText(Path.Combine(dir, "app.txt"), "app");
            File.WriteAllText(Path.Combine(dir, "scratch.tmp"), "x");
            File.WriteAllText(Path.Combine(dir, "logs", "a.log"), "x");
            File.WriteAllText(Path.Combine(dir, "logs", "keep", "important.txt"), "keep");
            string tag = "dockerps-test/build-" + _engine.RunId + ":1";
            try
            {
                PsResult r = _ps.Run("Build-Image $d -Network none -Tag $t -BuildArg @{ GREETING = 'hello' } -Label @{ 'dockerps.test' = $run } -InformationVariable info; $info.Count",
                    Vars(("d", dir), ("t", tag), ("run", _engine.RunId))).AssertClean();
                DockerImage image = Assert.IsType<DockerImage>(r.Output[0].BaseObject);
                Assert.Equal(tag, image.Reference);
                Assert.True((int)r.Output[1].BaseObject > 3, "build output reaches the information stream");
                Assert.Contains(r.Progress, p => p.Activity.StartsWith("Building", StringComparison.Ordinal));

                string listing = RunInImage(tag, "cat /greeting; ls /ctx /ctx/logs /ctx/logs/keep");
                Assert.Contains("hello", listing);
                Assert.Contains("app.txt", listing);
                Assert.Contains("important.txt", listing);
                Assert.DoesNotContain("scratch.tmp", listing);
                Assert.DoesNotContain("a.log", listing);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void AFailingBuildStepIsImageBuildFailedNamingTheStep()
        {
            // No step before the failing one, so the failed build leaves no intermediate (dangling) image behind.
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-build-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Dockerfile"), $"FROM {_engine.Image}\nRUN exit 3\n");
            try
            {
                PsResult r = _ps.Run("Build-Image $d -Network none; 'after'", Vars(("d", dir)));
                var e = Assert.Single(r.Errors);
                Assert.Equal("ImageBuildFailed,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                Assert.Contains("RUN exit 3", e.Exception.Message);
                Assert.Contains("3", e.Exception.Message);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkippableFact]
        public void NewImageCommitsAPipedContainer()
        {
            string name = _engine.NewName("commit");
            string id = _engine.CreateExitedContainer(name);
            string tag = "dockerps-test/commit-" + _engine.RunId + ":1";
            DockerImage image = _ps.Run("Get-Container -All -Name $n | New-Image -Reference $t -Change 'CMD [\"echo\",\"committed\"]' -Message m1", Vars(("n", name), ("t", tag))).AssertClean().Single<DockerImage>();
            Assert.Equal(tag, image.Reference);
            var inspect = _engine.Client.Images.InspectImageAsync(tag).GetAwaiter().GetResult();
            Assert.Equal(new[] { "echo", "committed" }, inspect.Config.Cmd);
            Assert.Equal("m1", inspect.Comment);
            Assert.NotEmpty(id);
        }

        private string RunInImage(string image, string script)
        {
            string name = _engine.NewName("run");
            string id = _engine.CreateContainer(name, new List<string> { "sh", "-c", script }, start: true, configure: p => p.Image = image);
            _engine.Client.Containers.WaitContainerAsync(id).GetAwaiter().GetResult();
            using var logs = _engine.Client.Containers.GetContainerLogsAsync(id, false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }).GetAwaiter().GetResult();
            var (stdout, stderr) = logs.ReadOutputToEndAsync(default).GetAwaiter().GetResult();
            return stdout + stderr;
        }
    }
}
