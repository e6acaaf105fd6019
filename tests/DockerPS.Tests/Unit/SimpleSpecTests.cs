using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Tests.Unit
{
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
