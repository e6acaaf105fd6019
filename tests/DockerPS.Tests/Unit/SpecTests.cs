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

    public sealed class MountSpecTests
    {
        [Fact]
        public void VolumeSyntaxTellsBindsFromNamedVolumes()
        {
            MountSpecItem bind = MountSpec.ParseVolume("/srv/data:/data:ro");
            Assert.Equal(("bind", "/srv/data", "/data", true), (bind.Type, bind.Source, bind.Target, bind.ReadOnly));
            MountSpecItem named = MountSpec.ParseVolume("cache:/var/cache");
            Assert.Equal(("volume", "cache", "/var/cache", false), (named.Type, named.Source, named.Target, named.ReadOnly));
            MountSpecItem anonymous = MountSpec.ParseVolume("/scratch");
            Assert.Equal(("volume", null, "/scratch"), (anonymous.Type, anonymous.Source, anonymous.Target));
            MountSpecItem relative = MountSpec.ParseVolume("./conf:/etc/app:rw");
            Assert.Equal("bind", relative.Type);
            MountSpecItem windows = MountSpec.ParseVolume(@"C:\data:/data");
            Assert.Equal(("bind", @"C:\data", "/data"), (windows.Type, windows.Source, windows.Target));
            Assert.True(MountSpec.ParseVolume("v1:/x:nocopy").VolumeNoCopy);
            Assert.Equal("rshared", MountSpec.ParseVolume("/a:/b:rshared").BindPropagation);
        }

        [Theory]
        [InlineData("data:relative", "must be absolute")]
        [InlineData("/a:/b:bogus", "'bogus' is unknown")]
        [InlineData("bad name!:/data", "neither an absolute host path nor a volume name")]
        [InlineData("ab:/b:ro:x", "source:target")]
        [InlineData("", "empty")]
        public void BadVolumeSpecsSayWhy(string spec, string why) =>
            Assert.Contains(why, Assert.Throws<ArgumentException>(() => MountSpec.ParseVolume(spec)).Message);

        [Fact]
        public void MountSyntaxReadsEveryField()
        {
            MountSpecItem m = MountSpec.ParseMount("type=volume,source=data,target=/data,readonly,volume-label=a=b,volume-nocopy=true");
            Assert.Equal(("volume", "data", "/data", true, true), (m.Type, m.Source, m.Target, m.ReadOnly, m.VolumeNoCopy));
            Assert.Equal("b", m.VolumeLabels["a"]);
            MountSpecItem t = MountSpec.ParseMount("type=tmpfs,dst=/run,tmpfs-size=64m,tmpfs-mode=1770");
            Assert.Equal(("tmpfs", "/run", 64L << 20, Convert.ToInt32("1770", 8)), (t.Type, t.Target, t.TmpfsSize!.Value, t.TmpfsMode!.Value));
            Assert.False(MountSpec.ParseMount("type=bind,src=/a,target=/b,readonly=false").ReadOnly);
        }

        [Theory]
        [InlineData("type=nfs,target=/x", "not bind, volume or tmpfs")]
        [InlineData("type=bind,target=/x", "needs source")]
        [InlineData("source=/host,target=/x", "needs type=bind")]
        [InlineData("type=volume,source=v", "target must be")]
        [InlineData("type=tmpfs,source=x,target=/t", "takes no source")]
        [InlineData("type=volume,target=/x,colour=red", "'colour' is unknown")]
        [InlineData("type=tmpfs,target=/t,tmpfs-mode=999", "octal")]
        [InlineData("type=volume,target=/x,readonly=maybe", "true or false")]
        public void BadMountSpecsSayWhy(string spec, string why) =>
            Assert.Contains(why, Assert.Throws<ArgumentException>(() => MountSpec.ParseMount(spec)).Message);

        [Fact]
        public void TmpfsSyntax()
        {
            // The options go to the engine as docker writes them (HostConfig.Tmpfs), exec and uid included.
            Assert.Equal(("/cache", "size=10m,mode=1777"), MountSpec.ParseTmpfs("/cache:size=10m,mode=1777"));
            Assert.Equal(("/tmp", "exec,uid=1"), MountSpec.ParseTmpfs("/tmp:exec,uid=1"));
            Assert.Equal(("/run", string.Empty), MountSpec.ParseTmpfs("/run"));
            Assert.Contains("absolute", Assert.Throws<ArgumentException>(() => MountSpec.ParseTmpfs("x")).Message);
        }
    }

    public sealed class SimpleSpecTests
    {
        [Theory]
        [InlineData("42", 42L)]
        [InlineData("1k", 1024L)]
        [InlineData("512m", 512L << 20)]
        [InlineData("1G", 1L << 30)]
        [InlineData("1.5g", 3L << 29)]
        [InlineData("64MiB", 64L << 20)]
        [InlineData("100kb", 102400L)]
        public void SizesReadLikeDocker(string text, long bytes) => Assert.Equal(bytes, SizeSpec.ParseBytes(text));

        [Theory]
        [InlineData("")]
        [InlineData("-5m")]
        [InlineData("12x")]
        [InlineData("m")]
        [InlineData("99999999999p")]
        public void BadSizesAreRejected(string text) => Assert.Throws<ArgumentException>(() => SizeSpec.ParseBytes(text));

        [Fact]
        public void CpusBecomeNanoCpus()
        {
            Assert.Equal(1_500_000_000L, SizeSpec.CpusToNano(1.5));
            Assert.Throws<ArgumentException>(() => SizeSpec.CpusToNano(0));
            Assert.Throws<ArgumentException>(() => SizeSpec.CpusToNano(double.NaN));
        }

        [Theory]
        [InlineData("no", "no", 0L)]
        [InlineData("Always", "always", 0L)]
        [InlineData("unless-stopped", "unless-stopped", 0L)]
        [InlineData("on-failure", "on-failure", 0L)]
        [InlineData("on-failure:5", "on-failure", 5L)]
        public void RestartPolicies(string text, string name, long retries) => Assert.Equal((name, retries), RestartPolicySpec.Parse(text));

        [Theory]
        [InlineData("sometimes")]
        [InlineData("always:3")]
        [InlineData("on-failure:x")]
        [InlineData("")]
        public void BadRestartPolicies(string text) =>
            Assert.Contains("restart policy", Assert.Throws<ArgumentException>(() => RestartPolicySpec.Parse(text)).Message);

        [Fact]
        public void DurationsTakeDockerAndTimeSpanForms()
        {
            Assert.Equal(TimeSpan.FromSeconds(90), DurationSpec.Parse("1m30s"));
            Assert.Equal(TimeSpan.FromMilliseconds(500), DurationSpec.Parse("500ms"));
            Assert.Equal(TimeSpan.FromHours(2), DurationSpec.Parse("2h"));
            Assert.Equal(TimeSpan.FromSeconds(30), DurationSpec.Parse("00:00:30"));
            Assert.Equal(TimeSpan.FromSeconds(5), DurationSpec.Parse(5));
            Assert.Equal(TimeSpan.FromSeconds(30), DurationSpec.Parse((short)30)); // PowerShell 7 reads 30s as an Int16 literal
            Assert.Equal(TimeSpan.FromMinutes(1), DurationSpec.Parse(TimeSpan.FromMinutes(1)));
            Assert.Throws<ArgumentException>(() => DurationSpec.Parse("soon"));
            Assert.Throws<ArgumentException>(() => DurationSpec.Parse(TimeSpan.FromSeconds(-1)));
        }

        [Fact]
        public void EnvironmentFromHashtableStringsAndLocalNames()
        {
            var local = new Dictionary<string, string> { ["HOME_DIR"] = "/home/me" };
            Assert.Equal(new[] { "A=1", "B=two" }, EnvironmentSpec.Parse(new Hashtable { ["B"] = "two", ["A"] = 1 }, n => null));
            Assert.Equal(new[] { "X=1=2", "Y=" }, EnvironmentSpec.Parse(new[] { "X=1=2", "Y=" }, n => null));
            Assert.Equal(new[] { "HOME_DIR=/home/me" }, EnvironmentSpec.Parse("HOME_DIR", n => local.TryGetValue(n, out string? v) ? v : null));
            // docker -e NAME with NAME unset sends the bare name (docker 28 here stores "NAME" in Config.Env).
            Assert.Equal(new[] { "NOT_SET" }, EnvironmentSpec.Parse("NOT_SET", n => null));
            Assert.Throws<ArgumentException>(() => EnvironmentSpec.Parse("=x", n => null));
            Assert.Throws<ArgumentException>(() => EnvironmentSpec.Parse(new Hashtable { [" A"] = 1 }, n => null));
        }

        [Fact]
        public void LabelsFromHashtableOrStrings()
        {
            Assert.Equal("web", LabelSpec.Parse(new Hashtable { ["tier"] = "web" })["tier"]);
            var fromStrings = LabelSpec.Parse(new[] { "a=b", "flag" });
            Assert.Equal("b", fromStrings["a"]);
            Assert.Equal(string.Empty, fromStrings["flag"]);
            Assert.Equal("'' is not a valid label name.", Assert.Throws<ArgumentException>(() => LabelSpec.Parse(string.Empty)).Message);
        }

        [Fact]
        public void EnvAndLabelFilesAsDockerReadsThem()
        {
            string text = "# comment\n\nA=1\r\n  B=two words\nLOCAL\nGONE\n";
            Assert.Equal(new[] { "A=1", "B=two words", "LOCAL=here", "GONE" }, EnvironmentSpec.ParseFile("f", text, n => n == "LOCAL" ? "here" : null));
            Assert.Equal("two words", LabelSpec.ParseFile("f", text)["B"]);
            Assert.Equal(string.Empty, LabelSpec.ParseFile("f", text)["GONE"]);
            Assert.Contains("f, line 1:", Assert.Throws<ArgumentException>(() => EnvironmentSpec.ParseFile("f", "bad key=1", n => null)).Message);
        }

        [Fact]
        public void UlimitDeviceAndGpuSyntax()
        {
            UlimitSpec u = UlimitParser.Parse("nofile=1024:2048");
            Assert.Equal(("nofile", 1024L, 2048L), (u.Name, u.Soft, u.Hard));
            Assert.Equal(512L, UlimitParser.Parse("nproc=512").Hard);
            Assert.Throws<ArgumentException>(() => UlimitParser.Parse("nofile"));
            Assert.Throws<ArgumentException>(() => UlimitParser.Parse("nofile=9:1"));

            DeviceSpec d = DeviceParser.Parse("/dev/null:/dev/mynull:r");
            Assert.Equal(("/dev/null", "/dev/mynull", "r"), (d.PathOnHost, d.PathInContainer, d.CgroupPermissions));
            Assert.Equal(("/dev/zero", "rwm"), (DeviceParser.Parse("/dev/zero").PathInContainer, DeviceParser.Parse("/dev/zero").CgroupPermissions));
            Assert.Equal("rw", DeviceParser.Parse("/dev/zero:rw").CgroupPermissions);

            Assert.Equal(-1, GpuParser.Parse("all").Count);
            Assert.Equal(new[] { "gpu" }, GpuParser.Parse("2").Capabilities);
            Assert.Equal(new[] { "0", "1" }, GpuParser.Parse("device=0,1").DeviceIds);
            Assert.Throws<ArgumentException>(() => GpuParser.Parse("lots"));
        }
    }
}
