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
            var members = new List<Member>();
            int i = SkipWs(s, 0);
            open = i; // MiniJson already proved s is an object, so s[i] == '{'.
            i = SkipWs(s, i + 1);
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
