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
