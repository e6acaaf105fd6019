using System.Management.Automation;
using DockerPS.Commands.Swarm;
using DockerPS.Errors;

namespace DockerPS.Tests.Swarm
{
    /// <summary>The swarm ErrorIds for the engines' own answers (Podman's are the bodies it sends; no Podman runs here).</summary>
    public sealed class SwarmErrorTests
    {
        private static ErrorRecord Map(int status, string message, bool clusterWide = true) =>
            SwarmCmdlet.SwarmError(new DockerEngineException(status, message, "unix:///x.sock"), "SwarmService", "web", clusterWide);

        [Theory]
        [InlineData(404, "404 page not found", true, "SwarmNotSupported", ErrorCategory.NotImplemented)]
        [InlineData(503, "Podman does not support service: swarm mode", false, "SwarmNotSupported", ErrorCategory.NotImplemented)]
        [InlineData(404, "404 page not found", false, "SwarmNotSupported", ErrorCategory.NotImplemented)]
        [InlineData(503, "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state.", true, "SwarmNotManager", ErrorCategory.InvalidOperation)]
        [InlineData(503, "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.", true, "SwarmNotManager", ErrorCategory.InvalidOperation)]
        [InlineData(503, "This node is not part of a swarm", true, "SwarmNotActive", ErrorCategory.InvalidOperation)]
        [InlineData(503, "This node is already part of a swarm. Use \"docker swarm leave\" to leave this swarm and join another one.", true, "SwarmAlreadyJoined", ErrorCategory.ResourceExists)]
        [InlineData(404, "service web not found", false, "SwarmServiceNotFound", ErrorCategory.ObjectNotFound)]
        public void EngineAnswersGetSwarmErrorIds(int status, string message, bool clusterWide, string id, ErrorCategory category)
        {
            ErrorRecord r = Map(status, message, clusterWide);
            Assert.Equal(id, r.FullyQualifiedErrorId);
            Assert.Equal(category, r.CategoryInfo.Category);
            Assert.Equal("web", r.TargetObject);
        }
    }
}
