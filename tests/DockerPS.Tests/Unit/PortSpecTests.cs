using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Tests.Unit
{
    public sealed class PortSpecTests
    {
        private static string Show(IEnumerable<PortBindingSpec> ports) =>
            string.Join(" ", ports.Select(p => $"{p.HostIp ?? "*"}:{p.HostPort?.ToString() ?? "-"}->{p.Key}"));

        [Theory]
        [InlineData("80", "*:-->80/tcp")]
        [InlineData("8080:80", "*:8080->80/tcp")]
        [InlineData("127.0.0.1:8080:80", "127.0.0.1:8080->80/tcp")]
        [InlineData("127.0.0.1::80", "127.0.0.1:-->80/tcp")]
        [InlineData("53:53/udp", "*:53->53/udp")]
        [InlineData("[::1]:8080:80", "::1:8080->80/tcp")]
        [InlineData("8000-8002:80-82", "*:8000->80/tcp *:8001->81/tcp *:8002->82/tcp")]
        [InlineData("9000-9001/SCTP", "*:-->9000/sctp *:-->9001/sctp")]
        public void ParsesDockersSyntax(string spec, string expected) => Assert.Equal(expected, Show(PortSpec.Parse(spec)));

        [Theory]
        [InlineData("", "empty")]
        [InlineData("80/icmp", "protocol")]
        [InlineData("0", "1 to 65535")]
        [InlineData("70000", "1 to 65535")]
        [InlineData("abc", "1 to 65535")]
        [InlineData("1.2.3:80:80", "not an IP address")]
        [InlineData("8000-8001:80", "different lengths")]
        [InlineData("90-80", "ends before it starts")]
        [InlineData("a:b:c:d", "write [ip:]")]
        [InlineData("[::1]80", "IPv6")]
        public void RejectsBadSpecsClearly(string spec, string why)
        {
            var e = Assert.Throws<ArgumentException>(() => PortSpec.Parse(spec));
            Assert.Contains(why, e.Message);
            Assert.Contains("port", e.Message);
        }
    }
}
