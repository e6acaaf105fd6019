using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.EngineWide
{
    /// <summary>
    /// The swarm cmdlets against the test engine, which is no swarm member: Docker answers that it is not a manager
    /// (SwarmNotManager); Podman has no swarm mode at all (SwarmNotSupported, naming Podman). Runs in both CI targets.
    /// Only reads are sent to Docker: the shared engine must never become a swarm member.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class SwarmAvailabilityTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public SwarmAvailabilityTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private ErrorRecord Failure(string script)
        {
            PsResult r = _ps.Run(script);
            Assert.Empty(r.Output);
            return r.Terminating ?? Assert.Single(r.Errors);
        }

        [Theory]
        [InlineData("Get-DockerSwarm")]
        [InlineData("Get-DockerSwarmUnlockKey")]
        [InlineData("Get-SwarmNode")]
        [InlineData("Get-SwarmService")]
        [InlineData("Get-SwarmTask")]
        [InlineData("Get-SwarmSecret")]
        [InlineData("Get-SwarmConfig")]
        [InlineData("Get-SwarmServiceLog web")]
        public void ReadsSayTheEngineIsNoSwarmManagerOrHasNoSwarm(string script)
        {
            ErrorRecord e = Failure(script);
            if (_engine.IsPodman)
            {
                Assert.StartsWith("SwarmNotSupported,", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.NotImplemented, e.CategoryInfo.Category);
                Assert.Contains("has no swarm mode", e.Exception.Message);
                Assert.Contains("Podman has no swarm", e.Exception.Message);
            }
            else
            {
                Assert.StartsWith("SwarmNotManager,", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidOperation, e.CategoryInfo.Category);
                Assert.Contains("not a swarm manager", e.Exception.Message);
            }
        }

        /// <summary>Changes: only on Podman, where they cannot make a swarm (the shared Docker engine is never sent one).</summary>
        [SkippableTheory]
        [InlineData("Initialize-DockerSwarm -AdvertiseAddress 127.0.0.1")]
        [InlineData("Join-DockerSwarm -RemoteAddress 127.0.0.1:2377 -Token SWMTKN-1-x")]
        [InlineData("New-SwarmService $img sleep 60 -Name dps-nosvc")]
        [InlineData("New-SwarmSecret dps-nosecret -Value x")]
        [InlineData("New-SwarmConfig dps-noconfig -Value x")]
        [InlineData("Remove-SwarmSecret dps-nosecret")]
        [InlineData("Set-SwarmNode dps-nonode -Availability drain")]
        [InlineData("Exit-DockerSwarm -Force")]
        public void ChangesOnPodmanSayItHasNoSwarm(string script)
        {
            Skip.IfNot(_engine.IsPodman, "Docker: the shared engine is never sent a swarm change (the swarm fixture tests them on its own engines)");
            PsResult r = _ps.Run(script, new Dictionary<string, object?> { ["img"] = _engine.Image });
            ErrorRecord e = r.Terminating ?? Assert.Single(r.Errors);
            Assert.StartsWith("SwarmNotSupported,", e.FullyQualifiedErrorId);
            Assert.Contains("Podman has no swarm", e.Exception.Message);
            Assert.DoesNotContain(r.Output, o => o != null);
        }
    }
}
