using System.Management.Automation;
using DockerPS.Errors;

namespace DockerPS.Tests.Unit
{
    /// <summary>The error mappings the fault suite added: engine 500s that are the user's input, corrupt files, a lost engine.</summary>
    public sealed class FaultMappingTests
    {
        [Theory]
        [InlineData("invalid reference format: repository name must be lowercase", "Image", "InvalidImageReference")]
        [InlineData("Invalid subnet not-a-cidr : invalid CIDR address: not-a-cidr", "Network", "NetworkInvalidRequest")]
        [InlineData("something broke inside", "Network", "EngineError")]
        public void EngineServerErrorsThatAreBadInputAreInvalidArgument(string message, string noun, string errorId)
        {
            ErrorRecord r = ErrorMapper.ToErrorRecord(new DockerEngineException(500, message, "unix:///x.sock"), noun, "target");
            Assert.Equal(errorId, r.FullyQualifiedErrorId);
            Assert.Equal(errorId == "EngineError" ? ErrorCategory.InvalidOperation : ErrorCategory.InvalidArgument, r.CategoryInfo.Category);
            Assert.Equal(message, r.ErrorDetails.Message);
        }

        /// <summary>
        /// The same failure, as dockerd 20.10 and Podman 4.3.1 answered it here (statuses and messages as seen with curl on
        /// both sockets), gets the same ErrorId. Podman answers state conflicts, names in use and bad filters with 500.
        /// </summary>
        [Theory]
        [InlineData(409, "Container 7a48628cbf01 is not running", "Container", "ContainerNotRunning")]
        [InlineData(500, "\"created\" is not running, can't pause: container state improper", "Container", "ContainerNotRunning")]
        [InlineData(409, "Cannot kill container: c1: Container 7a48628cbf01 is not running", "Container", "ContainerNotRunning")]
        [InlineData(500, "can only kill running containers. 3a1b955dcb85 is in state created: container state improper", "Container", "ContainerNotRunning")]
        [InlineData(500, "can only create exec sessions on running containers: container state improper", "Container", "ContainerNotRunning")]
        [InlineData(500, "Container 7a48628cbf01 is not paused", "Container", "ContainerNotPaused")]
        [InlineData(500, "\"3a1b955dcb85\" is not paused, can't unpause: container state improper", "Container", "ContainerNotPaused")]
        [InlineData(409, "Container 7a48628cbf01 is already paused", "Container", "ContainerIsPaused")]
        [InlineData(500, "\"3a1b955dcb85\" is already paused: container state improper", "Container", "ContainerIsPaused")]
        [InlineData(409, "cannot start a paused container, try unpause instead", "Container", "ContainerIsPaused")]
        [InlineData(500, "container 1ddabfb1e6f5 must be in Created or Stopped state to be started: container state improper", "Container", "ContainerIsPaused")]
        [InlineData(500, "unable to restart a container in a paused or unknown state: container state improper", "Container", "ContainerIsPaused")]
        [InlineData(500, "something else: container state improper", "Container", "ContainerConflict")]
        [InlineData(409, "You cannot remove a running container 7a48628cbf01. Stop the container before attempting removal or force remove", "Container", "ContainerIsRunning")]
        [InlineData(500, "cannot remove container 3a1b955dcb85 as it is running - running or paused containers cannot be removed without force: container state improper", "Container", "ContainerIsRunning")]
        [InlineData(409, "Conflict. The container name \"/c1\" is already in use by container \"7a48628cbf01\". You have to remove (or rename) that container to be able to reuse that name.", "Container", "ContainerNameInUse")]
        [InlineData(500, "container create: creating container storage: the container name \"c1\" is already in use by 3a1b955dcb85. You have to remove that container to be able to reuse that name.: that name is already in use", "Container", "ContainerNameInUse")]
        [InlineData(400, "Invalid filter 'bogus'", "Container", "InvalidContainerFilter")]
        [InlineData(500, "bogus is an invalid filter", "Container", "InvalidContainerFilter")]
        [InlineData(400, "Invalid filter 'bogus'", "Network", "InvalidNetworkFilter")]
        [InlineData(500, "invalid filter \"bogus\"", "Network", "InvalidNetworkFilter")]
        [InlineData(500, "\"bogus\" is an invalid volume filter", "Volume", "InvalidVolumeFilter")]
        [InlineData(500, "unsupported image filter \"bogus\"", "Image", "InvalidImageFilter")]
        [InlineData(404, "reference does not exist", "Image", "ImageNotFound")]
        [InlineData(500, "localhost/nonexist:1: image not known", "Image", "ImageNotFound")]
        [InlineData(500, "Multiple IDs found with provided prefix: 0", "Container", "AmbiguousContainerId")]
        [InlineData(404, "more than one result for container ID 5: container already exists", "Container", "AmbiguousContainerId")]
        [InlineData(500, "more than one result for container ID 5: container already exists", "Container", "AmbiguousContainerId")]
        [InlineData(500, "ambiguous digest string", "Image", "AmbiguousImageId")]
        [InlineData(404, "network errprobe-net not found", "Container", "NetworkNotFound")]
        [InlineData(404, "No such container: nonexist", "Container", "ContainerNotFound")]
        [InlineData(404, "no container with name or ID \"nonexist\" found: no such container", "Container", "ContainerNotFound")]
        [InlineData(403, "error while removing network: network n id 4194cad97fcb has active endpoints", "Network", "NetworkInUse")]
        [InlineData(500, "\"n\" has associated containers with it. Use -f to forcibly delete containers and pods: network is being used", "Network", "NetworkInUse")]
        [InlineData(409, "remove v: volume is in use - [3a1b955dcb85]", "Volume", "VolumeInUse")]
        [InlineData(409, "conflict: unable to delete 2d8e6c2d0e51 (cannot be forced) - image is being used by running container 7a48628cbf01", "Image", "ImageInUse")]
        public void TheSameFailureGetsTheSameIdOnDockerAndPodman(int status, string message, string noun, string errorId)
        {
            string? filterId = noun switch
            {
                "Container" => ErrorIds.InvalidContainerFilter,
                "Network" => ErrorIds.InvalidNetworkFilter,
                "Volume" => ErrorIds.InvalidVolumeFilter,
                _ => ErrorIds.InvalidImageFilter,
            };
            ErrorRecord r = ErrorMapper.ToErrorRecord(new DockerEngineException(status, message, "unix:///x.sock"), noun, "target", filterId);
            Assert.Equal(errorId, r.FullyQualifiedErrorId);
            Assert.Equal("target", r.TargetObject);
            Assert.Equal(message, r.ErrorDetails.Message);
        }

