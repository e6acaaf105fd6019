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

        [Theory]
        [InlineData("/L", "f", "/L/f")]
        [InlineData("/a/b", "../c", "/a/c")]
        [InlineData("/x", "/y/./z/", "/y/z")]
        [InlineData(".", "f", "/f")]
        [InlineData("/", "../../etc", "/etc")]
        public void ALinkTargetInAContainerResolvesAgainstTheLinksFolder(string folder, string target, string expected) =>
            Assert.Equal(expected, ContainerPathSpec.Join(folder, target));

        [Fact]
        public void LocalLinksAreFollowedToTheEndOrToALoopOrToNothing()
        {
            string dir = System.IO.Directory.CreateTempSubdirectory("dps-links-").FullName;
            try
            {
                System.IO.File.WriteAllText(System.IO.Path.Combine(dir, "f"), "f");
                System.IO.File.CreateSymbolicLink(System.IO.Path.Combine(dir, "a"), "f");
                System.IO.File.CreateSymbolicLink(System.IO.Path.Combine(dir, "b"), System.IO.Path.Combine(dir, "a"));
                System.IO.File.CreateSymbolicLink(System.IO.Path.Combine(dir, "loop1"), "loop2");
                System.IO.File.CreateSymbolicLink(System.IO.Path.Combine(dir, "loop2"), "loop1");
                System.IO.File.CreateSymbolicLink(System.IO.Path.Combine(dir, "dang"), "nothing");

                Assert.Equal(LinkResolution.Resolved, LocalLinks.Resolve(System.IO.Path.Combine(dir, "b"), 40, out string end));
                Assert.Equal(System.IO.Path.Combine(dir, "f"), end);
                Assert.Equal(LinkResolution.Loop, LocalLinks.Resolve(System.IO.Path.Combine(dir, "loop1"), 40, out _));
                Assert.Equal(LinkResolution.Missing, LocalLinks.Resolve(System.IO.Path.Combine(dir, "dang"), 40, out end));
                Assert.Equal(System.IO.Path.Combine(dir, "nothing"), end);
                Assert.Null(LocalLinks.Target(System.IO.Path.Combine(dir, "f")));
            }
            finally
            {
                System.IO.Directory.Delete(dir, true);
            }
        }
    }
}
