using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Volumes
{
    [Collection(EngineCollection.Name)]
    public sealed class VolumeTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public VolumeTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        private string CreateVolume(string name, IDictionary<string, string>? labels = null)
        {
            var all = new Dictionary<string, string>(labels ?? new Dictionary<string, string>()) { [EngineFixture.TestLabel] = _engine.RunId };
            _engine.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Labels = all }).GetAwaiter().GetResult();
            return name;
        }

        private string CreateContainerWithVolume(string name, string volume, bool start = false, List<string>? cmd = null) =>
            _engine.CreateContainer(name, cmd, start, configure: p => p.HostConfig.Binds = new List<string> { volume + ":/data" });

        private List<string> VolumeNames() =>
            (_engine.Client.Volumes.ListAsync().GetAwaiter().GetResult().Volumes ?? new List<VolumeResponse>()).Select(v => v.Name).ToList();

        [SkippableFact]
        public void NewCreatesAVolumeWithLabelsAndOptions()
        {
            Skip.If(_engine.IsPodman, "Podman: the local driver's size/inodes options need project quota, which this filesystem lacks");
            string name = _engine.NewName("vol");
            var v = _ps.Run("New-ContainerVolume $n -Label @{ 'dockerps.test' = $run; tier = 'db' } -Option @{ type = 'tmpfs'; device = 'tmpfs'; o = 'size=1m' }",
                Vars(("n", name), ("run", _engine.RunId))).AssertClean().Single<DockerVolume>();
            VolumeResponse inspect = _engine.Client.Volumes.InspectAsync(name).GetAwaiter().GetResult();
            Assert.Equal(name, v.Name);
            Assert.Equal("local", v.Driver);
            Assert.Equal(inspect.Mountpoint, v.Mountpoint);
            Assert.Equal("db", v.Labels["tier"]);
            Assert.Equal("tmpfs", inspect.Options["type"]);
            Assert.Equal("size=1m", v.Options["o"]);
            Assert.Equal(_engine.Endpoint, v.Engine);
            Assert.NotNull(v.Created);

            string whatIf = _engine.NewName("vol");
            _ps.Run("New-ContainerVolume $n -WhatIf", Vars(("n", whatIf))).AssertClean();
            Assert.DoesNotContain(whatIf, VolumeNames());
        }

        [SkippableFact]
        public void GetSaysWhichContainersUseAVolumeAndHowBigItIs()
        {
            string group = _engine.NewName("gv");
            string used = CreateVolume(group + "-used");
            string free = CreateVolume(group + "-free");
            string c = _engine.NewName("writer");
            string id = CreateContainerWithVolume(c, used, start: true, cmd: new List<string> { "sh", "-c", "dd if=/dev/zero of=/data/blob bs=1000 count=20 2>/dev/null; sleep 300" });
            System.Threading.Thread.Sleep(500);

            var vols = _ps.Run("Get-ContainerVolume \"$g-*\" -Label $l", Vars(("g", group), ("l", EngineFixture.TestLabel + "=" + _engine.RunId))).AssertClean().All<DockerVolume>();
            Assert.Equal(new[] { free, used }, vols.Select(v => v.Name));
            Assert.Empty(vols[0].UsedBy);
            Assert.Equal(0, vols[0].RefCount);
            VolumeUser user = Assert.Single(vols[1].UsedBy);
            Assert.Equal(id, user.Id);
            Assert.Equal(c, user.Name);
            Assert.Equal(1, vols[1].RefCount);
            Assert.True(vols[1].Size >= 20000, "Size " + vols[1].Size);

            var dangling = _ps.Run("Get-ContainerVolume \"$g-*\" -Dangling", Vars(("g", group))).AssertClean().Single<DockerVolume>();
            Assert.Equal(free, dangling.Name);
            var upper = _ps.Run("Get-ContainerVolume $n", Vars(("n", used.ToUpperInvariant()))).AssertClean().Single<DockerVolume>();
            Assert.Equal(used, upper.Name);

            PsResult missing = _ps.Run("Get-ContainerVolume $m, $n", Vars(("m", _engine.NewName("nope")), ("n", free)));
            Assert.Equal("VolumeNotFound,DockerPS.Commands.Volume.GetContainerVolumeCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
            Assert.Single(missing.Output);
        }

        [SkippableFact]
        public void ContainersAndVolumesPipeIntoEachOther()
        {
            string v1 = CreateVolume(_engine.NewName("pv"));
            string v2 = CreateVolume(_engine.NewName("pv"));
            string c = _engine.NewName("both");
            _engine.CreateContainer(c, configure: p => p.HostConfig.Binds = new List<string> { v1 + ":/one", v2 + ":/two:ro", "/tmp:/host-tmp:ro" });
            string other = _engine.NewName("one");
            CreateContainerWithVolume(other, v1);

            var mounted = _ps.Run("Get-Container $c | Get-ContainerVolume", Vars(("c", c))).AssertClean().All<DockerVolume>();
            Assert.Equal(new[] { v1, v2 }.OrderBy(x => x), mounted.Select(v => v.Name).OrderBy(x => x));
            Assert.Equal("/one", mounted.Single(v => v.Name == v1).UsedBy.Single(u => u.Name == c).Destination);

            var users = _ps.Run("Get-ContainerVolume $v | Get-Container | ForEach-Object Name", Vars(("v", v1))).AssertClean()
                .Output.Select(o => (string)o.BaseObject).OrderBy(x => x);
            Assert.Equal(new[] { c, other }.OrderBy(x => x), users);
            var typed = _ps.Run("Get-Container -Volume $v", Vars(("v", v2))).AssertClean().Single<DockerContainer>();
            Assert.Equal(c, typed.Name);
        }

        [Fact]
        public void RemoveTakesNamesAndObjectsAndSaysVolumeInUse()
        {
            string free = CreateVolume(_engine.NewName("rv"));
            string piped = CreateVolume(_engine.NewName("rv"));
            string busy = CreateVolume(_engine.NewName("rv"));
            CreateContainerWithVolume(_engine.NewName("holder"), busy);

            _ps.Run("Remove-ContainerVolume $n -WhatIf", Vars(("n", free))).AssertClean();
            Assert.Contains(free, VolumeNames());

            PsResult r = _ps.Run("Remove-ContainerVolume $b, $f; Get-ContainerVolume $p | Remove-ContainerVolume; 'after'", Vars(("b", busy), ("f", free), ("p", piped)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("VolumeInUse,DockerPS.Commands.Volume.RemoveContainerVolumeCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, e.CategoryInfo.Category);
            Assert.Equal(busy, e.TargetObject);
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
            var names = VolumeNames();
            Assert.DoesNotContain(free, names);
            Assert.DoesNotContain(piped, names);
            Assert.Contains(busy, names);

            PsResult gone = _ps.Run("Remove-ContainerVolume $f", Vars(("f", free)));
            Assert.StartsWith("VolumeNotFound,", Assert.Single(gone.Errors).FullyQualifiedErrorId);
        }

        [SkippableFact]
        public void PruneWithWhatIfChangesNothingAndWithForceRemovesOnlyThisRunsUnusedVolumes()
        {
            string tag = _engine.NewName("vp");
            var labels = new Dictionary<string, string> { ["dockerps.prune"] = tag };
            string unused = CreateVolume(_engine.NewName("unused"), labels);
            string used = CreateVolume(_engine.NewName("used"), labels);
            CreateContainerWithVolume(_engine.NewName("user"), used);

            PsResult whatIf = _ps.Run("Invoke-ContainerVolumePrune -Label \"dockerps.prune=$t\" -All -WhatIf", Vars(("t", tag))).AssertClean();
            Assert.Empty(whatIf.Output);
            Assert.Contains(unused, VolumeNames());

            var result = _ps.Run("Invoke-ContainerVolumePrune -Label \"dockerps.prune=$t\" -All -Force", Vars(("t", tag))).AssertClean().Single<DockerPruneResult>();
            Assert.Equal("Volume", result.Type);
            Assert.Equal(new[] { unused }, result.Deleted);
            Assert.DoesNotContain(unused, VolumeNames());
            Assert.Contains(used, VolumeNames());
        }

        [SkippableFact]
        public void PruneRefusesAnUntilFilter()
        {
            Skip.If(_engine.IsPodman, "Podman 4.3 accepts an until filter on volume prune (200 {\"VolumesDeleted\":[],\"SpaceReclaimed\":0} for a label that matches nothing, observed with curl), which dockerd refuses with 400");
            string tag = _engine.NewName("vpu");
            var labels = new Dictionary<string, string> { ["dockerps.prune"] = tag };
            string used = CreateVolume(_engine.NewName("used"), labels);
            CreateContainerWithVolume(_engine.NewName("user"), used);
            PsResult bad = _ps.Run("try { Invoke-ContainerVolumePrune -Label \"dockerps.prune=$t\" -Until 1h -Force } catch { $_ }", Vars(("t", tag)));
            var record = bad.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().FirstOrDefault() ?? bad.Errors.First();
            Assert.StartsWith("InvalidPruneFilter,", record.FullyQualifiedErrorId);
            Assert.Contains(used, VolumeNames());
        }

        [SkippableFact]
        public void TheTableViewLooksLikeDockerVolumeLs()
        {
            string v = CreateVolume(_engine.NewName("view"));
            string c = _engine.NewName("viewer");
            CreateContainerWithVolume(c, v);
            PsResult r = _ps.Run("Get-ContainerVolume $v | Out-Default", Vars(("v", v))).AssertClean();
            string[] lines = r.HostText.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
            string header = lines.First(l => l.Contains("VOLUME NAME"));
            Assert.Contains("DRIVER", header);
            string row = lines.Single(l => l.Contains(v));
            Assert.StartsWith("local", row);
            Assert.Contains(c, row);
        }
    }
}