        [Theory]
        [InlineData("Error processing tar file(exit status 1): unexpected EOF", ErrorCategory.InvalidData)]
        [InlineData("archive/tar: invalid tar header", ErrorCategory.InvalidData)]
        [InlineData("dockerfile parse error line 1: unknown instruction: FROMM", ErrorCategory.InvalidData)]
        [InlineData("The command '/bin/sh -c exit 3' returned a non-zero code: 3", ErrorCategory.InvalidOperation)]
        public void CorruptFilesAndDockerfilesAreInvalidData(string message, ErrorCategory category)
        {
            ErrorRecord r = StreamErrors.Record(message, "ImageLoadFailed", "x.tar");
            Assert.Equal("ImageLoadFailed", r.FullyQualifiedErrorId);
            Assert.Equal(category, r.CategoryInfo.Category);
        }

        [Fact]
        public void ALostEngineNamesItselfAndWhatToDo()
        {
            ErrorRecord r = ErrorMapper.ToErrorRecord(new DockerConnectionException("Invalid chunk header encountered: ''.", "unix:///d.sock", "EngineUnreachable"), "Image", "big:1");
            Assert.Equal("EngineUnreachable", r.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, r.CategoryInfo.Category);
            Assert.Equal("big:1", r.TargetObject);
            Assert.Contains("unix:///d.sock", r.ErrorDetails.Message);
            Assert.Contains("Invalid chunk header", r.ErrorDetails.Message);
        }
    }
}
