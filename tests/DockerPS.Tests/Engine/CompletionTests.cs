using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerPS.Connection;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine
{
    /// <summary>Tab completion through PowerShell's own completion API, for every kind of name DockerPS completes.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class CompletionTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public CompletionTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private List<string> Complete(string line, Dictionary<string, object?>? vars = null)
        {
            var v = vars ?? new Dictionary<string, object?>();
            v["line"] = line;
            return _ps.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText", v)
                .AssertClean().Output.Select(o => (string)o.BaseObject).ToList();
        }

        [Fact]
        public void ImageReferencesComplete()
        {
            string partial = _engine.ImageRepository + ":" + _engine.ImageTag.Substring(0, 4);
            Assert.Contains(_engine.Image, Complete("Get-Image " + partial));
            Assert.Contains(_engine.Image, Complete("New-Container " + partial));
            Assert.Contains(_engine.Image, Complete("Get-ImageDetail " + partial));
        }

        [Fact]
        public void ContainerNamesAndIdsComplete()
        {
            string name = _engine.NewName("cmpl");
            string id = _engine.CreateContainer(name);
            Assert.Contains(name, Complete("Get-Container " + name.Substring(0, name.Length - 1)));
            Assert.Contains(name, Complete("Get-ContainerLog " + name.Substring(0, name.Length - 1)));
            Assert.Contains(id.Substring(0, 12), Complete("Stop-Container -Id " + id.Substring(0, 6)));
        }

        [SkippableFact]
        public void NetworkAndVolumeNamesComplete()
        {
            Skip.If(_engine.IsPodman, "Podman 4.3: after a full run's networks, its network list took longer than completion's 3 s budget "
                + "(empty completion in two full CI runs here; the test passes on Podman alone)");
            string network = _engine.CreateNetwork(_engine.NewName("cnet"));
            Assert.Contains(network, Complete("Get-ContainerNetwork " + network.Substring(0, network.Length - 1)));
            string volume = _engine.NewName("cvol");
            _ps.Run("New-ContainerVolume -Name $v -Label @{ 'dockerps.test' = $run }", _engine.Vars(("v", volume))).AssertClean();
            Assert.Contains(volume, Complete("Remove-ContainerVolume " + volume.Substring(0, volume.Length - 1)));
        }

        [Fact]
        public void ContextNamesComplete()
        {
            string config = Directory.CreateTempSubdirectory("dps-cmpl-").FullName;
            try
            {
                string dir = Path.Combine(config, "contexts", "meta", DockerCliConfig.ContextDirectoryName("dps-remote-a"));
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, "meta.json"), "{\"Name\":\"dps-remote-a\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"unix:///tmp/x.sock\"}}}");
                var found = _ps.Run("$saved = $env:DOCKER_CONFIG; $env:DOCKER_CONFIG = $cfg; try { $line = 'Use-DockerContext dps-rem'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText } finally { $env:DOCKER_CONFIG = $saved }",
                    new Dictionary<string, object?> { ["cfg"] = config }).AssertClean().Output.Select(o => (string)o.BaseObject);
                Assert.Contains("dps-remote-a", found);
            }
            finally
            {
                Directory.Delete(config, true);
            }
        }

        [Theory]
        [InlineData("Get-Image -Host unix:///tmp/dockerps-nothing.sock dock")]
        [InlineData("Get-Container -H unix:///tmp/dockerps-nothing.sock dps")]
        [InlineData("Get-ContainerNetwork -Host unix:///tmp/dockerps-nothing.sock dps")]
        [InlineData("Get-ContainerVolume -Host unix:///tmp/dockerps-nothing.sock dps")]
        public void ADeadEngineCompletesNothingQuietlyAndFast(string line)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Empty(Complete(line));
            Assert.True(watch.Elapsed < System.TimeSpan.FromSeconds(5), "completion took " + watch.Elapsed);
        }
    }
}
