using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DockerPS.Build.Session
{
    /// <summary>
    /// HPACK (RFC 7541) for the session's HTTP/2 server: a decoder with the static and dynamic tables and Huffman
    /// strings (the engine's Go HTTP/2 client indexes and Huffman-codes its headers), and an encoder that writes
    /// every header as a literal without indexing and without Huffman (always valid, never state to keep).
    /// </summary>
    internal static class Hpack
    {
        /// <summary>RFC 7541 appendix A: the static table, index 1..61 (index 0 unused).</summary>
        internal static readonly KeyValuePair<string, string>[] StaticTable = Build(
            ":authority", "", ":method", "GET", ":method", "POST", ":path", "/", ":path", "/index.html",
            ":scheme", "http", ":scheme", "https", ":status", "200", ":status", "204", ":status", "206",
            ":status", "304", ":status", "400", ":status", "404", ":status", "500", "accept-charset", "",
            "accept-encoding", "gzip, deflate", "accept-language", "", "accept-ranges", "", "accept", "", "access-control-allow-origin", "",
            "age", "", "allow", "", "authorization", "", "cache-control", "", "content-disposition", "",
            "content-encoding", "", "content-language", "", "content-length", "", "content-location", "", "content-range", "",
            "content-type", "", "cookie", "", "date", "", "etag", "", "expect", "",
            "expires", "", "from", "", "host", "", "if-match", "", "if-modified-since", "",
            "if-none-match", "", "if-range", "", "if-unmodified-since", "", "last-modified", "", "link", "",
            "location", "", "max-forwards", "", "proxy-authenticate", "", "proxy-authorization", "", "range", "",
            "referer", "", "refresh", "", "retry-after", "", "server", "", "set-cookie", "",
            "strict-transport-security", "", "transfer-encoding", "", "user-agent", "", "vary", "", "via", "",
            "www-authenticate", "");

        /// <summary>
        /// RFC 7541 appendix B as code lengths in bits for symbols 0..255 and EOS (256). The code is canonical: codes
        /// are handed out in order of length, then symbol, each the previous plus one shifted to the new length.
        /// </summary>
        private static readonly byte[] s_huffmanLengths =
        {
            13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
            28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
            6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
            5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
            13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
            7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
            15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
            6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
            20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
            24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
            22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
            21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
            26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
            19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
            20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
            26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
            30,
        };

        /// <summary>The code of each symbol, right-aligned (the RFC's "code as hex").</summary>
        internal static readonly uint[] HuffmanCodes = CanonicalCodes();

        /// <summary>Decoding: for each length, the first code of that length and the symbols of that length in order.</summary>
        private static readonly uint[] s_firstCode = new uint[31];
        private static readonly int[] s_firstIndex = new int[31];
        private static readonly int[] s_countOfLength = new int[31];
        private static readonly int[] s_symbolsByCode = SymbolsByCode();

        private static KeyValuePair<string, string>[] Build(params string[] pairs)
        {
            var table = new KeyValuePair<string, string>[pairs.Length / 2 + 1];
            for (int i = 0; i < pairs.Length; i += 2)
            {
                table[i / 2 + 1] = new KeyValuePair<string, string>(pairs[i], pairs[i + 1]);
            }

            return table;
        }

        private static int[] Order()
        {
            var order = new int[257];
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            // Stable by length, then symbol.
            Array.Sort(order, (a, b) => s_huffmanLengths[a] != s_huffmanLengths[b] ? s_huffmanLengths[a].CompareTo(s_huffmanLengths[b]) : a.CompareTo(b));
            return order;
        }

        private static uint[] CanonicalCodes()
        {
            var codes = new uint[257];
            int[] order = Order();
            uint code = 0;
            int previous = s_huffmanLengths[order[0]];
            for (int i = 0; i < order.Length; i++)
            {
                int length = s_huffmanLengths[order[i]];
                if (i > 0)
                {
                    code = (code + 1) << (length - previous);
                }

                previous = length;
                codes[order[i]] = code;
            }

            return codes;
        }

        private static int[] SymbolsByCode()
        {
            int[] order = Order();
            for (int i = 0; i < order.Length; i++)
            {
                int length = s_huffmanLengths[order[i]];
                if (s_countOfLength[length] == 0)
                {
                    s_firstCode[length] = HuffmanCodes[order[i]];
                    s_firstIndex[length] = i;
                }

                s_countOfLength[length]++;
            }

            return order;
        }

        /// <summary>Decodes a Huffman-coded string (RFC 7541 5.2): padding must be at most 7 one-bits, EOS is an error.</summary>
        internal static byte[] HuffmanDecode(byte[] data, int offset, int count)
        {
            var output = new MemoryStream(count * 8 / 5 + 1);
            uint code = 0;
            int length = 0;
            for (int i = offset; i < offset + count; i++)
            {
                for (int bit = 7; bit >= 0; bit--)
                {
                    code = (code << 1) | (uint)((data[i] >> bit) & 1);
                    length++;
                    if (length > 30)
                    {
                        throw new FormatException("HPACK: a Huffman code longer than 30 bits.");
                    }

                    int n = s_countOfLength[length];
                    if (n > 0 && code >= s_firstCode[length] && code - s_firstCode[length] < (uint)n)
                    {
                        int symbol = s_symbolsByCode[s_firstIndex[length] + (int)(code - s_firstCode[length])];
                        if (symbol == 256)
                        {
                            throw new FormatException("HPACK: EOS inside a Huffman string.");
                        }

                        output.WriteByte((byte)symbol);
                        code = 0;
                        length = 0;
                    }
                }
            }

            if (length > 7 || code != (1u << length) - 1)
            {
                throw new FormatException("HPACK: bad Huffman padding.");
            }

            return output.ToArray();
        }

        /// <summary>Huffman-codes a string (for tests and symmetry; the encoder itself writes plain literals).</summary>
        internal static byte[] HuffmanEncode(byte[] data)
        {
            var output = new MemoryStream();
            ulong bits = 0;
            int count = 0;
            foreach (byte b in data)
            {
                bits = (bits << s_huffmanLengths[b]) | HuffmanCodes[b];
                count += s_huffmanLengths[b];
                while (count >= 8)
                {
                    output.WriteByte((byte)(bits >> (count - 8)));
                    count -= 8;
                }
            }

            if (count > 0)
            {
                output.WriteByte((byte)((bits << (8 - count)) | (0xFFu >> count)));
            }

            return output.ToArray();
        }

        /// <summary>An HPACK integer with an N-bit prefix (RFC 7541 5.1); the first byte's high bits come from <paramref name="flags"/>.</summary>
        internal static void WriteInteger(Stream output, int prefixBits, byte flags, long value)
        {
            long max = (1 << prefixBits) - 1;
            if (value < max)
            {
                output.WriteByte((byte)(flags | value));
                return;
            }

            output.WriteByte((byte)(flags | max));
            value -= max;
            while (value >= 128)
            {
                output.WriteByte((byte)(value % 128 + 128));
                value /= 128;
            }

            output.WriteByte((byte)value);
        }

        internal static long ReadInteger(byte[] data, ref int position, int end, int prefixBits)
        {
            if (position >= end)
            {
                throw new FormatException("HPACK: a header block ends inside an integer.");
            }

            long max = (1 << prefixBits) - 1;
            long value = data[position++] & max;
            if (value < max)
            {
                return value;
            }

            int shift = 0;
            while (true)
            {
                if (position >= end || shift > 28)
                {
                    throw new FormatException("HPACK: a bad integer.");
                }

                byte b = data[position++];
                value += (long)(b & 127) << shift;
                shift += 7;
                if ((b & 128) == 0)
                {
                    return value;
                }
            }
        }

        /// <summary>Encodes headers as literals without indexing, names and values plain (RFC 7541 6.2.2).</summary>
        internal static byte[] Encode(IEnumerable<KeyValuePair<string, string>> headers)
        {
            var output = new MemoryStream();
            foreach (KeyValuePair<string, string> h in headers)
            {
                output.WriteByte(0x00);
                WriteString(output, h.Key);
                WriteString(output, h.Value);
            }

            return output.ToArray();
        }

        private static void WriteString(Stream output, string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            WriteInteger(output, 7, 0x00, bytes.Length);
            output.Write(bytes, 0, bytes.Length);
        }

        /// <summary>The decoding side of one HTTP/2 connection: keeps the dynamic table between header blocks.</summary>
        internal sealed class Decoder
        {
            private readonly LinkedList<KeyValuePair<string, string>> _dynamic = new LinkedList<KeyValuePair<string, string>>();
            private int _size;
            private int _maxSize = 4096;
            private readonly int _limit;

            internal Decoder(int limit = 4096)
            {
                _limit = limit;
            }

            internal int DynamicCount => _dynamic.Count;

            internal int DynamicSize => _size;

            /// <summary>Decodes one complete header block.</summary>
            internal List<KeyValuePair<string, string>> Decode(byte[] block, int offset, int count)
            {
                var headers = new List<KeyValuePair<string, string>>();
                int p = offset;
                int end = offset + count;
                while (p < end)
                {
                    byte b = block[p];
                    if ((b & 0x80) != 0)
                    {
                        // Indexed header field.
                        headers.Add(Lookup((int)ReadInteger(block, ref p, end, 7)));
                    }
                    else if ((b & 0xC0) == 0x40)
                    {
                        // Literal with incremental indexing.
                        KeyValuePair<string, string> h = ReadLiteral(block, ref p, end, 6);
                        headers.Add(h);
                        Add(h);
                    }
                    else if ((b & 0xE0) == 0x20)
                    {
                        // Dynamic table size update.
                        long size = ReadInteger(block, ref p, end, 5);
                        if (size > _limit)
                        {
                            throw new FormatException("HPACK: a table size above the one allowed.");
                        }

                        _maxSize = (int)size;
                        Evict(0);
                    }
                    else
                    {
                        // Literal without indexing (0000) or never indexed (0001).
                        headers.Add(ReadLiteral(block, ref p, end, 4));
                    }
                }

                return headers;
            }

            private KeyValuePair<string, string> ReadLiteral(byte[] block, ref int p, int end, int prefixBits)
            {
                int index = (int)ReadInteger(block, ref p, end, prefixBits);
                string name = index == 0 ? ReadString(block, ref p, end) : Lookup(index).Key;
                string value = ReadString(block, ref p, end);
                return new KeyValuePair<string, string>(name, value);
            }

            private static string ReadString(byte[] block, ref int p, int end)
            {
                if (p >= end)
                {
                    throw new FormatException("HPACK: a header block ends inside a string.");
                }

                bool huffman = (block[p] & 0x80) != 0;
                long length = ReadInteger(block, ref p, end, 7);
                if (length > end - p)
                {
                    throw new FormatException("HPACK: a string runs past the header block.");
                }

                int n = (int)length;
                string text = huffman
                    ? Encoding.UTF8.GetString(HuffmanDecode(block, p, n))
                    : Encoding.UTF8.GetString(block, p, n);
                p += n;
                return text;
            }

            private KeyValuePair<string, string> Lookup(int index)
            {
                if (index <= 0)
                {
                    throw new FormatException("HPACK: index 0.");
                }

                if (index < StaticTable.Length)
                {
                    return StaticTable[index];
                }

                int i = index - StaticTable.Length;
                if (i >= _dynamic.Count)
                {
                    throw new FormatException("HPACK: an index past the dynamic table.");
                }

                LinkedListNode<KeyValuePair<string, string>> node = _dynamic.First!;
                while (i-- > 0)
                {
                    node = node.Next!;
                }

                return node.Value;
            }

            private static int EntrySize(KeyValuePair<string, string> h) => Encoding.UTF8.GetByteCount(h.Key) + Encoding.UTF8.GetByteCount(h.Value) + 32;

            private void Add(KeyValuePair<string, string> h)
            {
                int size = EntrySize(h);
                Evict(size);
                if (size <= _maxSize)
                {
                    _dynamic.AddFirst(h);
                    _size += size;
                }
            }

            private void Evict(int room)
            {
                while (_dynamic.Count > 0 && _size + room > _maxSize)
                {
                    _size -= EntrySize(_dynamic.Last!.Value);
                    _dynamic.RemoveLast();
                }
            }
        }
    }
}
