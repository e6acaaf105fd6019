using System;
using System.Collections.Generic;
using System.Linq;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine
{
    [Collection(EngineCollection.Name)]
    public sealed class GetContainerTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public GetContainerTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        [SkippableFact]
        public void ListsARunningContainerAsATypedObject()
        {
            Skip.If(_engine.IsPodman, "Podman 4.3: its container list gives a network-none container no HostConfig and NetworkSettings.Networks null (measured with curl), so there is no \"none\" network to list");
            string name = _engine.NewName("run");
            string id = _engine.CreateContainer(name, start: true);
            ContainerInspectResponse inspect = _engine.Inspect(id);

            var c = _ps.Run("Get-Container -Name $n", Vars(("n", name))).AssertClean().Single<DockerContainer>();

            Assert.Equal(id, c.Id);
            Assert.Equal(name, c.Name);
            Assert.DoesNotContain(c.Names, n => n.StartsWith("/"));
            Assert.Equal("running", c.State);
            Assert.StartsWith("Up", c.Status);
            Assert.Equal(_engine.Image, c.Image);
            Assert.Equal(inspect.Image, c.ImageId);
            Assert.Equal("sleep 300", c.Command);
            Assert.Equal(DateTimeKind.Local, c.Created.Kind);
            Assert.InRange(c.Created.ToUniversalTime(), inspect.Created.ToUniversalTime().AddSeconds(-1), inspect.Created.ToUniversalTime().AddSeconds(1));
            Assert.Equal(_engine.RunId, c.Labels[EngineFixture.TestLabel]);
            Assert.Equal(new[] { "none" }, c.Networks);
            Assert.Equal(_engine.Endpoint, c.Engine);
        }

        [Fact]
        public void WithoutAllOnlyRunningContainersAreListed()
        {
            string running = _engine.NewName("up");
            string exited = _engine.NewName("down");
            _engine.CreateContainer(running, start: true);
            _engine.CreateExitedContainer(exited);

            var plain = _ps.Run("Get-Container | ForEach-Object Name").AssertClean().Output.Select(o => (string)o.BaseObject).ToList();
            var all = _ps.Run("Get-Container -All | ForEach-Object Name").AssertClean().Output.Select(o => (string)o.BaseObject).ToList();

            Assert.Contains(running, plain);
            Assert.DoesNotContain(exited, plain);
            Assert.Contains(running, all);
            Assert.Contains(exited, all);
        }

        [Fact]
        public void NameTakesWildcardsAndFindsStoppedContainers()
        {
            string group = _engine.NewName("wild");
            _engine.CreateContainer(group + "-a", start: true);
            _engine.CreateExitedContainer(group + "-b");
            _engine.CreateContainer(_engine.NewName("other"));

            var names = _ps.Run("Get-Container -Name \"$g-*\" | ForEach-Object Name", Vars(("g", group))).AssertClean()
                .Output.Select(o => (string)o.BaseObject).OrderBy(n => n).ToList();

            Assert.Equal(new[] { group + "-a", group + "-b" }, names);
            var upper = _ps.Run("Get-Container ($g.ToUpperInvariant() + '-B')", Vars(("g", group))).AssertClean().Single<DockerContainer>();
            Assert.Equal(group + "-b", upper.Name);
        }

        [Fact]
        public void AMissingNameIsOneNonTerminatingErrorAndTheRestGoesOn()
        {
            string name = _engine.NewName("there");
            _engine.CreateContainer(name);
            string missing = _engine.NewName("missing");

            PsResult r = _ps.Run("$m, $n | Get-Container; 'after'", Vars(("m", missing), ("n", name)));

            Assert.Null(r.Terminating);
            var error = Assert.Single(r.Errors);
            Assert.Equal("ContainerNotFound,DockerPS.Commands.Container.GetContainerCommand", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(missing, error.TargetObject);
            Assert.Equal(name, Assert.IsType<DockerContainer>(r.Output[0].BaseObject).Name);
            Assert.Equal("after", r.Output[1].BaseObject);
        }

        [Fact]
        public void AWildcardThatMatchesNothingIsNotAnError()
        {
            PsResult r = _ps.Run("Get-Container -Name 'no-such-container-*'").AssertClean();
            Assert.Empty(r.Output);
        }

        [Fact]
        public void IdTakesFullIdsAndPrefixes()
        {
            string id = _engine.CreateContainer(_engine.NewName("byid"));
            Assert.Equal(id, _ps.Run("Get-Container -Id $i", Vars(("i", id))).AssertClean().Single<DockerContainer>().Id);
            Assert.Equal(id, _ps.Run("Get-Container -Id $i", Vars(("i", id.Substring(0, 12).ToUpperInvariant()))).AssertClean().Single<DockerContainer>().Id);
            PsResult missing = _ps.Run("Get-Container -Id 'ffffffffffff0000'");
            Assert.Equal("ContainerNotFound,DockerPS.Commands.Container.GetContainerCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void StatusFiltersByState()
        {
            string label = "dockerps.status=" + _engine.NewName("st");
            var labels = new Dictionary<string, string> { ["dockerps.status"] = label.Split('=')[1] };
            string up = _engine.NewName("st-up");
            string exited = _engine.NewName("st-exited");
            string created = _engine.NewName("st-created");
            _engine.CreateContainer(up, start: true, labels: labels);
            _engine.CreateExitedContainer(exited, 3, labels);
            _engine.CreateContainer(created, labels: labels);

            string Names(string status) => string.Join(",", _ps.Run($"Get-Container -Status {status} -Label $l | ForEach-Object Name", Vars(("l", label)))
                .AssertClean().Output.Select(o => (string)o.BaseObject).OrderBy(n => n));

            Assert.Equal(exited, Names("exited"));
            Assert.Equal(up, Names("running"));
            Assert.Equal(created, Names("created"));
            Assert.Equal(string.Join(",", new[] { created, exited }.OrderBy(n => n)), Names("exited,created"));
            var c = _ps.Run("Get-Container -Name $n", Vars(("n", exited))).AssertClean().Single<DockerContainer>();
            Assert.Equal("exited", c.State);
            Assert.StartsWith("Exited (3)", c.Status);
        }

        [Fact]
        public void LabelFiltersByKeyAndByKeyValue()
        {
            string tier = _engine.NewName("tier");
            string web = _engine.NewName("lbl-web");
            string db = _engine.NewName("lbl-db");
            _engine.CreateContainer(web, labels: new Dictionary<string, string> { ["dockerps.tier"] = tier, ["dockerps.role"] = "web" });
            _engine.CreateContainer(db, labels: new Dictionary<string, string> { ["dockerps.tier"] = tier, ["dockerps.role"] = "db" });

            var both = _ps.Run("Get-Container -All -Label \"dockerps.tier=$t\" | ForEach-Object Name", Vars(("t", tier))).AssertClean().Output.Select(o => (string)o.BaseObject).OrderBy(n => n);
            Assert.Equal(new[] { db, web }.OrderBy(n => n), both);
            var onlyWeb = _ps.Run("Get-Container -All -Label \"dockerps.tier=$t\", 'dockerps.role=web'", Vars(("t", tier))).AssertClean().Single<DockerContainer>();
            Assert.Equal(web, onlyWeb.Name);
            var keyOnly = _ps.Run("Get-Container -All -Label 'dockerps.role' | Where-Object { $_.Labels['dockerps.tier'] -eq $t } | ForEach-Object Name", Vars(("t", tier))).AssertClean();
            Assert.Equal(2, keyOnly.Output.Count);
        }

        [Fact]
        public void FilterPassesEngineFilters()
        {
            string tier = _engine.NewName("flt");
            string a = _engine.NewName("flt-a");
            _engine.CreateExitedContainer(a, 0, new Dictionary<string, string> { ["dockerps.flt"] = tier });
            _engine.CreateContainer(_engine.NewName("flt-b"), start: true, labels: new Dictionary<string, string> { ["dockerps.flt"] = tier });

            var c = _ps.Run("Get-Container -Filter @{ label = \"dockerps.flt=$t\"; status = 'exited' }", Vars(("t", tier))).AssertClean().Single<DockerContainer>();
            Assert.Equal(a, c.Name);
            var byAncestor = _ps.Run("Get-Container -All -Filter @{ ancestor = $i; label = \"dockerps.flt=$t\" }", Vars(("i", _engine.Image), ("t", tier))).AssertClean();
            Assert.Equal(2, byAncestor.Output.Count);
        }

        [SkippableFact]
        public void AnEngineRejectedFilterIsAClearError()
        {
            PsResult r = _ps.Run("try { Get-Container -Filter @{ nosuchfilter = 'x' } } catch { $_ }");
            var record = r.Output.Select(o => o.BaseObject).OfType<System.Management.Automation.ErrorRecord>().FirstOrDefault() ?? r.Errors.FirstOrDefault();
            Assert.NotNull(record);
            Assert.Equal("InvalidContainerFilter,DockerPS.Commands.Container.GetContainerCommand", record!.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
            Assert.Contains("nosuchfilter", record.ToString());
        }

        [Fact]
        public void AnEmptyLabelIsRejectedBeforeAskingTheEngine()
        {
            PsResult r = _ps.Run("try { Get-Container -Label '=x' } catch { $_ }");
            var record = Assert.IsType<System.Management.Automation.ErrorRecord>(Assert.Single(r.Output).BaseObject);
            Assert.Equal("InvalidContainerFilter,DockerPS.Commands.Container.GetContainerCommand", record.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        }

        [SkippableFact]
        public void PublishedPortsAreReported()
        {
            Skip.If(_engine.IsPodman, "Podman: published ports are reported with the host IP where dockerd lists them unbound");
            // Ports are published only on a bridge network; bound to 127.0.0.1 and never connected to.
            string network = _engine.CreateNetwork(_engine.NewName("net"));
            int hostPort = EngineFixture.FreeLoopbackPort();
            string name = _engine.NewName("ports");
            _engine.CreateContainer(name, start: true, configure: p =>
            {
                p.ExposedPorts = new Dictionary<string, EmptyStruct> { ["80/tcp"] = default, ["53/udp"] = default };
                p.HostConfig.NetworkMode = network;
                p.HostConfig.PortBindings = new Dictionary<string, IList<PortBinding>>
                {
                    ["80/tcp"] = new List<PortBinding> { new PortBinding { HostIP = "127.0.0.1", HostPort = hostPort.ToString() } },
                };
            });

            var c = _ps.Run("Get-Container $n", Vars(("n", name))).AssertClean().Single<DockerContainer>();
            var published = Assert.Single(c.Ports, p => p.HostPort != null);
            Assert.Equal("127.0.0.1", published.HostIp);
            Assert.Equal(hostPort, published.HostPort);
            Assert.Equal(80, published.ContainerPort);
            Assert.Equal("tcp", published.Protocol);
            Assert.Contains(c.Ports, p => p.ContainerPort == 53 && p.Protocol == "udp" && p.HostPort == null);
            Assert.Equal(new[] { network }, c.Networks);

            string shown = _ps.Run("[DockerPS.Display]::Ports((Get-Container $n).Ports)", Vars(("n", name))).AssertClean().Single<string>();
            Assert.Equal($"53/udp, 127.0.0.1:{hostPort}->80/tcp", shown);
        }

        [Fact]
        public void SizeFillsDiskUse()
        {
            string name = _engine.NewName("size");
            _engine.CreateContainer(name, new List<string> { "sh", "-c", "dd if=/dev/zero of=/tmp/blob bs=1000 count=50 2>/dev/null; sleep 300" }, start: true);
            System.Threading.Thread.Sleep(500);
            var withSize = _ps.Run("Get-Container $n -Size", Vars(("n", name))).AssertClean().Single<DockerContainer>();
            var without = _ps.Run("Get-Container $n", Vars(("n", name))).AssertClean().Single<DockerContainer>();
            Assert.True(withSize.SizeRw >= 50000, "SizeRw " + withSize.SizeRw);
            Assert.True(withSize.SizeRootFs > withSize.SizeRw);
            Assert.Null(without.SizeRw);
        }

        [SkippableFact]
        public void TheTableViewLooksLikeDockerPs()
        {
            Skip.If(_engine.IsPodman, "Podman: the command column is quoted differently");
            string name = _engine.NewName("view");
            string id = _engine.CreateExitedContainer(name, 3);
            // Wide enough for every column (narrow consoles: the test below).
            PsResult r = _ps.Run("Get-Container $n | Out-String -Width 200", Vars(("n", name))).AssertClean();
            string[] lines = r.Single<string>().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
            string header = lines.First(l => l.Contains("CONTAINER ID"));
            foreach (string column in new[] { "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES" })
            {
                Assert.Contains(column, header);
            }

            string row = lines.Single(l => l.Contains(name));
            Assert.StartsWith(id.Substring(0, 12), row);
            Assert.Contains("Exited (3)", row);
            Assert.Matches("(ago|Less than)", row);
            Assert.Contains("\"sh -c 'exit 3'\"", row);
        }

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void TheTableKeepsIdNamesAndStatusWholeAt80And120Columns(int width)
        {
            // The columns docker ps users type next come first, so a narrow console drops the others, not these.
            string name = _engine.NewName("narrow-view");
            string id = _engine.CreateExitedContainer(name, 3);
            PsResult r = _ps.Run("Get-Container $n | Out-String -Width $w", Vars(("n", name), ("w", width))).AssertClean();
            string[] lines = r.Single<string>().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
            string header = lines.First(l => l.Contains("CONTAINER ID"));
            Assert.Contains(" NAMES ", header);
            Assert.Contains(" STATUS", header);
            Assert.All(lines, l => Assert.True(l.Length <= width, $"wider than {width}: {l}"));
            string row = lines.Single(l => l.Contains(name));
            Assert.StartsWith(id.Substring(0, 12), row);
            Assert.Contains(" " + name + " ", row + " ");
            Assert.Contains("Exited (3)", row);
        }

        [Fact]
        public void ObjectsComposeInThePipeline()
        {
            string tier = _engine.NewName("pipe");
            string exited = _engine.NewName("pipe-x");
            _engine.CreateExitedContainer(exited, 0, new Dictionary<string, string> { ["dockerps.pipe"] = tier });
            PsResult r = _ps.Run("Get-Container -Status exited -Label \"dockerps.pipe=$t\" | Where-Object { $_.Created -gt [datetime]::Now.AddHours(-1) } | ForEach-Object { $_.Name }",
                Vars(("t", tier))).AssertClean();
            Assert.Equal(exited, Assert.Single(r.Output).BaseObject);
        }
    }
}
