using System;
using DockerPS.Models;

namespace DockerPS.Tests.Unit
{
    public sealed class DisplayTests
    {
        [Theory]
        [InlineData(0L, "0B")]
        [InlineData(999L, "999B")]
        [InlineData(1000L, "1kB")]
        [InlineData(1234567L, "1.23MB")]
        [InlineData(12345678L, "12.3MB")]
        [InlineData(526000000L, "526MB")]
        [InlineData(25276510208L, "25.3GB")]
        public void SizesUseDockersDecimalUnits(long bytes, string text) => Assert.Equal(text, Display.Size(bytes));

        [Fact]
        public void UnknownSizesAreBlank()
        {
            Assert.Equal(string.Empty, Display.Size(null));
            Assert.Equal(string.Empty, Display.Size(-1));
        }

        [Theory]
        [InlineData(0.5, "Less than a second ago")]
        [InlineData(5, "5 seconds ago")]
        [InlineData(90, "About a minute ago")]
        [InlineData(600, "10 minutes ago")]
        [InlineData(3700, "About an hour ago")]
        [InlineData(3 * 3600, "3 hours ago")]
        [InlineData(3 * 86400, "3 days ago")]
        [InlineData(21 * 86400, "3 weeks ago")]
        [InlineData(90 * 86400, "3 months ago")]
        [InlineData(800 * 86400, "2 years ago")]
        public void AgesReadLikeDockerPs(double seconds, string text)
        {
            var now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Local);
            Assert.Equal(text, Display.Ago(now.AddSeconds(-seconds), now));
        }

        [Fact]
        public void ShortIdsDropTheAlgorithm()
        {
            Assert.Equal("0123456789ab", Display.ShortId("sha256:0123456789abcdef"));
            Assert.Equal("0123456789ab", Display.ShortId("0123456789abcdef0123"));
            Assert.Equal(string.Empty, Display.ShortId(null));
        }

        [Fact]
        public void PortsReadLikeDockerPs()
        {
            var ports = new[]
            {
                new PortMapping { HostIp = "127.0.0.1", HostPort = 8080, ContainerPort = 80, Protocol = "tcp" },
                new PortMapping { ContainerPort = 443, Protocol = "tcp" },
                new PortMapping { HostIp = "::1", HostPort = 53, ContainerPort = 53, Protocol = "udp" },
            };
            Assert.Equal("127.0.0.1:8080->80/tcp, 443/tcp, [::1]:53->53/udp", Display.Ports(ports));
        }

        [Fact]
        public void CommandsAreQuotedAndCut()
        {
            Assert.Equal("\"sleep 300\"", Display.Command("sleep 300"));
            Assert.Equal("\"sh -c 'while true; …\"", Display.Command("sh -c 'while true; do echo; done'"));
        }
    }
}
