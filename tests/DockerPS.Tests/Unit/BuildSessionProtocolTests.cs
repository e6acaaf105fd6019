using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Build;
using DockerPS.Build.Session;

namespace DockerPS.Tests.Unit
{
    /// <summary>
    /// The BuildKit session's wire layers: HPACK against RFC 7541 appendix C, the Huffman code against appendix B,
    /// and the HTTP/2 server with its gRPC calls driven over a loopback socket as the engine's client would.
    /// </summary>
    public sealed class BuildSessionProtocolTests
    {
        private static byte[] Hex(string hex)
        {
            hex = new string(hex.Where(Uri.IsHexDigit).ToArray());
            return Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(i * 2, 2), 16)).ToArray();
        }

        private static List<KeyValuePair<string, string>> Decode(Hpack.Decoder d, string hex)
        {
            byte[] block = Hex(hex);
            return d.Decode(block, 0, block.Length);
        }

        private static KeyValuePair<string, string> H(string k, string v) => new KeyValuePair<string, string>(k, v);

        [Theory]
        [InlineData(10, 5, "0a")] // C.1.1
        [InlineData(1337, 5, "1f9a0a")] // C.1.2
        [InlineData(42, 8, "2a")] // C.1.3
        public void IntegersAsAppendixC1(int value, int prefix, string hex)
        {
            var s = new MemoryStream();
            Hpack.WriteInteger(s, prefix, 0, value);
            Assert.Equal(Hex(hex), s.ToArray());
            int p = 0;
            Assert.Equal(value, Hpack.ReadInteger(Hex(hex), ref p, hex.Length / 2, prefix));
        }

        [Fact]
        public void HeaderFieldsAsAppendixC2()
        {
            var d = new Hpack.Decoder();
            Assert.Equal(new[] { H("custom-key", "custom-header") }, Decode(d, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
            Assert.Equal(55, d.DynamicSize);
            Assert.Equal(new[] { H(":path", "/sample/path") }, Decode(new Hpack.Decoder(), "040c 2f73 616d 706c 652f 7061 7468"));
            Assert.Equal(new[] { H("password", "secret") }, Decode(new Hpack.Decoder(), "1008 7061 7373 776f 7264 0673 6563 7265 74"));
            Assert.Equal(new[] { H(":method", "GET") }, Decode(new Hpack.Decoder(), "82"));
        }

        [Fact]
        public void RequestsWithoutHuffmanAsAppendixC3()
        {
            var d = new Hpack.Decoder();
            Assert.Equal(new[] { H(":method", "GET"), H(":scheme", "http"), H(":path", "/"), H(":authority", "www.example.com") },
                Decode(d, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
            Assert.Equal(57, d.DynamicSize);
            Assert.Equal(new[] { H(":method", "GET"), H(":scheme", "http"), H(":path", "/"), H(":authority", "www.example.com"), H("cache-control", "no-cache") },
                Decode(d, "8286 84be 5808 6e6f 2d63 6163 6865"));
            Assert.Equal(110, d.DynamicSize);
            Assert.Equal(new[] { H(":method", "GET"), H(":scheme", "https"), H(":path", "/index.html"), H(":authority", "www.example.com"), H("custom-key", "custom-value") },
                Decode(d, "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65"));
            Assert.Equal(164, d.DynamicSize);
            Assert.Equal(3, d.DynamicCount);
        }

        [Fact]
        public void RequestsWithHuffmanAsAppendixC4()
        {
            var d = new Hpack.Decoder();
            Assert.Equal(new[] { H(":method", "GET"), H(":scheme", "http"), H(":path", "/"), H(":authority", "www.example.com") },
                Decode(d, "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"));
            Assert.Equal(new[] { H(":method", "GET"), H(":scheme", "http"), H(":path", "/"), H(":authority", "www.example.com"), H("cache-control", "no-cache") },
                Decode(d, "8286 84be 5886 a8eb 1064 9cbf"));
            Assert.Equal(new[] { H(":method", "GET"), H(":scheme", "https"), H(":path", "/index.html"), H(":authority", "www.example.com"), H("custom-key", "custom-value") },
                Decode(d, "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"));
            Assert.Equal(164, d.DynamicSize);
        }

        [Fact]
        public void ResponsesEvictFromASmallTableAsAppendixC5()
        {
            var d = new Hpack.Decoder();
            // The appendix's decoder has a 256-byte table (SETTINGS_HEADER_TABLE_SIZE); a size update says the same.
            Decode(d, "3fe1 01");
            Assert.Equal(
                new[] { H(":status", "302"), H("cache-control", "private"), H("date", "Mon, 21 Oct 2013 20:13:21 GMT"), H("location", "https://www.example.com") },
                Decode(d, "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
            Assert.Equal(222, d.DynamicSize);
            Assert.Equal(
                new[] { H(":status", "307"), H("cache-control", "private"), H("date", "Mon, 21 Oct 2013 20:13:21 GMT"), H("location", "https://www.example.com") },
                Decode(d, "4803 3330 37c1 c0bf"));
            Assert.Equal(222, d.DynamicSize);
            Assert.Equal(
                new[]
                {
                    H(":status", "200"), H("cache-control", "private"), H("date", "Mon, 21 Oct 2013 20:13:22 GMT"), H("location", "https://www.example.com"),
                    H("content-encoding", "gzip"), H("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"),
                },
                Decode(d, "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31"));
            Assert.Equal(215, d.DynamicSize);
            Assert.Equal(3, d.DynamicCount);
        }

        [Theory]
        [InlineData(0, 0x1ff8u)]
        [InlineData(1, 0x7fffd8u)]
        [InlineData(10, 0x3ffffffcu)]
        [InlineData(32, 0x14u)]
        [InlineData(48, 0x0u)]
        [InlineData(88, 0xfcu)]
        [InlineData(92, 0x7fff0u)]
        [InlineData(203, 0x7ffffdeu)]
        [InlineData(255, 0x3ffffeeu)]
        [InlineData(256, 0x3fffffffu)]
        public void CanonicalHuffmanCodesMatchAppendixB(int symbol, uint code)
        {
            Assert.Equal(code, Hpack.HuffmanCodes[symbol]);
        }

        [Fact]
        public void HuffmanRoundTripsEveryByteAndRefusesBadPadding()
        {
            byte[] all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
            byte[] coded = Hpack.HuffmanEncode(all);
            Assert.Equal(all, Hpack.HuffmanDecode(coded, 0, coded.Length));
            Assert.Equal(Hex("f1e3 c2e5 f23a 6ba0 ab90 f4ff"), Hpack.HuffmanEncode(Encoding.ASCII.GetBytes("www.example.com")));

            // Padding of zeros, or a whole byte of ones, is an error (RFC 7541 5.2).
            Assert.Throws<FormatException>(() => Hpack.HuffmanDecode(new byte[] { 0x00 }, 0, 1)); // '0' then 000 padding
            Assert.Throws<FormatException>(() => Hpack.HuffmanDecode(new byte[] { 0x1f, 0xff }, 0, 2)); // '0', then 11 ones
        }

        [Fact]
        public void EncoderWritesLiteralsTheDecoderReads()
        {
            var headers = new[] { H(":status", "200"), H("content-type", "application/grpc"), H("grpc-message", new string('x', 300)) };
            byte[] block = Hpack.Encode(headers);
            Assert.Equal(0x00, block[0]); // literal without indexing, new name
            var d = new Hpack.Decoder();
            Assert.Equal(headers, d.Decode(block, 0, block.Length));
            Assert.Equal(0, d.DynamicCount);
        }

        [Fact]
        public void FramesAndGrpcMessagesHaveTheirPrefixes()
        {
            Assert.Equal(Hex("000003 00 01 00000005 616263"), Http2Server.EncodeFrame(0, 1, 5, Encoding.ASCII.GetBytes("abc")));
            Assert.Equal(Hex("00 00000002 0801"), GrpcCall.Frame(new byte[] { 8, 1 }));
            Assert.Equal("bad%25 %C3%A9", GrpcCall.PercentEncode("bad% é"));
            Assert.Equal(Hex("0a03 6162 63 1096 01"), new ProtoWriter().String(1, "abc").Varint(2, 150).ToArray());
        }

        [Fact]
        public void TheSessionAnswersHealthChecksPingsAndSecretsOverHttp2()
        {
            string file = Path.Combine(Path.GetTempPath(), "dockerps-secret-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(file, "top-secret");
            try
            {
                BuildSecret secret = BuildSecret.Parse("id=s,src=" + file, p => p);
                var session = new BuildSession("/tmp/ctx", new[] { secret });
                Assert.Contains(session.Headers(), h => h.Key == "X-Docker-Expose-Session-Grpc-Method" && h.Value == BuildSession.GetSecret);
                using var client = new H2Client(session);

                // Health: a unary call, answered SERVING.
                client.Call(1, BuildSession.HealthCheck, Array.Empty<byte>());
                Reply health = client.ReadReply(1);
                Assert.Equal("200", health.Headers[":status"]);
                Assert.Equal(new byte[] { 8, 1 }, Assert.Single(health.Messages));
                Assert.Equal("0", health.Trailers["grpc-status"]);

                // A PING is answered with the same payload.
                client.Send(Http2Server.FramePing, 0, 0, Hex("0102030405060708"));
                Frame pong = client.ReadUntil(f => f.Type == Http2Server.FramePing);
                Assert.Equal(Http2Server.FlagAck, pong.Flags);
                Assert.Equal(Hex("0102030405060708"), pong.Payload);

                // The secret, by id; an unknown id is NOT_FOUND (5).
                client.Call(3, BuildSession.GetSecret, new ProtoWriter().String(1, "s").ToArray());
                Reply got = client.ReadReply(3);
                var reader = new ProtoReader(Assert.Single(got.Messages));
                Assert.True(reader.TryReadTag(out int field, out _));
                Assert.Equal(1, field);
                Assert.Equal("top-secret", Encoding.UTF8.GetString(reader.ReadBytes()));
                Assert.Equal(1, session.SecretsServed);

                client.Call(5, BuildSession.GetSecret, new ProtoWriter().String(1, "nope").ToArray());
                Reply missing = client.ReadReply(5);
                Assert.Empty(missing.Messages);
                Assert.Equal("5", missing.Trailers["grpc-status"]);

                client.Call(7, "/moby.filesync.v1.FileSync/DiffCopy", Array.Empty<byte>());
                Assert.Equal("12", client.ReadReply(7).Trailers["grpc-status"]);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Theory]
        [InlineData("id=a,src=f", "a", "f", null)]
        [InlineData("id=a,source=f,type=file", "a", "f", null)]
        [InlineData("id=a,env=DOCKERPS_TEST_SECRET_ENV", "a", null, "DOCKERPS_TEST_SECRET_ENV")]
        [InlineData("id=a,src=DOCKERPS_TEST_SECRET_ENV,type=env", "a", null, "DOCKERPS_TEST_SECRET_ENV")]
        public void SecretSpecsParseAsDockerBuildReadsThem(string spec, string id, string? file, string? env)
        {
            Environment.SetEnvironmentVariable("DOCKERPS_TEST_SECRET_ENV", "v");
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-spec-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "f"), "x");
            try
            {
                BuildSecret s = BuildSecret.Parse(spec, p => Path.Combine(dir, p));
                Assert.Equal(id, s.Id);
                Assert.Equal(file == null ? null : Path.Combine(dir, file), s.File);
                Assert.Equal(env, s.EnvironmentVariable);
                Assert.Throws<FormatException>(() => BuildSecret.Parse("src=f", p => Path.Combine(dir, p)));
                Assert.Throws<FormatException>(() => BuildSecret.Parse("id=a,what=f", p => Path.Combine(dir, p)));
                Assert.Throws<FileNotFoundException>(() => BuildSecret.Parse("id=a,src=missing", p => Path.Combine(dir, p)));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        private sealed class Frame
        {
            public int Type;
            public byte Flags;
            public int Stream;
            public byte[] Payload = Array.Empty<byte>();
        }

        private sealed class Reply
        {
            public Dictionary<string, string> Headers = new Dictionary<string, string>();
            public Dictionary<string, string> Trailers = new Dictionary<string, string>();
            public List<byte[]> Messages = new List<byte[]>();
        }

        /// <summary>The engine's side, by hand: a client connection preface, HEADERS with Huffman-coded values, DATA.</summary>
        private sealed class H2Client : IDisposable
        {
            private readonly TcpListener _listener;
            private readonly TcpClient _client;
            private readonly NetworkStream _stream;
            private readonly Task _serving;
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private readonly Hpack.Decoder _decoder = new Hpack.Decoder();
            private readonly List<Frame> _early = new List<Frame>();

            public H2Client(BuildSession session)
            {
                _listener = new TcpListener(IPAddress.Loopback, 0);
                _listener.Start();
                _client = new TcpClient();
                _client.Connect(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
                Socket server = _listener.AcceptSocket();
                _serving = session.RunAsync(new NetworkStream(server, true), _stop.Token);
                _stream = _client.GetStream();
                _stream.ReadTimeout = 10000;
                _stream.Write(Http2Server.Preface, 0, Http2Server.Preface.Length);
                Send(Http2Server.FrameSettings, 0, 0, Array.Empty<byte>());
            }

            public void Send(int type, byte flags, int stream, byte[] payload)
            {
                byte[] f = Http2Server.EncodeFrame(type, flags, stream, payload);
                _stream.Write(f, 0, f.Length);
            }

            public void Call(int stream, string path, byte[] message)
            {
                var block = new MemoryStream();
                block.WriteByte(0x83); // :method POST
                block.WriteByte(0x86); // :scheme http
                block.WriteByte(0x44); // :path, literal with indexing, Huffman value
                byte[] huff = Hpack.HuffmanEncode(Encoding.ASCII.GetBytes(path));
                Hpack.WriteInteger(block, 7, 0x80, huff.Length);
                block.Write(huff, 0, huff.Length);
                byte[] ct = Encoding.ASCII.GetBytes("application/grpc");
                block.WriteByte(0x5f); // content-type (31), literal with indexing
                Hpack.WriteInteger(block, 7, 0, ct.Length);
                block.Write(ct, 0, ct.Length);
                Send(Http2Server.FrameHeaders, Http2Server.FlagEndHeaders, stream, block.ToArray());
                Send(Http2Server.FrameData, Http2Server.FlagEndStream, stream, GrpcCall.Frame(message));
            }

            private Frame Read()
            {
                var header = new byte[9];
                ReadExactly(header);
                var f = new Frame
                {
                    Type = header[3],
                    Flags = header[4],
                    Stream = ((header[5] & 0x7f) << 24) | (header[6] << 16) | (header[7] << 8) | header[8],
                    Payload = new byte[(header[0] << 16) | (header[1] << 8) | header[2]],
                };
                ReadExactly(f.Payload);
                return f;
            }

            private void ReadExactly(byte[] buffer)
            {
                int read = 0;
                while (read < buffer.Length)
                {
                    int n = _stream.Read(buffer, read, buffer.Length - read);
                    if (n == 0)
                    {
                        throw new EndOfStreamException();
                    }

                    read += n;
                }
            }

            public Frame ReadUntil(Func<Frame, bool> match)
            {
                Frame? kept = _early.FirstOrDefault(match);
                if (kept != null)
                {
                    _early.Remove(kept);
                    return kept;
                }

                while (true)
                {
                    Frame f = Read();
                    if (match(f))
                    {
                        return f;
                    }

                    _early.Add(f);
                }
            }

            public Reply ReadReply(int stream)
            {
                var reply = new Reply();
                bool headers = false;
                while (true)
                {
                    Frame f = ReadUntil(x => x.Stream == stream && (x.Type == Http2Server.FrameHeaders || x.Type == Http2Server.FrameData));
                    if (f.Type == Http2Server.FrameHeaders)
                    {
                        Dictionary<string, string> target = headers ? reply.Trailers : reply.Headers;
                        foreach (var h in _decoder.Decode(f.Payload, 0, f.Payload.Length))
                        {
                            target[h.Key] = h.Value;
                        }

                        if (!headers && (f.Flags & Http2Server.FlagEndStream) != 0)
                        {
                            // Trailers-only: status and grpc-status in one block.
                            foreach (var kv in reply.Headers)
                            {
                                reply.Trailers[kv.Key] = kv.Value;
                            }
                        }

                        headers = true;
                    }
                    else
                    {
                        int p = 0;
                        while (p + 5 <= f.Payload.Length)
                        {
                            int n = (f.Payload[p + 1] << 24) | (f.Payload[p + 2] << 16) | (f.Payload[p + 3] << 8) | f.Payload[p + 4];
                            reply.Messages.Add(f.Payload.Skip(p + 5).Take(n).ToArray());
                            p += 5 + n;
                        }
                    }

                    if ((f.Flags & Http2Server.FlagEndStream) != 0)
                    {
                        return reply;
                    }
                }
            }

            public void Dispose()
            {
                _stop.Cancel();
                _client.Dispose();
                _listener.Stop();
                try
                {
                    _serving.Wait(2000);
                }
                catch (AggregateException)
                {
                }
            }
        }
    }
}
