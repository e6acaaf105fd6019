using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.EngineWide
{
    [Collection(EngineCollection.Name)]
    public sealed class DiskUsageAndPruneTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public DiskUsageAndPruneTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        [SkippableFact]
        public void DiskUsageSummarisesAndDetailsWhatTheEngineHolds()
        {
            Skip.If(_engine.IsPodman, "Podman: system df reports no build cache and different container and volume sizes");
            string volume = _engine.NewName("dfv");
            _engine.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume, Labels = new Dictionary<string, string> { [EngineFixture.TestLabel] = _engine.RunId } }).GetAwaiter().GetResult();
            string c = _engine.NewName("dfc");
            string id = _engine.CreateContainer(c, new List<string> { "sh", "-c", "dd if=/dev/zero of=/data/blob bs=1000 count=30 2>/dev/null; dd if=/dev/zero of=/own bs=1000 count=10 2>/dev/null; sleep 300" },
                start: true, configure: p => p.HostConfig.Binds = new List<string> { volume + ":/data" });
            System.Threading.Thread.Sleep(500);

            var rows = _ps.Run("Get-DockerDiskUsage").AssertClean().All<DockerDiskUsageSummary>();
            Assert.Equal(new[] { "Images", "Containers", "Local Volumes", "Build Cache" }, rows.Select(r => r.Type));
            Assert.All(rows, r => Assert.Equal(_engine.Endpoint, r.Engine));
            Assert.True(rows[0].Total >= 1 && rows[0].Active >= 1 && rows[0].Size > 0);
            Assert.True(rows[1].Active >= 1 && rows[1].Size >= 10000);
            Assert.True(rows[2].Total >= 1 && rows[2].Size >= 30000);
            Assert.All(rows, r => Assert.InRange(r.Reclaimable, 0, Math.Max(r.Size, 0)));

            var detail = _ps.Run("Get-DockerDiskUsage -Detailed").AssertClean().Single<DockerDiskUsage>();
            DiskUsageContainer mine = Assert.Single(detail.Containers, x => x.Id == id);
            Assert.Equal(c, mine.Name);
            Assert.Equal("running", mine.State);
            Assert.True(mine.SizeRw >= 10000, "SizeRw " + mine.SizeRw);
            Assert.Equal(new[] { volume }, mine.Volumes);
            DiskUsageVolume vol = Assert.Single(detail.Volumes, v => v.Name == volume);
            Assert.Equal(1, vol.RefCount);
            Assert.True(vol.Size >= 30000);
            DiskUsageImage image = Assert.Single(detail.Images, i => i.RepoTags.Contains(_engine.Image));
            Assert.True(image.Containers >= 1);
            Assert.True(image.Size > 0);
            Assert.Equal(4, detail.Summary.Length);

            PsResult view = _ps.Run("Get-DockerDiskUsage | Out-Default").AssertClean();
            Assert.Contains("RECLAIMABLE", view.HostText);
            Assert.Contains("Local Volumes", view.HostText);
        }

        [SkippableFact]
        public void PruneWithWhatIfChangesNothingThenPrunesOnlyWhatTheLabelScopes()
        {
            Skip.If(_engine.IsPodman, "Podman: there is no build cache endpoint (POST /build/prune is 404)");
            string tag = _engine.NewName("sp");
            var labels = new Dictionary<string, string> { ["dockerps.sysprune"] = tag };
            string label = "dockerps.sysprune=" + tag;
            string exited = _engine.NewName("ex");
            string exitedId = _engine.CreateContainer(exited, new List<string> { "sh", "-c", "dd if=/dev/zero of=/junk bs=1000 count=25 2>/dev/null" }, start: true, labels: labels);
            _engine.Client.Containers.WaitContainerAsync(exitedId).GetAwaiter().GetResult();
            string running = _engine.NewName("up");
            _engine.CreateContainer(running, start: true, labels: labels);
            string network = _engine.NewName("spn");
            _engine.Client.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = network, Labels = new Dictionary<string, string>(labels) { [EngineFixture.TestLabel] = _engine.RunId } }).GetAwaiter().GetResult();
            string volume = _engine.NewName("spv");
            _engine.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume, Labels = new Dictionary<string, string>(labels) { [EngineFixture.TestLabel] = _engine.RunId } }).GetAwaiter().GetResult();
            string otherExited = _engine.CreateExitedContainer(_engine.NewName("keep"));

            bool ContainerExists(string id) => _engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }).GetAwaiter().GetResult().Any(x => x.ID == id);
            bool NetworkExists() => _engine.Client.Networks.ListNetworksAsync().GetAwaiter().GetResult().Any(x => x.Name == network);
            bool VolumeExists() => (_engine.Client.Volumes.ListAsync().GetAwaiter().GetResult().Volumes ?? new List<VolumeResponse>()).Any(x => x.Name == volume);

            PsResult whatIf = _ps.Run("Invoke-DockerPrune -Label $l -Volume -Container -Network -Image -BuildCache -WhatIf", Vars(("l", label))).AssertClean();
            Assert.Empty(whatIf.Output);
            Assert.True(ContainerExists(exitedId) && NetworkExists() && VolumeExists());
            PsResult whatIfForce = _ps.Run("Invoke-DockerPrune -Label $l -Volume -Force -WhatIf", Vars(("l", label))).AssertClean();
            Assert.Empty(whatIfForce.Output);
            Assert.True(ContainerExists(exitedId) && NetworkExists() && VolumeExists());

            var results = _ps.Run("Invoke-DockerPrune -Label $l -Force", Vars(("l", label))).AssertClean().All<DockerPruneResult>();
            Assert.Equal(new[] { "Container", "Network", "Image", "BuildCache" }, results.Select(r => r.Type));
            Assert.Equal(new[] { exitedId }, results[0].Deleted);
            Assert.True(results[0].ReclaimedBytes >= 25000, "ReclaimedBytes " + results[0].ReclaimedBytes);
            Assert.Equal(new[] { network }, results[1].Deleted);
            Assert.Empty(results[2].Deleted);
            Assert.All(results, r => Assert.Equal(_engine.Endpoint, r.Engine));
            Assert.False(ContainerExists(exitedId));
            Assert.True(ContainerExists(otherExited), "an exited container without the label was pruned");
            Assert.Contains(_engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }).GetAwaiter().GetResult(), x => x.Names.Contains("/" + running));
            Assert.True(VolumeExists(), "volumes are pruned only with -Volume");

            var volumes = _ps.Run("Invoke-DockerPrune -Label $l -Volume -Force", Vars(("l", label))).AssertClean().Single<DockerPruneResult>();
            Assert.Equal("Volume", volumes.Type);
            Assert.Equal(new[] { volume }, volumes.Deleted);
            Assert.False(VolumeExists());

            PsResult view = _ps.Run("Invoke-DockerPrune -Label $l -Container -Force | Out-Default", Vars(("l", label))).AssertClean();
            Assert.Contains("RECLAIMED", view.HostText);
        }

        [SkippableFact]
        public void OneKindRejectingAFilterIsOneErrorAndTheOtherKindsStillRun()
        {
            Skip.If(_engine.IsPodman, "Podman 4.3 accepts an until filter on volume prune (200, observed with curl), which dockerd refuses with 400, so no kind fails");
            string label = "dockerps.sysprune=" + _engine.NewName("until");
            PsResult r = _ps.Run("Invoke-DockerPrune -Label $l -Until 1h -Volume -Container -Force; 'after'", Vars(("l", label)));
            Assert.Null(r.Terminating);
            var e = Assert.Single(r.Errors);
            Assert.Equal("InvalidPruneFilter,DockerPS.Commands.Engine.InvokeDockerPruneCommand", e.FullyQualifiedErrorId);
            Assert.Equal("Volume", e.TargetObject);
            Assert.Equal("Container", Assert.IsType<DockerPruneResult>(r.Output[0].BaseObject).Type);
            Assert.Equal("after", r.Output.Last().BaseObject);

            PsResult badLabel = _ps.Run("try { Invoke-DockerPrune -Label '=x' -Force } catch { $_ }");
            var record = Assert.IsType<ErrorRecord>(Assert.Single(badLabel.Output).BaseObject);
            Assert.StartsWith("InvalidPruneFilter,", record.FullyQualifiedErrorId);
        }

        [SkippableFact]
        public void PipedImagesListTheContainersCreatedFromThem()
        {
            string tag = _engine.NewName("anc");
            var labels = new Dictionary<string, string> { ["dockerps.anc"] = tag };
            string a = _engine.NewName("from-image");
            _engine.CreateContainer(a, labels: labels);
            string b = _engine.CreateExitedContainer(_engine.NewName("from-image"), 0, labels);

            var names = _ps.Run("Get-Image $i | Get-Container -Label \"dockerps.anc=$t\" | ForEach-Object Id", Vars(("i", _engine.Image), ("t", tag))).AssertClean()
                .Output.Select(o => (string)o.BaseObject).ToList();
            Assert.Equal(2, names.Count);
            Assert.Contains(b, names);
            var typed = _ps.Run("Get-Container -Image $i -Label \"dockerps.anc=$t\" -Status created", Vars(("i", _engine.Image), ("t", tag))).AssertClean().Single<DockerContainer>();
            Assert.Equal(a, typed.Name);
        }
    }
}
