using System;
using System.Collections.Generic;
using System.Text;

namespace DockerPS.Streams
{
    /// <summary>
    /// Turns chunks of UTF-8 bytes into lines. A line or a multibyte character split across chunks is kept until its
    /// end arrives; '\n' ends a line and a '\r' before it is dropped. Each output stream needs its own decoder.
    /// </summary>
    internal sealed class LineDecoder
    {
        private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
        private readonly StringBuilder _pending = new StringBuilder();
        private char[] _chars = new char[8192];

        /// <summary>Whether a partial line is waiting for its end.</summary>
        public bool HasPartialLine => _pending.Length > 0;

        /// <summary>Decodes <paramref name="count"/> bytes and adds every completed line to <paramref name="lines"/>.</summary>
        public void Add(byte[] bytes, int offset, int count, List<string> lines)
        {
            int needed = _decoder.GetCharCount(bytes, offset, count, false);
            if (needed > _chars.Length)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }

            int n = _decoder.GetChars(bytes, offset, count, _chars, 0, false);
            int start = 0;
            int i;
            while (start < n && (i = Array.IndexOf(_chars, '\n', start, n - start)) >= 0)
            {
                if (_pending.Length > 0)
                {
                    _pending.Append(_chars, start, i - start);
                    int length = _pending.Length;
                    if (_pending[length - 1] == '\r')
                    {
                        length--;
                    }

                    lines.Add(_pending.ToString(0, length));
                    _pending.Clear();
                }
                else
                {
                    int end = i > start && _chars[i - 1] == '\r' ? i - 1 : i;
                    lines.Add(new string(_chars, start, end - start));
                }

                start = i + 1;
            }

            if (start < n)
            {
                _pending.Append(_chars, start, n - start);
            }
        }

        /// <summary>At the end of the stream: the last line if it had no line ending (and any incomplete character as U+FFFD).</summary>
        public string? Flush()
        {
            int n = _decoder.GetChars(Array.Empty<byte>(), 0, 0, _chars, 0, true);
            _pending.Append(_chars, 0, n);
            if (_pending.Length == 0)
            {
                return null;
            }

            string last = _pending.ToString();
            _pending.Clear();
            return last.EndsWith("\r", StringComparison.Ordinal) ? last.Substring(0, last.Length - 1) : last;
        }
    }
}
