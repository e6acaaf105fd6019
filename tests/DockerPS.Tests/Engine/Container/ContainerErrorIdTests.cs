using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Container
{
    /// <summary>Failures whose engine answers differ between dockerd and Podman, or name another object than the one acted on.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class ContainerErrorIdTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public ContainerErrorIdTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        [Fact]
        public void AnIdPrefixOfSeveralContainersIsAmbiguousContainerId()
        {
            // Containers until two of this test's ids share their first character (17 at most: 16 hex digits).
            var seen = new Dictionary<char, string>();
            var made = new List<string>();
            char prefix = default;
            while (prefix == default)
            {
                string id = _engine.CreateContainer(_engine.NewName("ambiguous"), new List<string> { "true" });
                made.Add(id);
                if (seen.ContainsKey(id[0]))
                {
                    prefix = id[0];
                }

                seen[id[0]] = id;
            }

            try
            {
                foreach (string cmdlet in new[] { "Get-ContainerDetail", "Start-Container", "Stop-Container", "Remove-Container" })
                {
                    PsResult r = _ps.Run($"{cmdlet} $p", _engine.Vars(("p", prefix.ToString())));
                    ErrorRecord e = Assert.Single(r.Errors);
                    Assert.StartsWith("AmbiguousContainerId,", e.FullyQualifiedErrorId);
                    Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
                    Assert.Equal(prefix.ToString(), e.TargetObject);
                    // The engine's own words: dockerd "Multiple IDs found with provided prefix: 8", Podman "more than one result for container ID 8".
                    Assert.Matches(_engine.IsPodman ? "more than one result for container ID " + prefix : "Multiple IDs found with provided prefix: " + prefix, e.ErrorDetails.Message);
                }

                Assert.All(made, id => Assert.Equal("created", _engine.Inspect(id).State.Status));
            }
            finally
            {
                _ps.Run("$ids | Remove-Container -Force", _engine.Vars(("ids", made.ToArray()))).AssertClean();
            }
        }

        [Fact]
        public void StartingAContainerWhoseNetworkWasRemovedIsNetworkNotFound()
        {
            string network = _engine.CreateNetwork(_engine.NewName("gone-net"));
            string name = _engine.NewName("netless");
            _engine.CreateContainer(name, configure: p => p.HostConfig.NetworkMode = network);

            PsResult removed = _ps.Run("Remove-ContainerNetwork $n", _engine.Vars(("n", network)));
            if (_engine.IsPodman)
            {
                // Podman 4.3 refuses to remove a network a container is attached to (500 "... has associated containers
                // with it ...: network is being used"), so the container can never lose its network there.
                ErrorRecord inUse = Assert.Single(removed.Errors);
                Assert.StartsWith("NetworkInUse,", inUse.FullyQualifiedErrorId);
                Assert.Equal(network, inUse.TargetObject);
                return;
            }

            removed.AssertClean();
            PsResult r = _ps.Run("Start-Container $n", _engine.Vars(("n", name)));

            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal("NetworkNotFound,DockerPS.Commands.Container.StartContainerCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.Equal(name, e.TargetObject);
            Assert.Equal($"network {network} not found", e.ErrorDetails.Message);
            Assert.Equal("created", _engine.Inspect(name).State.Status);
        }
    }
}
