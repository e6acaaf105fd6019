using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DockerPS.Connection
{
    /// <summary>
    /// Sets or removes one string member of a JSON file's top-level object by editing its text: every other byte
    /// (keys, values, order, spacing) stays as it was. DockerPS.dll has no JSON library, and a parse-and-reserialize
    /// would reformat what the docker CLI and other tools wrote.
    /// </summary>
    internal static class ConfigJsonEditor
    {
        private struct Member
        {
            public int KeyStart;
            public int ValueStart;
            public int ValueEnd;
            public string Key;
        }

        /// <summary>Returns <paramref name="json"/> with <paramref name="key"/> set to <paramref name="value"/>, or removed when it is null.</summary>
        /// <exception cref="FormatException">The text is not a JSON object.</exception>
        public static string SetTopLevelString(string json, string key, string? value)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                return value == null ? "{}\n" : "{\n\t" + Literal(key) + ": " + Literal(value) + "\n}\n";
            }

            if (!(MiniJson.Parse(json) is Dictionary<string, object?>))
            {
                throw new FormatException("The file does not hold a JSON object.");
            }

            List<Member> members = Scan(json, out int open, out int close);
            int index = members.FindIndex(m => m.Key == key);
            if (index >= 0)
            {
                Member m = members[index];
                if (value != null)
                {
                    return json.Substring(0, m.ValueStart) + Literal(value) + json.Substring(m.ValueEnd);
                }

                if (members.Count == 1)
                {
                    // The only member: leave the braces and what surrounds them.
                    return json.Substring(0, open + 1) + json.Substring(close);
                }

                if (index < members.Count - 1)
                {
                    // Remove from this key up to the next key, so the next member takes this one's place and indentation.
                    return json.Substring(0, m.KeyStart) + json.Substring(members[index + 1].KeyStart);
                }

                // The last member: remove from the end of the previous value, its comma included.
                return json.Substring(0, members[index - 1].ValueEnd) + json.Substring(m.ValueEnd);
            }

            if (value == null)
            {
                return json;
            }

            string member = Literal(key) + ": " + Literal(value);
            if (members.Count == 0)
            {
                return json.Substring(0, open + 1) + "\n\t" + member + "\n" + json.Substring(close);
            }

            Member last = members[members.Count - 1];
            int before = members.Count > 1 ? members[members.Count - 2].ValueEnd : open + 1;
            string gap = json.Substring(before, last.KeyStart - before).TrimStart(',');
            if (gap.Trim().Length > 0)
            {
                gap = "\n\t";
            }

            return json.Substring(0, last.ValueEnd) + "," + (gap.Length > 0 ? gap : " ") + member + json.Substring(last.ValueEnd);
        }

        /// <summary>
        /// Returns <paramref name="json"/> with the member at <paramref name="path"/> (keys from the top-level object
        /// down, such as auths, then a server) set to <paramref name="value"/>, or removed when it is null. The value is
        /// a string or an object given as key/value pairs (values again strings or pairs); it is written with the
        /// file's own indentation. Objects missing on the way are created; every other byte stays as it was.
        /// </summary>
        /// <exception cref="FormatException">The text is not a JSON object, or a member on the path is not an object.</exception>
        public static string SetMember(string json, IReadOnlyList<string> path, object? value)
        {
            if (path.Count == 0)
            {
                throw new ArgumentException("The path is empty.", nameof(path));
            }

            if (string.IsNullOrWhiteSpace(json))
            {
                if (value == null)
                {
                    return json;
                }

                json = "{}";
            }

            if (!(MiniJson.Parse(json) is Dictionary<string, object?>))
            {
                throw new FormatException("The file does not hold a JSON object.");
            }

            string unit = IndentUnit(json);
            int open = SkipWs(json, 0);
            for (int depth = 0; ; depth++)
            {
                List<Member> members = ScanObject(json, open, out int close);
                int index = members.FindIndex(m => m.Key == path[depth]);
                bool last = depth == path.Count - 1;
                if (index >= 0 && !last)
                {
                    Member m = members[index];
                    if (json[m.ValueStart] != '{')
                    {
                        if (value == null)
                        {
                            return json;
                        }

                        throw new FormatException($"The member \"{path[depth]}\" is not a JSON object.");
                    }

                    open = m.ValueStart;
                    continue;
                }

                if (value == null)
                {
                    return index < 0 ? json : Remove(json, members, index, open, close);
                }

                // What goes in: the value itself, or the objects still missing on the path around it.
                object inner = value;
                for (int k = path.Count - 1; k > depth; k--)
                {
                    inner = new[] { new KeyValuePair<string, object>(path[k], inner) };
                }

                if (index >= 0)
                {
                    Member m = members[index];
                    return json.Substring(0, m.ValueStart) + Format(inner, LineIndent(json, m.KeyStart), unit) + json.Substring(m.ValueEnd);
                }

                string outer = LineIndent(json, open);
                if (members.Count == 0)
                {
                    string indent = outer + unit;
                    return json.Substring(0, open + 1) + "\n" + indent + Literal(path[depth]) + ": " + Format(inner, indent, unit) + "\n" + outer + json.Substring(close);
                }

                Member lastMember = members[members.Count - 1];
                int before = members.Count > 1 ? members[members.Count - 2].ValueEnd : open + 1;
                string gap = json.Substring(before, lastMember.KeyStart - before).TrimStart(',');
                if (gap.Trim().Length > 0)
                {
                    gap = "\n" + outer + unit;
                }

                string memberIndent = gap.LastIndexOf('\n') >= 0 ? gap.Substring(gap.LastIndexOf('\n') + 1) : LineIndent(json, lastMember.KeyStart);
                string member = Literal(path[depth]) + ": " + Format(inner, memberIndent, unit);
                return json.Substring(0, lastMember.ValueEnd) + "," + (gap.Length > 0 ? gap : " ") + member + json.Substring(lastMember.ValueEnd);
            }
        }

        private static string Remove(string json, List<Member> members, int index, int open, int close)
        {
            Member m = members[index];
            if (members.Count == 1)
            {
                return json.Substring(0, open + 1) + json.Substring(close);
            }

            if (index < members.Count - 1)
            {
                return json.Substring(0, m.KeyStart) + json.Substring(members[index + 1].KeyStart);
            }

            return json.Substring(0, members[index - 1].ValueEnd) + json.Substring(m.ValueEnd);
        }

        /// <summary>A value as JSON text: a string literal, or an object of pairs laid out one member a line.</summary>
        private static string Format(object value, string indent, string unit)
        {
            if (value is string s)
            {
                return Literal(s);
            }

            var pairs = new List<KeyValuePair<string, object>>((IEnumerable<KeyValuePair<string, object>>)value);
            if (pairs.Count == 0)
            {
                return "{}";
            }

            var sb = new StringBuilder("{");
            for (int i = 0; i < pairs.Count; i++)
            {
                sb.Append(i == 0 ? "\n" : ",\n").Append(indent).Append(unit).Append(Literal(pairs[i].Key)).Append(": ")
                    .Append(Format(pairs[i].Value, indent + unit, unit));
            }

            return sb.Append('\n').Append(indent).Append('}').ToString();
        }

        /// <summary>The whitespace that starts the line holding position <paramref name="at"/>.</summary>
        private static string LineIndent(string s, int at)
        {
            int start = s.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
            if (at == 0)
            {
                start = 0;
            }

            int end = start;
            while (end < s.Length && end < at && (s[end] == ' ' || s[end] == '\t'))
            {
                end++;
            }

            return s.Substring(start, end - start);
        }

        /// <summary>One level of indentation as the file uses it: the first member's, else a tab as the docker CLI writes.</summary>
        private static string IndentUnit(string json)
        {
            List<Member> members = Scan(json, out int open, out _);
            if (members.Count > 0 && json.IndexOf('\n', open, members[0].KeyStart - open) >= 0)
            {
                string indent = LineIndent(json, members[0].KeyStart);
                if (indent.Length > 0)
                {
                    return indent.Substring(LineIndent(json, open).Length > indent.Length ? 0 : LineIndent(json, open).Length);
                }
            }

            return "\t";
        }

        /// <summary>A JSON string literal, escaped as the docker CLI's encoder does for what matters.</summary>
        internal static string Literal(string value)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20)
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }

            return sb.Append('"').ToString();
        }

        private static List<Member> Scan(string s, out int open, out int close)
        {
            open = SkipWs(s, 0); // MiniJson already proved s is an object, so s[open] == '{'.
            return ScanObject(s, open, out close);
        }

        /// <summary>The members of the object whose '{' is at <paramref name="open"/>; <paramref name="close"/> is its '}'.</summary>
        private static List<Member> ScanObject(string s, int open, out int close)
        {
            var members = new List<Member>();
            int i = SkipWs(s, open + 1);
            while (s[i] != '}')
            {
                int keyStart = i;
                i = SkipString(s, i);
                string key = (string)MiniJson.Parse(s.Substring(keyStart, i - keyStart))!;
                i = SkipWs(s, i);
                i = SkipWs(s, i + 1); // ':'
                int valueStart = i;
                i = SkipValue(s, i);
                members.Add(new Member { KeyStart = keyStart, ValueStart = valueStart, ValueEnd = i, Key = key });
                i = SkipWs(s, i);
                if (s[i] == ',')
                {
                    i = SkipWs(s, i + 1);
                }
            }

            close = i;
            return members;
        }

        private static int SkipWs(string s, int i)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            return i;
        }

        private static int SkipString(string s, int i)
        {
            i++; // opening quote
            while (s[i] != '"')
            {
                i += s[i] == '\\' ? 2 : 1;
            }

            return i + 1;
        }

        private static int SkipValue(string s, int i)
        {
            char c = s[i];
            if (c == '"')
            {
                return SkipString(s, i);
            }

            if (c == '{' || c == '[')
            {
                int depth = 0;
                while (true)
                {
                    char d = s[i];
                    if (d == '"')
                    {
                        i = SkipString(s, i);
                        continue;
                    }

                    if (d == '{' || d == '[')
                    {
                        depth++;
                    }
                    else if (d == '}' || d == ']')
                    {
                        depth--;
                        if (depth == 0)
                        {
                            return i + 1;
                        }
                    }

                    i++;
                }
            }

            while (i < s.Length && ",}] \t\r\n".IndexOf(s[i]) < 0)
            {
                i++;
            }

            return i;
        }
    }
}
