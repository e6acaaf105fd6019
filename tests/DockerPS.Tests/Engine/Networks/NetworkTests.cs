using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Networks
{
    [Collection(EngineCollection.Name)]
    public sealed class NetworkTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public NetworkTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        private string Run => EngineFixture.TestLabel + "=" + _engine.RunId;

        /// <summary>A /24 in 10.x unlikely to collide with other runs.</summary>
        private static string FreeSubnet(out string prefix)
        {
            var r = new Random();
            prefix = $"10.{r.Next(100, 250)}.{r.Next(0, 255)}";
            return prefix + ".0/24";
        }

        [SkippableFact]
        public void NewCreatesANetworkWithIpamLabelsAndOptions()
        {
            Skip.If(_engine.IsPodman, "Podman: inspect reports the IPAM subnets differently from the create request");
            string name = _engine.NewName("net");
            string subnet = FreeSubnet(out string p);
            var n = _ps.Run("New-ContainerNetwork $n -Subnet $s -Gateway $g -IPRange $r -Internal -Label @{ 'dockerps.test' = $run; tier = 'db' } -Option @{ 'com.docker.network.driver.mtu' = 1400 }",
                Vars(("n", name), ("s", subnet), ("g", p + ".1"), ("r", p + ".128/25"), ("run", _engine.RunId))).AssertClean().Single<DockerNetwork>();

            NetworkResponse inspect = _engine.Client.Networks.InspectNetworkAsync(name).GetAwaiter().GetResult();
            Assert.Equal(inspect.ID, n.Id);
            Assert.Equal(name, n.Name);
            Assert.Equal("bridge", n.Driver);
            Assert.Equal("local", n.Scope);
            Assert.True(n.Internal);
            Assert.Equal(new[] { subnet }, n.Subnets);
            Assert.Equal(new[] { p + ".1" }, n.Gateways);
            Assert.Equal(new[] { p + ".128/25" }, n.IPRanges);
            Assert.Equal("db", n.Labels["tier"]);
            Assert.Equal("1400", inspect.Options["com.docker.network.driver.mtu"]);
            Assert.Equal(_engine.Endpoint, n.Engine);
            Assert.Equal(DateTimeKind.Local, n.Created.Kind);
        }

        [Fact]
        public void NewWritesNothingWithWhatIfAndNameInUseForATakenName()
        {
            string name = _engine.NewName("net");
            _ps.Run("New-ContainerNetwork $n -WhatIf -Label @{ 'dockerps.test' = $run }", Vars(("n", name), ("run", _engine.RunId))).AssertClean();
            Assert.DoesNotContain(_engine.Client.Networks.ListNetworksAsync().GetAwaiter().GetResult(), x => x.Name == name);

            _engine.CreateNetwork(name);
            PsResult r = _ps.Run("New-ContainerNetwork $n -Label @{ 'dockerps.test' = $run }; 'after'", Vars(("n", name), ("run", _engine.RunId)));
            var e = Assert.Single(r.Errors);
            Assert.StartsWith("NetworkNameInUse,", e.FullyQualifiedErrorId);
            Assert.Equal(name, e.TargetObject);
            Assert.Equal("after", r.Output.Last().BaseObject);

            PsResult bad = _ps.Run("try { New-ContainerNetwork $n -Gateway 10.1.1.1 } catch { $_ }", Vars(("n", _engine.NewName("net"))));
            var record = Assert.IsType<ErrorRecord>(Assert.Single(bad.Output).BaseObject);
            Assert.StartsWith("InvalidNetworkSettings,", record.FullyQualifiedErrorId);
        }

        [SkippableFact]
        public void GetListsConnectedContainersAndFiltersByWildcardDriverAndLabel()
        {
            string group = _engine.NewName("gn");
            string a = _engine.CreateNetwork(group + "-a");
            string b = _engine.CreateNetwork(group + "-b");
            string c1 = _engine.NewName("on-a");
            string id1 = _engine.CreateContainer(c1, start: true, configure: p => p.HostConfig.NetworkMode = a);
            ContainerInspectResponse inspect = _engine.Inspect(id1);

            var nets = _ps.Run("Get-ContainerNetwork \"$g-*\" -Driver bridge -Label $l", Vars(("g", group), ("l", Run))).AssertClean().All<DockerNetwork>();
            Assert.Equal(new[] { a, b }, nets.Select(n => n.Name));
            NetworkContainer member = Assert.Single(nets[0].Containers);
            Assert.Equal(id1, member.Id);
            Assert.Equal(c1, member.Name);
            Assert.Equal(inspect.NetworkSettings.Networks[a].IPAddress, member.IPv4Address);
            Assert.Equal(inspect.NetworkSettings.Networks[a].MacAddress, member.MacAddress);
            Assert.Empty(nets[1].Containers);

            var byId = _ps.Run("Get-ContainerNetwork -Id $i", Vars(("i", nets[1].Id.Substring(0, 12)))).AssertClean().Single<DockerNetwork>();
            Assert.Equal(b, byId.Name);
            var upper = _ps.Run("Get-ContainerNetwork $n", Vars(("n", a.ToUpperInvariant()))).AssertClean().Single<DockerNetwork>();
            Assert.Equal(a, upper.Name);
            Assert.Empty(_ps.Run("Get-ContainerNetwork \"$g-*\" -Driver host", Vars(("g", group))).AssertClean().Output);
            Assert.Contains(_ps.Run("Get-ContainerNetwork -Scope local").AssertClean().All<DockerNetwork>(), n => n.Name == a);
            Assert.Empty(_ps.Run("Get-ContainerNetwork \"$g-*\" -Scope swarm, global", Vars(("g", group))).AssertClean().Output);
        }

        [SkippableFact]
        public void AMissingNetworkIsOneErrorAndTheRestGoesOn()
        {
            string name = _engine.CreateNetwork(_engine.NewName("net"));
            string missing = _engine.NewName("missing");
            PsResult r = _ps.Run("$m, $n | Get-ContainerNetwork; 'after'", Vars(("m", missing), ("n", name)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("NetworkNotFound,DockerPS.Commands.Network.GetContainerNetworkCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.Equal(missing, e.TargetObject);
            Assert.Equal(name, Assert.IsType<DockerNetwork>(r.Output[0].BaseObject).Name);
            Assert.Empty(_ps.Run("Get-ContainerNetwork 'no-such-net-*'").AssertClean().Output);

            PsResult bad = _ps.Run("try { Get-ContainerNetwork -Filter @{ nosuchfilter = 1 } } catch { $_ }");
            var record = bad.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().FirstOrDefault() ?? bad.Errors.First();
            Assert.StartsWith("InvalidNetworkFilter,", record.FullyQualifiedErrorId);
        }

        [Fact]
        public void ConnectAndDisconnectWithAliasStaticIpAndPassThru()
        {
            string subnet = FreeSubnet(out string p);
            string net = _engine.NewName("net");
            _ps.Run("New-ContainerNetwork $n -Subnet $s -Label @{ 'dockerps.test' = $run } | ForEach-Object Name", Vars(("n", net), ("s", subnet), ("run", _engine.RunId))).AssertClean();
            string home = _engine.CreateNetwork(_engine.NewName("home"));
            string c = _engine.NewName("conn");
            string id = _engine.CreateContainer(c, start: true, configure: x => x.HostConfig.NetworkMode = home);

            var after = _ps.Run("Get-Container $c | Connect-ContainerNetwork -Network $n -IPv4Address $ip -Alias db.internal -PassThru",
                Vars(("c", c), ("n", net), ("ip", p + ".10"))).AssertClean().Single<DockerNetwork>();
            NetworkContainer member = Assert.Single(after.Containers);
            Assert.Equal(id, member.Id);
            Assert.Equal(p + ".10", member.IPv4Address);
            EndpointSettings ep = _engine.Inspect(id).NetworkSettings.Networks[net];
            Assert.Contains("db.internal", ep.Aliases);

            PsResult twice = _ps.Run("Connect-ContainerNetwork $n $c", Vars(("n", net), ("c", c)));
            Assert.Single(twice.Errors);

            _ps.Run("Disconnect-ContainerNetwork $n $c -Force", Vars(("n", net), ("c", c))).AssertClean();
            Assert.False(_engine.Inspect(id).NetworkSettings.Networks.ContainsKey(net));

            PsResult missing = _ps.Run("Connect-ContainerNetwork $n $m, $c; 'after'", Vars(("n", net), ("m", _engine.NewName("nope")), ("c", c)));
            Assert.StartsWith("ContainerNotFound,", Assert.Single(missing.Errors).FullyQualifiedErrorId); // the engine's 404 names the container ("No such container"), as docker network connect says
            Assert.True(_engine.Inspect(id).NetworkSettings.Networks.ContainsKey(net), "the second container was still connected");
            _ps.Run("Disconnect-ContainerNetwork $n $c -WhatIf", Vars(("n", net), ("c", c))).AssertClean();
            Assert.True(_engine.Inspect(id).NetworkSettings.Networks.ContainsKey(net));
        }

        [Fact]
        public void RemoveTakesNamesAndPipedObjectsAndSaysNetworkInUse()
        {
            string free = _engine.CreateNetwork(_engine.NewName("rm"));
            string piped = _engine.CreateNetwork(_engine.NewName("rm"));
            string busy = _engine.CreateNetwork(_engine.NewName("rm"));
            _engine.CreateContainer(_engine.NewName("busy"), start: true, configure: p => p.HostConfig.NetworkMode = busy);

            _ps.Run("Remove-ContainerNetwork $n -WhatIf", Vars(("n", free))).AssertClean();
            Assert.Contains(_engine.Client.Networks.ListNetworksAsync().GetAwaiter().GetResult(), x => x.Name == free);

            PsResult r = _ps.Run("Remove-ContainerNetwork $b, $f; Get-ContainerNetwork $p | Remove-ContainerNetwork; 'after'", Vars(("b", busy), ("f", free), ("p", piped)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("NetworkInUse,DockerPS.Commands.Network.RemoveContainerNetworkCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, e.CategoryInfo.Category);
            Assert.Equal(busy, e.TargetObject);
            var names = _engine.Client.Networks.ListNetworksAsync().GetAwaiter().GetResult().Select(x => x.Name).ToList();
            Assert.DoesNotContain(free, names);
            Assert.DoesNotContain(piped, names);
            Assert.Contains(busy, names);

            PsResult gone = _ps.Run("Remove-ContainerNetwork $f", Vars(("f", free)));
            Assert.StartsWith("NetworkNotFound,", Assert.Single(gone.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void PipedNetworksListTheirContainers()
        {
            string net = _engine.CreateNetwork(_engine.NewName("pipe"));
            string on = _engine.NewName("on");
            string stopped = _engine.NewName("on-stopped");
            _engine.CreateContainer(on, start: true, configure: p => p.HostConfig.NetworkMode = net);
            string stoppedId = _engine.CreateContainer(stopped, new List<string> { "true" }, start: true, configure: p => p.HostConfig.NetworkMode = net);
            _engine.Client.Containers.WaitContainerAsync(stoppedId).GetAwaiter().GetResult();
            _engine.CreateContainer(_engine.NewName("off"), start: true);

            var names = _ps.Run("Get-ContainerNetwork $n | Get-Container | ForEach-Object Name", Vars(("n", net))).AssertClean()
                .Output.Select(o => (string)o.BaseObject).OrderBy(x => x).ToList();
            Assert.Equal(new[] { on, stopped }.OrderBy(x => x), names);
            var typed = _ps.Run("Get-Container -Network $n -Status running", Vars(("n", net))).AssertClean().Single<DockerContainer>();
            Assert.Equal(on, typed.Name);
        }

        [Fact]
        public void PruneWithWhatIfChangesNothingAndWithForceRemovesOnlyThisRunsUnusedNetworks()
        {
            string label = "dockerps.prune=" + _engine.NewName("np");
            var labels = new Dictionary<string, string> { [EngineFixture.TestLabel] = _engine.RunId, ["dockerps.prune"] = label.Split('=')[1] };
            string unused = _engine.NewName("unused");
            string used = _engine.NewName("used");
            _engine.Client.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = unused, Labels = labels }).GetAwaiter().GetResult();
            _engine.Client.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = used, Labels = labels }).GetAwaiter().GetResult();
            _engine.CreateContainer(_engine.NewName("user"), start: true, configure: p => p.HostConfig.NetworkMode = used);
            List<string> Names() => _engine.Client.Networks.ListNetworksAsync().GetAwaiter().GetResult().Select(x => x.Name).ToList();

            PsResult whatIf = _ps.Run("Invoke-ContainerNetworkPrune -Label $l -WhatIf", Vars(("l", label))).AssertClean();
            Assert.Empty(whatIf.Output);
            Assert.Contains(unused, Names());

            var result = _ps.Run("Invoke-ContainerNetworkPrune -Label $l -Force", Vars(("l", label))).AssertClean().Single<DockerPruneResult>();
            Assert.Equal("Network", result.Type);
            Assert.Equal(new[] { unused }, result.Deleted);
            Assert.Equal(_engine.Endpoint, result.Engine);
            Assert.DoesNotContain(unused, Names());
            Assert.Contains(used, Names());
        }

        [Fact]
        public void TheTableViewLooksLikeDockerNetworkLs()
        {
            string net = _engine.CreateNetwork(_engine.NewName("view"));
            string c = _engine.NewName("viewer");
            _engine.CreateContainer(c, start: true, configure: p => p.HostConfig.NetworkMode = net);
            PsResult r = _ps.Run("Get-ContainerNetwork $n | Out-Default", Vars(("n", net))).AssertClean();
            string[] lines = r.HostText.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
            string header = lines.First(l => l.Contains("NETWORK ID"));
            foreach (string column in new[] { "NETWORK ID", "NAME", "DRIVER", "SCOPE", "SUBNET", "CONTAINERS" })
            {
                Assert.Contains(column, header);
            }

            string row = lines.Single(l => l.Contains(net));
            Assert.Contains("bridge", row);
            Assert.Contains(c, row);
        }
    }
}
