using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Remote
{
    /// <summary>-Host with several engines: the shared engine, a private second dockerd, a dead and a hung endpoint.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class FanOutTests : IClassFixture<SecondEngineFixture>, IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly SecondEngineFixture _second;
        private readonly PowerShellSession _ps;
        private readonly TcpListener _hung = new TcpListener(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _held = new List<TcpClient>();

        public FanOutTests(EngineFixture engine, SecondEngineFixture second)
        {
            _engine = engine;
            _second = second;
            _ps = engine.Session;
            _hung.Start();
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        TcpClient c = await _hung.AcceptTcpClientAsync();
                        lock (_held)
                        {
                            _held.Add(c);
                        }
                    }
                }
                catch (Exception)
                {
                }
            });
        }

        private string Hung => "tcp://127.0.0.1:" + ((IPEndPoint)_hung.LocalEndpoint).Port;

        private PsResult Run(string script, params (string Name, object? Value)[] vars) =>
            _ps.Run(script, _engine.Vars(vars.Concat(new[] { ("main", (object?)_engine.Endpoint), ("second", _second.SocketAddress) }).ToArray()));

        [Fact]
        public void ListsFromSeveralEnginesSayWhichEngineEachObjectCameFrom()
        {
            string prefix = _engine.NewName("fan");
            _engine.CreateContainer(prefix + "-a");
            _second.CreateContainer(prefix + "-b");
            var found = Run("Get-Container -Host $main, $second -Name \"$p*\"", ("p", prefix)).AssertClean().All<DockerContainer>();
            Assert.Equal(new[] { (prefix + "-a", _engine.Endpoint), (prefix + "-b", _second.SocketAddress) },
                found.Select(c => (c.Names[0].TrimStart('/'), c.Engine)).OrderBy(x => x.Item1));

            var versions = Run("Get-DockerVersion -Host $main, $second -ThrottleLimit 2").AssertClean().All<DockerVersion>();
            Assert.Equal(new[] { _engine.Endpoint, _second.SocketAddress }.OrderBy(x => x), versions.Select(v => v.Engine).OrderBy(x => x));
        }

        [Fact]
        public void PipedObjectsFromTwoEnginesGoBackToTheirOwnEngine()
        {
            string prefix = _engine.NewName("mix");
            string a = _engine.CreateContainer(prefix + "-a", start: true);
            string b = _second.CreateContainer(prefix + "-b", start: true);
            var stopped = Run("Get-Container -Host $main, $second -Name \"$p*\" | Stop-Container -Timeout 0 -PassThru", ("p", prefix))
                .AssertClean().All<DockerContainer>();
            Assert.Equal(2, stopped.Count);
            Assert.False(_engine.Inspect(a).State.Running);
            Assert.False(_second.Client.Containers.InspectContainerAsync(b).GetAwaiter().GetResult().State.Running);

            Run("Get-Container -Host $main, $second -All -Name \"$p*\" | Remove-Container", ("p", prefix)).AssertClean();
            Assert.DoesNotContain(_second.Client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters { All = true }).GetAwaiter().GetResult(),
                c => c.ID == b);
            Assert.Empty(Run("Get-Container -Host $main -All -Name \"$p*\"", ("p", prefix)).AssertClean().Output);
        }

        [Fact]
        public void ACmdletThatActsOnOneEngineRefusesSeveralHostsInsteadOfIgnoringAllButTheFirst()
        {
            string name = _engine.NewName("onehost");
            PsResult r = Run("New-Container $img sleep 60 -Name $n -Network none -Host $main, $second", ("n", name));
            ErrorRecord e = r.Terminating ?? Assert.Single(r.Errors);
            Assert.Equal("SeveralHostsNotSupported", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Contains("New-Container works on one engine", e.Exception.Message);
            // Nothing was created on either engine.
            Assert.Empty(Run("Get-Container -All -Name \"$n*\" -Host $main, $second", ("n", name)).AssertClean().Output);
            // A read that takes several engines still does, and so does a prune (-WhatIf: nothing removed).
            Assert.Null(Run("Invoke-ContainerNetworkPrune -Host $main, $second -WhatIf").Terminating);
        }

        [Fact]
        public void ADeadEngineFailsAloneWithANonTerminatingConnectionError()
        {
            string dead = "tcp://127.0.0.1:" + EngineFixture.FreeLoopbackPort();
            PsResult r = Run("Get-DockerVersion -Host $main, $dead, $second", ("dead", dead));
            Assert.Null(r.Terminating);
            Assert.Equal(new[] { _engine.Endpoint, _second.SocketAddress }.OrderBy(x => x), r.All<DockerVersion>().Select(v => v.Engine).OrderBy(x => x));
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal("EngineUnreachable", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
            Assert.Equal(dead, e.TargetObject);
        }

        [Fact]
        public void AHungEngineDoesNotHoldUpTheOthers()
        {
            PsResult r = Run("$t0 = [DateTime]::UtcNow; Get-DockerVersion -Host $hung, $main | ForEach-Object { ([DateTime]::UtcNow - $t0).TotalSeconds }; ([DateTime]::UtcNow - $t0).TotalSeconds",
                ("hung", Hung));
            Assert.Null(r.Terminating);
            double first = (double)r.Output[0].BaseObject;
            double total = (double)r.Output[1].BaseObject;
            Assert.True(first < 3, $"the live engine's answer came after {first:0.0} s");
            Assert.True(total >= 9, $"the hung engine was given up after {total:0.0} s (connect timeout 10 s)");
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal("EngineTimeout", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
        }

        [Fact]
        public void ThrottleLimitOneReadsOneEngineAtATime()
        {
            PsResult r = Run("$t0 = [DateTime]::UtcNow; Get-DockerVersion -Host $hung, $main -ThrottleLimit 1 | ForEach-Object { ([DateTime]::UtcNow - $t0).TotalSeconds }",
                ("hung", Hung));
            Assert.True((double)Assert.Single(r.Output).BaseObject >= 9, "the second engine was read before the first one's slot was free");
            Assert.Single(r.Errors);
        }

        [SkippableFact]
        public void ABadFilterOnSeveralEnginesIsOneErrorPerEngine()
        {
            PsResult r = Run("Get-Container -Host $main, $second -Filter @{ nosuchfilter = 'x' }");
            Assert.Null(r.Terminating);
            Assert.Equal(2, r.Errors.Count);
            Assert.All(r.Errors, e => Assert.Equal("InvalidContainerFilter", e.FullyQualifiedErrorId.Split(',')[0]));
        }

        [Fact]
        public void OneNameMissingOnEveryEngineIsOneErrorAndANameOnOneEngineIsNone()
        {
            string prefix = _engine.NewName("one");
            _engine.CreateContainer(prefix + "-a");
            _second.CreateContainer(prefix + "-b");
            PsResult r = Run("Get-Container -All -Host $main, $second -Name \"$p-a\", \"$p-b\", \"$p-none\", \"$p-w*\"", ("p", prefix));
            Assert.Null(r.Terminating);
            Assert.Equal(new[] { prefix + "-a", prefix + "-b" }, r.All<DockerContainer>().Select(c => c.Names[0].TrimStart('/')).OrderBy(n => n));
            // Before: one ContainerNotFound from each engine that lacked a name (three here); now one for the name no engine has.
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal("ContainerNotFound", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(prefix + "-none", e.TargetObject);

            // The same rule for images: the second engine's image is found once, no ImageNotFound from the first.
            PsResult images = Run("Get-Image -Host $main, $second -Reference $ref", ("ref", _second.Image));
            Assert.Empty(images.Errors);
            Assert.Equal(_second.SocketAddress, Assert.Single(images.All<DockerImage>()).Engine);
        }

        [Fact]
        public void ANameIsNotReportedMissingWhenAnEngineDidNotAnswer()
        {
            string dead = "tcp://127.0.0.1:" + EngineFixture.FreeLoopbackPort();
            PsResult r = Run("Get-Container -All -Host $main, $dead -Name \"$p-none\"", ("dead", dead), ("p", _engine.NewName("gone")));
            // The container may be on the engine that did not answer: its ConnectionError is the only error.
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal("EngineUnreachable", e.FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public void EventsWithFollowReadEveryEngineAtOnce()
        {
            string prefix = _engine.NewName("ev");
            string since = DateTime.UtcNow.AddSeconds(-2).ToString("o");
            _engine.CreateContainer(prefix + "-a");
            _second.CreateContainer(prefix + "-b");
            // One engine after the other, the first engine's open stream would keep the second from ever being read.
            PsResult r = Run("Get-DockerEvent -Host $main, $second -Since ([DateTime]$since) -Follow -Event create -Container \"$p-a\", \"$p-b\" | Select-Object -First 2",
                ("p", prefix), ("since", since));
            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            Assert.Equal(new[] { _engine.Endpoint, _second.SocketAddress }.OrderBy(x => x), r.All<DockerEvent>().Select(ev => ev.Engine).OrderBy(x => x));
        }

        [Fact]
        public void APruneOfSeveralEnginesPrunesEachAndSaysWhichEngine()
        {
            string label = "dockerps.fanprune=" + _engine.NewName("p");
            string[] kv = label.Split('=');
            string name = _engine.NewName("prune-net");
            Run("New-ContainerNetwork $n -Label @{ $k = $v } -Host $main; New-ContainerNetwork $n -Label @{ $k = $v } -Host $second",
                ("n", name), ("k", kv[0]), ("v", kv[1])).AssertClean();
            var results = Run("Invoke-ContainerNetworkPrune -Host $main, $second -Label $l -Force", ("l", label)).AssertClean().All<DockerPruneResult>();
            Assert.Equal(new[] { _engine.Endpoint, _second.SocketAddress }.OrderBy(x => x), results.Select(x => x.Engine).OrderBy(x => x));
            Assert.All(results, x => Assert.Contains(name, x.Deleted));
            Assert.Empty(Run("Get-ContainerNetwork -Host $main, $second -Name $n", ("n", name)).Output);
        }

        public void Dispose()
        {
            _hung.Stop();
            lock (_held)
            {
                _held.ForEach(c => c.Dispose());
            }
        }
    }
}
