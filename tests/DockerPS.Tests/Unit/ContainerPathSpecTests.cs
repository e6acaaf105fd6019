using System;
using System.Collections.Generic;
using System.Text;
using DockerPS.Streams;

namespace DockerPS.Tests.Unit
{
    public sealed class ContainerPathSpecTests
    {
        private static bool Drives(string n) => n.Equals("Temp", StringComparison.OrdinalIgnoreCase) || n.Equals("Env", StringComparison.OrdinalIgnoreCase);

        [Theory]
        [InlineData("web:/etc/hosts", "web", "/etc/hosts")]
        [InlineData("my_app.1:relative/x", "my_app.1", "relative/x")]
        [InlineData("web:", "web", "/")]
        public void ContainerSideIsNameColonPath(string text, string container, string path)
        {
            Assert.True(ContainerPathSpec.TryParse(text, Drives, out string c, out string p));
            Assert.Equal(container, c);
            Assert.Equal(path, p);
        }

        [Theory]
        [InlineData("./dir")]
        [InlineData("/tmp/x")]
        [InlineData("C:\\data")]
        [InlineData("c:/data")]
        [InlineData("Temp:/x")]
        [InlineData("env:PATH")]
        [InlineData("file.txt")]
        public void LocalPathsAreNotContainerPaths(string text)
        {
            Assert.False(ContainerPathSpec.TryParse(text, Drives, out _, out _));
        }

        [Theory]
        [InlineData("/etc/hosts", "/etc", "hosts")]
        [InlineData("/data/", "/", "data")]
        [InlineData("hosts", ".", "hosts")]
        public void ParentAndLeaf(string path, string parent, string leaf)
        {
            Assert.Equal(parent, ContainerPathSpec.Parent(path));
            Assert.Equal(leaf, ContainerPathSpec.LeafName(path));
        }
    }
}
