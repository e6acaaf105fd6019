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
