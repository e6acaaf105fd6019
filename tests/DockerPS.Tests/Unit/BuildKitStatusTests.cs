using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DockerPS.Build;

namespace DockerPS.Tests.Unit
{
    /// <summary>The protobuf reader and the BuildKit StatusResponse decoder, on bytes written here by hand.</summary>
    public sealed class BuildKitStatusTests
    {
        // A tiny protobuf writer: only what the test messages need.
        private static void Varint(List<byte> b, ulong v)
        {
            while (v >= 0x80)
            {
                b.Add((byte)(v | 0x80));
                v >>= 7;
            }

            b.Add((byte)v);
        }

        private static void Key(List<byte> b, int field, int wire) => Varint(b, (ulong)((field << 3) | wire));

        private static void Bytes(List<byte> b, int field, byte[] value)
        {
            Key(b, field, 2);
            Varint(b, (ulong)value.Length);
            b.AddRange(value);
        }

        private static void Str(List<byte> b, int field, string value) => Bytes(b, field, Encoding.UTF8.GetBytes(value));

        private static void Int(List<byte> b, int field, long value)
        {
            Key(b, field, 0);
            Varint(b, unchecked((ulong)value));
        }

        private static byte[] Timestamp(long seconds, int nanos)
        {
            var t = new List<byte>();
            Int(t, 1, seconds);
            Int(t, 2, nanos);
            return t.ToArray();
        }

        private static byte[] Vertex(string digest, string name, bool cached = false, byte[]? started = null, byte[]? completed = null, string? error = null)
        {
            var v = new List<byte>();
            Str(v, 1, digest);
            Str(v, 2, "sha256:input");
            Str(v, 3, name);
            if (cached)
            {
                Int(v, 4, 1);
            }

            if (started != null)
            {
                Bytes(v, 5, started);
            }

            if (completed != null)
            {
                Bytes(v, 6, completed);
            }

            if (error != null)
            {
                Str(v, 7, error);
            }

            return v.ToArray();
        }

        private static byte[] Log(string vertex, string msg, long stream = 1)
        {
            var l = new List<byte>();
            Str(l, 1, vertex);
            Bytes(l, 2, Timestamp(1, 0));
            Int(l, 3, stream);
            Bytes(l, 4, Encoding.UTF8.GetBytes(msg));
            return l.ToArray();
        }

        [Fact]
        public void ReadsVarintsAcrossSeveralBytesAndNegativeInt64()
        {
            var b = new List<byte>();
            Int(b, 1, 300);
            Int(b, 2, -1);
            Int(b, 3, long.MaxValue);
            var r = new ProtoReader(b.ToArray());
            Assert.True(r.TryReadTag(out int f, out int w));
            Assert.Equal((1, 0), (f, w));
            Assert.Equal(300UL, r.ReadVarint());
            Assert.True(r.TryReadTag(out f, out _));
            Assert.Equal(2, f);
            Assert.Equal(-1L, r.ReadInt64());
            Assert.True(r.TryReadTag(out f, out _));
            Assert.Equal(long.MaxValue, r.ReadInt64());
            Assert.False(r.TryReadTag(out _, out _));
            Assert.Equal(new byte[] { 0xAC, 0x02 }, b.Skip(1).Take(2).ToArray()); // 300, as the protobuf docs show it
        }

