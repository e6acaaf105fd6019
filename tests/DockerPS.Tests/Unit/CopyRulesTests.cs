using System.Management.Automation;
using DockerPS.Streams;

namespace DockerPS.Tests.Unit
{
    /// <summary>docker cp's path table as CopyRules.Plan reads it.</summary>
    public sealed class CopyRulesTests
    {
        [Theory]
        [InlineData(false, "/f", "Missing", "/d", "AsDestination")]
        [InlineData(false, "/f", "Missing", "/d/", "DestinationFolderNotFound")]
        [InlineData(false, "/f", "File", "/d", "AsDestination")]
        [InlineData(false, "/f", "File", "/d/", "DestinationNotAFolder")]
        [InlineData(false, "/f", "Directory", "/d", "IntoDestination")]
        [InlineData(false, "/f/", "Directory", "/d", "SourceNotAFolder")]
        [InlineData(false, "/f/.", "Missing", "/d", "SourceNotAFolder")]
        [InlineData(true, "/s", "Missing", "/d", "AsDestination")]
        [InlineData(true, "/s", "Missing", "/d/", "AsDestination")]
        [InlineData(true, "/s", "File", "/d", "CannotOverwriteFileWithFolder")]
        [InlineData(true, "/s", "Directory", "/d", "IntoDestination")]
        [InlineData(true, "/s/", "Directory", "/d", "IntoDestination")]
        [InlineData(true, "/s/.", "Directory", "/d", "AsDestination")]
        [InlineData(true, "C:\\s\\.", "Directory", "/d", "AsDestination")]
        [InlineData(true, "/s/.", "Missing", "/d", "AsDestination")]
        public void EachRowOfDockerCpsTable(bool sourceIsFolder, string source, string state, string destination, string expected)
        {
            CopyPlan plan = CopyRules.Plan(sourceIsFolder, source, (CopyDestinationState)System.Enum.Parse(typeof(CopyDestinationState), state), destination);
            Assert.Equal(expected, plan.IsError ? plan.ErrorId : plan.Landing.ToString());
            if (plan.IsError)
            {
                Assert.NotEqual(ErrorCategory.NotSpecified, plan.Category);
                Assert.False(string.IsNullOrEmpty(plan.Message));
            }
        }
    }
}
