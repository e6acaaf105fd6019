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
}
