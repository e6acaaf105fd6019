using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DockerPS.Engine
{
    /// <summary>
    /// An HTTP/1.1 response the engine sent before it had read the whole request body (a refused upload), as raw bytes
    /// read off the connection after the body's write failed. Parsing is kept here, free of any transport, so it is
    /// tested on its own; the engine adapter reads the bytes.
    /// </summary>
    internal sealed class EarlyAnswer
    {
        private EarlyAnswer(int statusCode, string reasonPhrase, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            Headers = headers;
            Body = body;
        }

        public int StatusCode { get; }

        public string ReasonPhrase { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        public byte[] Body { get; }

        /// <summary>
        /// Parses <paramref name="count"/> bytes of a response. <paramref name="atEnd"/> says the connection ended after
        /// them (a body without length runs to there). Returns null while the bytes hold no complete answer.
        /// </summary>
        public static EarlyAnswer? TryParse(byte[] data, int count, bool atEnd)
        {
            int headerEnd = IndexOf(data, count, "\r\n\r\n");
            if (headerEnd < 0)
            {
                return null;
            }

            string[] lines = Encoding.ASCII.GetString(data, 0, headerEnd).Split(new[] { "\r\n" }, StringSplitOptions.None);
            string[] status = lines[0].Split(new[] { ' ' }, 3);
            if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal)
                || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out int code) || code < 100 || code > 599)
            {
                return null;
            }

            var headers = new List<KeyValuePair<string, string>>();
            long? length = null;
            bool chunked = false;
            for (int i = 1; i < lines.Length; i++)
            {
                int colon = lines[i].IndexOf(':');
                if (colon <= 0)
                {
                    continue;
                }

                string name = lines[i].Substring(0, colon).Trim();
                string value = lines[i].Substring(colon + 1).Trim();
                headers.Add(new KeyValuePair<string, string>(name, value));
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                    && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                {
                    length = n;
                }
                else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    chunked = true;
                }
            }

            int bodyStart = headerEnd + 4;
            byte[]? body;
            if (chunked)
            {
                body = Dechunk(data, bodyStart, count, atEnd);
            }
            else if (length.HasValue)
            {
                body = count - bodyStart >= length.Value ? Slice(data, bodyStart, (int)length.Value) : atEnd ? Slice(data, bodyStart, count - bodyStart) : null;
            }
            else
            {
                body = atEnd ? Slice(data, bodyStart, count - bodyStart) : null;
            }

            return body == null ? null : new EarlyAnswer(code, status.Length > 2 ? status[2] : string.Empty, headers, body);
        }

        private static byte[]? Dechunk(byte[] data, int start, int count, bool atEnd)
        {
            var body = new List<byte>();
            int at = start;
            while (true)
            {
                int lineEnd = IndexOf(data, count, "\r\n", at);
                if (lineEnd < 0)
                {
                    return atEnd ? body.ToArray() : null;
                }

                string sizeText = Encoding.ASCII.GetString(data, at, lineEnd - at).Split(';')[0].Trim();
                if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int size) || size < 0)
                {
                    return atEnd ? body.ToArray() : null;
                }

                if (size == 0)
                {
                    return body.ToArray();
                }

                at = lineEnd + 2;
                if (count - at < size)
                {
                    // Cut off mid-chunk: what arrived is still the engine's words.
                    if (atEnd)
                    {
                        body.AddRange(Slice(data, at, count - at));
                        return body.ToArray();
                    }

                    return null;
                }

                body.AddRange(Slice(data, at, size));
                at += size + 2;
            }
        }

        private static byte[] Slice(byte[] data, int start, int length)
        {
            var result = new byte[Math.Max(0, length)];
            Buffer.BlockCopy(data, start, result, 0, result.Length);
            return result;
        }

        private static int IndexOf(byte[] data, int count, string pattern, int from = 0)
        {
            for (int i = from; i <= count - pattern.Length; i++)
            {
                int j = 0;
                while (j < pattern.Length && data[i + j] == pattern[j])
                {
                    j++;
                }

                if (j == pattern.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
