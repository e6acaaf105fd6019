using System;
using System.Collections.Generic;
using System.Text;
using DockerPS.Streams;

namespace DockerPS.Tests.Unit
{
    public sealed class LineDecoderTests
    {
        private static List<string> Feed(LineDecoder d, params byte[][] chunks)
        {
            var lines = new List<string>();
            foreach (byte[] c in chunks)
            {
                d.Add(c, 0, c.Length, lines);
            }

            return lines;
        }

        [Fact]
        public void SplitsLinesAndDropsCarriageReturns()
        {
            var d = new LineDecoder();
            List<string> lines = Feed(d, Encoding.UTF8.GetBytes("one\ntwo\r\n\nthree"));
            Assert.Equal(new[] { "one", "two", "" }, lines);
            Assert.True(d.HasPartialLine);
            Assert.Equal("three", d.Flush());
            Assert.Null(d.Flush());
        }

        [Fact]
        public void KeepsALineSplitAcrossChunks()
        {
            var d = new LineDecoder();
            List<string> lines = Feed(d, Encoding.UTF8.GetBytes("hel"), Encoding.UTF8.GetBytes("lo wo"), Encoding.UTF8.GetBytes("rld\r"), Encoding.UTF8.GetBytes("\nnext\n"));
            Assert.Equal(new[] { "hello world", "next" }, lines);
            Assert.Null(d.Flush());
        }

        [Fact]
        public void ReassemblesMultibyteCharactersSplitAtEveryByte()
        {
            const string text = "grüße 😀 日本語\nzwei €\n";
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            for (int cut = 1; cut < bytes.Length; cut++)
            {
                var d = new LineDecoder();
                List<string> lines = Feed(d, bytes[..cut], bytes[cut..]);
                Assert.Equal(new[] { "grüße 😀 日本語", "zwei €" }, lines);
            }

            // One byte at a time.
            var one = new LineDecoder();
            var all = new List<string>();
            foreach (byte b in bytes)
            {
                one.Add(new[] { b }, 0, 1, all);
            }

            Assert.Equal(new[] { "grüße 😀 日本語", "zwei €" }, all);
        }

        [Fact]
        public void AnIncompleteCharacterAtTheEndBecomesAReplacementCharacter()
        {
            var d = new LineDecoder();
            byte[] euro = Encoding.UTF8.GetBytes("€");
            Feed(d, new[] { (byte)'a', euro[0], euro[1] });
            Assert.Equal("a\uFFFD", d.Flush());
        }

        [Fact]
        public void ALongLineLargerThanTheBufferStaysWhole()
        {
            var d = new LineDecoder();
            string big = new string('x', 100_000);
            List<string> lines = Feed(d, Encoding.UTF8.GetBytes(big + "\n"));
            Assert.Equal(big, Assert.Single(lines));
        }
    }

    public sealed class TimeArgumentTests
    {
        private static readonly DateTime Now = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData("10m", 600)]
        [InlineData("1h30m", 5400)]
        [InlineData("90s", 90)]
        [InlineData("1.5h", 5400)]
        public void DurationsCountBackFromNow(string text, int seconds)
        {
            Assert.Equal(Now.AddSeconds(-seconds), TimeArgument.ToUtc(text, Now));
        }

        [Fact]
        public void DateTimesAndTimeSpansAreTaken()
        {
            var local = new DateTime(2024, 4, 30, 8, 0, 0, DateTimeKind.Local);
            Assert.Equal(local.ToUniversalTime(), TimeArgument.ToUtc(local, Now));
            Assert.Equal(Now.AddMinutes(-3), TimeArgument.ToUtc(TimeSpan.FromMinutes(3), Now));
            Assert.Equal(Now.AddMinutes(-3), TimeArgument.ToUtc(new System.Management.Automation.PSObject(TimeSpan.FromMinutes(3)), Now));
        }

        [Fact]
        public void NonsenseIsAnArgumentError()
        {
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc("yesterday-ish", Now));
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc("2d", Now));
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc(2m, Now));
        }

        [Fact]
        public void UnixSecondsKeepNanoseconds()
        {
            Assert.Equal("1714564800.000000000", TimeArgument.ToUnixSeconds(Now));
            Assert.Equal("1714564800.123456700", TimeArgument.ToUnixSeconds(Now.AddTicks(1234567)));
        }

        [Fact]
        public void SplitsTheEngineTimestampOffALogLine()
        {
            Assert.True(TimeArgument.TrySplitTimestamp("2024-05-01T12:00:01.123456789Z hello world", out DateTime t, out string text));
            Assert.Equal(Now.AddSeconds(1).AddTicks(1234567), t);
            Assert.Equal(DateTimeKind.Utc, t.Kind);
            Assert.Equal("hello world", text);
            Assert.True(TimeArgument.TrySplitTimestamp("2024-05-01T14:00:00+02:00 x", out t, out text));
            Assert.Equal(Now, t);
            Assert.True(TimeArgument.TrySplitTimestamp("2024-05-01T12:00:00Z", out t, out text));
            Assert.Equal(string.Empty, text);
            Assert.False(TimeArgument.TrySplitTimestamp("hello 2024-05-01T12:00:00Z", out _, out text));
            Assert.Equal("hello 2024-05-01T12:00:00Z", text);
            Assert.False(TimeArgument.TrySplitTimestamp("2024-13-01T12:00:00Z x", out _, out _));
        }
    }

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
