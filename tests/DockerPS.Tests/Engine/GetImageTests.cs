using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine
{
    [Collection(EngineCollection.Name)]
    public sealed class GetImageTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public GetImageTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        private void Tag(string repository, string tag) =>
            _engine.Client.Images.TagImageAsync(_engine.Image, new ImageTagParameters { RepositoryName = repository, Tag = tag }).GetAwaiter().GetResult();

        [Fact]
        public void AReferenceGivesTheImageAsATypedObject()
        {
            var inspect = _engine.Client.Images.InspectImageAsync(_engine.Image).GetAwaiter().GetResult();
            var image = _ps.Run("Get-Image $r", Vars(("r", _engine.Image))).AssertClean().Single<DockerImage>();

            Assert.Equal(inspect.ID, image.Id);
            Assert.Equal(_engine.ImageRepository, image.Repository);
            Assert.Equal(_engine.ImageTag, image.Tag);
            Assert.Equal(_engine.Image, image.Reference);
            Assert.Equal(inspect.Size, image.Size);
            Assert.True(image.Size > 500_000, "busybox-static is about 1-2 MB");
            Assert.Equal(DateTimeKind.Local, image.Created.Kind);
            Assert.InRange(image.Created, DateTime.Now.AddHours(-2), DateTime.Now.AddMinutes(1));
            Assert.Equal(_engine.RunId, image.Labels[EngineFixture.TestLabel]);
            Assert.Equal(_engine.Endpoint, image.Engine);
        }

        [SkippableFact]
        public void OneObjectPerTagAndARepositoryMatchesEveryTag()
        {
            string repo = "dockerps-test/tags-" + _engine.RunId;
            Tag(repo, "1");
            Tag(repo, "2");

            var rows = _ps.Run("Get-Image $r", Vars(("r", repo))).AssertClean().All<DockerImage>();
            Assert.Equal(new[] { "1", "2" }, rows.Select(i => i.Tag).OrderBy(t => t));
            Assert.Single(rows.Select(i => i.Id).Distinct());
            Assert.All(rows, i => Assert.Contains(repo + ":1", i.RepoTags));

            var one = _ps.Run("Get-Image \"${r}:2\"", Vars(("r", repo))).AssertClean().Single<DockerImage>();
            Assert.Equal(repo + ":2", one.Reference);
        }

        [SkippableFact]
        public void ReferencesTakeWildcards()
        {
            string repo = "dockerps-test/wild-" + _engine.RunId;
            Tag(repo, "v1");
            Tag(repo, "v2");
            Tag(repo, "other");

            var tags = _ps.Run("Get-Image \"${r}:v*\" | ForEach-Object Tag", Vars(("r", repo))).AssertClean().Output.Select(o => (string)o.BaseObject).OrderBy(t => t);
            Assert.Equal(new[] { "v1", "v2" }, tags);
            var repos = _ps.Run("Get-Image 'dockerps-test/wild-*' | ForEach-Object Reference").AssertClean().Output.Select(o => (string)o.BaseObject).ToList();
            Assert.Contains(repo + ":other", repos);
        }

        [Fact]
        public void IdTakesPrefixesWithOrWithoutTheAlgorithm()
        {
            var inspect = _engine.Client.Images.InspectImageAsync(_engine.Image).GetAwaiter().GetResult();
            var byPrefix = _ps.Run("Get-Image -Id $i", Vars(("i", inspect.ID.Substring(7, 12)))).AssertClean().All<DockerImage>();
            Assert.Contains(byPrefix, i => i.Reference == _engine.Image);
            var byFull = _ps.Run("Get-Image -Id $i", Vars(("i", inspect.ID))).AssertClean().All<DockerImage>();
            Assert.All(byFull, i => Assert.Equal(inspect.ID, i.Id));
        }

        [Fact]
        public void MissingReferenceIsImageNotFound()
        {
            PsResult r = _ps.Run("Get-Image 'dockerps-test/none-such:1'; 'after'");
            var e = Assert.Single(r.Errors);
            Assert.Equal("ImageNotFound,DockerPS.Commands.Image.GetImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal("dockerps-test/none-such:1", e.TargetObject);
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
        }

        [Fact]
        public void DanglingListsUntaggedImages()
        {
            // An import without a repository gives an untagged image: dangling.
            using MemoryStream rootfs = EngineFixture.BuildBusyboxRootfs();
            _engine.Client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromSrc = "-", Changes = new List<string> { $"LABEL dockerps.test={_engine.RunId}", "LABEL dockerps.dangling=yes" } },
                rootfs, null, new Progress<JSONMessage>()).GetAwaiter().GetResult();

            // This run's other tests (rebuilt tags, compose builds) leave dangling images with the run's label too: pick
            // this one by its own label here (a full Podman run listed two for both -Label values together).
            var listed = _ps.Run("Get-Image -Dangling -Label \"dockerps.test=$r\"", Vars(("r", _engine.RunId))).AssertClean().All<DockerImage>();
            Assert.All(listed, i => Assert.Equal("<none>", i.Tag));
            DockerImage dangling = Assert.Single(listed, i => i.Labels.TryGetValue("dockerps.dangling", out string? v) && v == "yes");
            Assert.Equal("<none>", dangling.Repository);
            Assert.Equal("<none>", dangling.Tag);
            Assert.Equal(dangling.Id, dangling.Reference);
            Assert.Equal("yes", dangling.Labels["dockerps.dangling"]);

            var labelled = _ps.Run("Get-Image -Label \"dockerps.test=$r\" | ForEach-Object Reference", Vars(("r", _engine.RunId))).AssertClean().Output.Select(o => (string)o.BaseObject).ToList();
            Assert.Contains(_engine.Image, labelled);
            Assert.Contains(dangling.Id, labelled);
        }

        [Fact]
        public void SeveralLabelsMustAllMatchAsWithDocker()
        {
            // docker joins several label filters with AND; Podman 4.3 with OR (observed with podman images): the rows
            // are checked again, so both engines give docker's answer.
            string nonce = Guid.NewGuid().ToString("N").Substring(0, 8);
            foreach (var changes in new[]
            {
                new List<string> { $"LABEL dockerps.test={_engine.RunId}", $"LABEL dockerps.lbl={nonce}", "LABEL dockerps.second=yes" },
                new List<string> { $"LABEL dockerps.test={_engine.RunId}", $"LABEL dockerps.lbl={nonce}" },
            })
            {
                using MemoryStream rootfs = EngineFixture.BuildBusyboxRootfs();
                _engine.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromSrc = "-", Changes = changes }, rootfs, null, new Progress<JSONMessage>()).GetAwaiter().GetResult();
            }

            var one = _ps.Run("Get-Image -Label \"dockerps.lbl=$n\", 'dockerps.second=yes'", Vars(("n", nonce))).AssertClean().All<DockerImage>();
            Assert.Equal("yes", Assert.Single(one).Labels["dockerps.second"]);
            Assert.Equal(2, _ps.Run("Get-Image -Label \"dockerps.lbl=$n\"", Vars(("n", nonce))).AssertClean().All<DockerImage>().Count);
        }

        [SkippableFact]
        public void FilterPassesEngineFilters()
        {
            var rows = _ps.Run("Get-Image -Filter @{ reference = $r }", Vars(("r", _engine.Image))).AssertClean().All<DockerImage>();
            Assert.Equal(_engine.Image, Assert.Single(rows).Reference);
        }

        [Fact]
        public void TheReferenceFilterFollowsDockersPatternRules()
        {
            // docker's rule: a path.Match pattern against the familiar repository:tag or the repository, * and ? not
            // crossing '/', only the matching tags listed. Podman 4.3 lists every tag of an image one name matches.
            string repo = "dockerps-test/reffilter-" + _engine.RunId;
            Tag(repo, "a");
            Tag(repo, "b");
            Tag(repo + "-other", "a");
            var cases = new (string Pattern, string[] Expected)[]
            {
                (repo + ":a", new[] { repo + ":a" }),
                (repo, new[] { repo + ":a", repo + ":b" }),
                (repo + "*:a", new[] { repo + "-other:a", repo + ":a" }),
                (repo + ":[^a]", new[] { repo + ":b" }),
                ("*/reffilter-" + _engine.RunId + ":?", new[] { repo + ":a", repo + ":b" }),
                ("*reffilter-" + _engine.RunId + ":a", Array.Empty<string>()),
                // A local image by the name without Podman's localhost/ (dockerd has no localhost/ there).
                ("dockerps-test/busybox:" + _engine.ImageTag, new[] { _engine.Image }),
            };
            foreach ((string pattern, string[] expected) in cases)
            {
                var rows = _ps.Run("Get-Image -Filter @{ reference = $p }", Vars(("p", pattern))).AssertClean().All<DockerImage>();
                Assert.Equal(expected, rows.Select(r => r.Reference).OrderBy(r => r, StringComparer.Ordinal));
                Assert.All(rows, r => Assert.Equal(expected, r.RepoTags.Where(t => t.Contains(_engine.RunId, StringComparison.Ordinal)).OrderBy(t => t, StringComparer.Ordinal)));
                if (!_engine.IsPodman)
                {
                    // The docker CLI on the same engine is the witness (against Podman it shows Podman's own answer).
                    (int code, string output) = Cli.Run("docker", null, "images", "--filter", "reference=" + pattern, "--format", "{{.Repository}}:{{.Tag}}");
                    Assert.True(code == 0, output);
                    Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).OrderBy(r => r, StringComparer.Ordinal));
                }
            }
        }

        [Fact]
        public void TheTableViewLooksLikeDockerImages()
        {
            PsResult r = _ps.Run("Get-Image $r | Out-Default", Vars(("r", _engine.Image))).AssertClean();
            string[] lines = r.HostText.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
            string header = lines.First(l => l.Contains("REPOSITORY"));
            foreach (string column in new[] { "REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE" })
            {
                Assert.Contains(column, header);
            }

            string row = lines.Single(l => l.Contains(_engine.ImageRepository));
            Assert.Contains(_engine.ImageTag, row);
            // SIZE comes before CREATED, so a narrow console keeps it.
            Assert.Matches(@"\s\d(\.\d+)?[kMG]?B\s+\S.*ago$", row);
        }
    }
}