        [Fact]
        public void DecodesVertexesLogsStatusesAndWarnings()
        {
            var m = new List<byte>();
            Bytes(m, 1, Vertex("sha256:a", "[stage-0 1/2] FROM x", cached: true));
            Bytes(m, 1, Vertex("sha256:b", "[stage-0 2/2] RUN make", started: Timestamp(1_700_000_000, 500_000_000), completed: Timestamp(1_700_000_002, 0), error: "exit code: 2"));
            var st = new List<byte>();
            Str(st, 1, "extracting");
            Str(st, 2, "sha256:b");
            Int(st, 4, 5);
            Int(st, 5, 10);
            Bytes(m, 2, st.ToArray());
            Bytes(m, 3, Log("sha256:b", "hello\n", stream: 2));
            var w = new List<byte>();
            Str(w, 1, "sha256:b");
            Int(w, 2, 1);
            Bytes(w, 3, Encoding.UTF8.GetBytes("deprecated"));
            Bytes(m, 4, w.ToArray());

            BuildKitStatus s = BuildKitStatus.Parse(m.ToArray());
            Assert.Equal(2, s.Vertexes.Count);
            Assert.True(s.Vertexes[0].Cached);
            Assert.Equal("[stage-0 1/2] FROM x", s.Vertexes[0].Name);
            Assert.Null(s.Vertexes[0].Started);
            BuildKitVertex run = s.Vertexes[1];
            Assert.Equal(new[] { "sha256:input" }, run.Inputs);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddMilliseconds(500), run.Started);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_002), run.Completed);
            Assert.Equal("exit code: 2", run.Error);
            BuildKitVertexStatus status = Assert.Single(s.Statuses);
            Assert.Equal(("extracting", "sha256:b", 5L, 10L), (status.Id, status.Vertex, status.Current, status.Total));
            BuildKitLog log = Assert.Single(s.Logs);
            Assert.Equal(("sha256:b", 2L, "hello\n"), (log.Vertex, log.Stream, log.Text));
            Assert.Equal(("sha256:b", "deprecated"), (s.Warnings[0].Vertex, s.Warnings[0].Short));
        }

        [Fact]
        public void SkipsUnknownFieldsOfEveryWireType()
        {
            var v = new List<byte>();
            Key(v, 20, 1);
            v.AddRange(new byte[8]);
            Key(v, 21, 5);
            v.AddRange(new byte[4]);
            Int(v, 22, 7);
            Bytes(v, 8, new byte[] { 1, 2, 3 }); // progressGroup: a newer field this decoder does not read
            Str(v, 3, "named");
            var m = new List<byte>();
            Bytes(m, 1, v.ToArray());
            Bytes(m, 9, new byte[] { 0xFF, 0xFF });
            Assert.Equal("named", Assert.Single(BuildKitStatus.Parse(m.ToArray()).Vertexes).Name);
        }

        [Theory]
        [InlineData(new byte[] { 0x0A, 0x05, 0x01 })]             // a length past the end
        [InlineData(new byte[] { 0x08, 0x80 })]                   // a varint cut off
        [InlineData(new byte[] { 0x0B })]                         // a group start: not protobuf 3
        [InlineData(new byte[] { 0x00, 0x01 })]                   // field number 0
        [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // 11-byte varint
        public void MalformedBytesThrowFormatException(byte[] bytes)
        {
            Assert.Throws<FormatException>(() => BuildKitStatus.Parse(bytes));
        }

        [Fact]
        public void ProgressJoinsLogLinesSplitAcrossMessagesAndNamesTheFailedStep()
        {
            var progress = new BuildKitProgress();
            var lines = new List<KeyValuePair<string, string>>();
            var m1 = new List<byte>();
            Bytes(m1, 1, Vertex("sha256:a", "[1/2] FROM x", cached: true));
            Bytes(m1, 1, Vertex("sha256:b", "[2/2] RUN build", started: Timestamp(10, 0)));
            Bytes(m1, 3, Log("sha256:b", "first li"));
            var changed = progress.Apply(BuildKitStatus.Parse(m1.ToArray()), lines);
            Assert.Equal(new[] { "CACHED", "running" }, changed.Select(s => s.State));
            Assert.Empty(lines);

            var m2 = new List<byte>();
            Bytes(m2, 3, Log("sha256:b", "ne\nsecond\r\nthi"));
            Bytes(m2, 1, Vertex("sha256:b", "[2/2] RUN build", started: Timestamp(10, 0), completed: Timestamp(11, 500_000_000), error: "exit code: 1"));
            changed = progress.Apply(BuildKitStatus.Parse(m2.ToArray()), lines);
            Assert.Equal("ERROR", Assert.Single(changed).State);
            progress.Flush(lines);
            Assert.Equal(new[] { "first line", "second", "thi" }, lines.Select(l => l.Value));
            Assert.All(lines, l => Assert.Equal("[2/2] RUN build", l.Key));
            Assert.Equal("[2/2] RUN build", progress.Failed?.Name);
            Assert.Equal(new[] { "first line", "second", "thi" }, progress.Failed!.Tail);
            Assert.Equal(new[] { 1, 2 }, progress.Steps.Select(s => s.Number));
        }

        [Fact]
        public void AStepCompletedWithoutErrorSaysDoneWithItsTime()
        {
            var progress = new BuildKitProgress();
            var m = new List<byte>();
            Bytes(m, 1, Vertex("sha256:c", "[1/1] RUN ok", started: Timestamp(10, 0), completed: Timestamp(11, 200_000_000)));
            Assert.Equal("DONE 1.2s", Assert.Single(progress.Apply(BuildKitStatus.Parse(m.ToArray()), new List<KeyValuePair<string, string>>())).State);
            Assert.Null(progress.Failed);
        }

        [Theory]
        [InlineData("# syntax=docker/dockerfile:1\nFROM x\n", "docker/dockerfile:1")]
        [InlineData("# escape=`\n#syntax = example/fe\nFROM x\n", "example/fe")]
        [InlineData("# a comment\n# syntax=docker/dockerfile:1\nFROM x\n", null)]
        [InlineData("FROM x\n# syntax=docker/dockerfile:1\n", null)]
        [InlineData("\n# syntax=docker/dockerfile:1\nFROM x\n", null)]
        public void FindsOnlyASyntaxParserDirective(string text, string? expected)
        {
            string path = Path.Combine(Path.GetTempPath(), "dockerps-syntax-" + Guid.NewGuid().ToString("N") + ".Dockerfile");
            File.WriteAllText(path, text);
            try
            {
                Assert.Equal(expected, DockerPS.Commands.Image.BuildImageCommand.SyntaxDirective(path));
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}

namespace DockerPS.Tests.Unit
{
}
