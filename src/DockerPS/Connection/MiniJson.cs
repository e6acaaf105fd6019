using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DockerPS.Connection
{
    /// <summary>
    /// A small JSON reader for the docker CLI's config files. DockerPS.dll references nothing but PowerShell
    /// Standard (see design.md §2), so it cannot use System.Text.Json. Objects become
    /// Dictionary&lt;string, object?&gt;, arrays List&lt;object?&gt;, numbers double.
    /// </summary>
    internal sealed class MiniJson
    {
        private readonly string _text;
        private int _pos;

        private MiniJson(string text) => _text = text;

        public static object? Parse(string text)
        {
            var reader = new MiniJson(text);
            object? value = reader.ReadValue();
            reader.SkipWhitespace();
            if (reader._pos != text.Length)
            {
                throw reader.Error("unexpected text after the value");
            }

            return value;
        }

        private object? ReadValue()
        {
            SkipWhitespace();
            if (_pos >= _text.Length)
            {
                throw Error("unexpected end");
            }

            char c = _text[_pos];
            switch (c)
            {
                case '{': return ReadObject();
                case '[': return ReadArray();
                case '"': return ReadString();
                case 't': Expect("true"); return true;
                case 'f': Expect("false"); return false;
                case 'n': Expect("null"); return null;
                default:
                    if (c == '-' || char.IsDigit(c))
                    {
                        return ReadNumber();
                    }

                    throw Error($"unexpected '{c}'");
            }
        }

        private Dictionary<string, object?> ReadObject()
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            _pos++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Error("expected a property name");
                }

                string key = ReadString();
                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw Error("expected ':'");
                }

                _pos++;
                result[key] = ReadValue();
                SkipWhitespace();
                char next = Peek();
                _pos++;
                if (next == '}')
                {
                    return result;
                }

                if (next != ',')
                {
                    throw Error("expected ',' or '}'");
                }
            }
        }

        private List<object?> ReadArray()
        {
            var result = new List<object?>();
            _pos++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return result;
            }

            while (true)
            {
                result.Add(ReadValue());
                SkipWhitespace();
                char next = Peek();
                _pos++;
                if (next == ']')
                {
                    return result;
                }

                if (next != ',')
                {
                    throw Error("expected ',' or ']'");
                }
            }
        }

        private string ReadString()
        {
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw Error("unterminated string");
                }

                char c = _text[_pos++];
                if (c == '"')
                {
                    return sb.ToString();
                }

                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                char e = _pos < _text.Length ? _text[_pos++] : '\0';
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length
                            || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                        {
                            throw Error("bad \\u escape");
                        }

                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw Error("bad escape");
                }
            }
        }

        private double ReadNumber()
        {
            int start = _pos;
            while (_pos < _text.Length && "+-0123456789.eE".IndexOf(_text[_pos]) >= 0)
            {
                _pos++;
            }

            string s = _text.Substring(start, _pos - start);
            return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw Error($"bad number '{s}'");
        }

        private void Expect(string word)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            {
                throw Error($"expected '{word}'");
            }

            _pos += word.Length;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void SkipWhitespace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }
        }

        private FormatException Error(string what) => new FormatException($"Invalid JSON at offset {_pos}: {what}.");
    }
}
