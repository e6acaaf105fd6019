using System;
using System.Collections.Generic;
using System.Text;

namespace DockerPS.Compose
{
    /// <summary>
    /// Compose's variable syntax: $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error},
    /// ${VAR:+alt}, ${VAR+alt}, and $$ for a literal $. Defaults and alternatives may hold variables themselves.
    /// </summary>
    internal static class Interpolation
    {
        /// <summary>
        /// Fills in <paramref name="text"/>. <paramref name="lookup"/> answers null for an unset variable;
        /// <paramref name="unset"/> hears each unset variable used without a default. Throws ArgumentException for a
        /// :? / ? variable without a value and for malformed ${...}.
        /// </summary>
        public static string Apply(string text, Func<string, string?> lookup, Action<string>? unset = null)
        {
            if (text.IndexOf('$') < 0)
            {
                return text;
            }

            var sb = new StringBuilder(text.Length);
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c != '$' || i + 1 >= text.Length)
                {
                    sb.Append(c);
                    i++;
                    continue;
                }

                char next = text[i + 1];
                if (next == '$')
                {
                    sb.Append('$');
                    i += 2;
                }
                else if (next == '{')
                {
                    int end = MatchingBrace(text, i + 1);
                    if (end < 0)
                    {
                        throw new ArgumentException($"invalid interpolation format in \"{text}\": a '${{' has no closing '}}'.");
                    }

                    sb.Append(Expand(text.Substring(i + 2, end - i - 2), text, lookup, unset));
                    i = end + 1;
                }
                else if (IsNameStart(next))
                {
                    int j = i + 1;
                    while (j < text.Length && IsNameChar(text[j]))
                    {
                        j++;
                    }

                    string name = text.Substring(i + 1, j - i - 1);
                    string? value = lookup(name);
                    if (value == null)
                    {
                        unset?.Invoke(name);
                    }

                    sb.Append(value ?? string.Empty);
                    i = j;
                }
                else
                {
                    // A lone $ before anything else is kept, as compose does.
                    sb.Append(c);
                    i++;
                }
            }

            return sb.ToString();
        }

        private static string Expand(string body, string whole, Func<string, string?> lookup, Action<string>? unset)
        {
            int n = 0;
            while (n < body.Length && IsNameChar(body[n]))
            {
                n++;
            }

            string name = body.Substring(0, n);
            if (name.Length == 0 || !IsNameStart(name[0]))
            {
                throw new ArgumentException($"invalid interpolation format in \"{whole}\": '${{{body}}}' does not start with a variable name.");
            }

            string? value = lookup(name);
            if (n == body.Length)
            {
                if (value == null)
                {
                    unset?.Invoke(name);
                }

                return value ?? string.Empty;
            }

            bool colon = body[n] == ':';
            int op = colon ? n + 1 : n;
            if (op >= body.Length)
            {
                throw new ArgumentException($"invalid interpolation format in \"{whole}\": '${{{body}}}'.");
            }

            string rest = body.Substring(op + 1);
            // With ':' an empty value counts as unset (${VAR:-x}); without, only a missing variable does (${VAR-x}).
            bool missing = value == null || (colon && value.Length == 0);
            switch (body[op])
            {
                case '-':
                    return missing ? Apply(rest, lookup, unset) : value!;
                case '+':
                    return missing ? string.Empty : Apply(rest, lookup, unset);
                case '?':
                    if (missing)
                    {
                        string why = Apply(rest, lookup, unset);
                        throw new MissingVariableException(name, why);
                    }

                    return value!;
                default:
                    throw new ArgumentException($"invalid interpolation format in \"{whole}\": '${{{body}}}' (after the name comes :-, -, :?, ?, :+ or +).");
            }
        }

        private static int MatchingBrace(string text, int open)
        {
            int depth = 0;
            for (int i = open; i < text.Length; i++)
            {
                if (text[i] == '{')
                {
                    depth++;
                }
                else if (text[i] == '}' && --depth == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsNameStart(char c) => c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

        private static bool IsNameChar(char c) => IsNameStart(c) || (c >= '0' && c <= '9');
    }

    /// <summary>${VAR:?message} with VAR unset or empty.</summary>
    internal sealed class MissingVariableException : ArgumentException
    {
        public MissingVariableException(string name, string why)
            : base($"required variable {name} is missing a value" + (why.Length > 0 ? ": " + why : string.Empty))
        {
            Name = name;
        }

        public string Name { get; }
    }

    /// <summary>A project's .env file: KEY=VALUE lines, # comments, optional export, single or double quotes.</summary>
    internal static class DotEnv
    {
        public static Dictionary<string, string> Parse(string text, string file, Func<string, string?> lookup)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            for (int n = 0; n < lines.Length; n++)
            {
                string line = lines[n].Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (line.StartsWith("export ", StringComparison.Ordinal))
                {
                    line = line.Substring(7).TrimStart();
                }

                int eq = line.IndexOf('=');
                string key = (eq < 0 ? line : line.Substring(0, eq)).Trim();
                if (key.Length == 0 || key.IndexOf(' ') >= 0)
                {
                    throw new ComposeFileException($"'{lines[n].Trim()}' is not KEY=VALUE.", file, n + 1, null);
                }

                if (eq < 0)
                {
                    continue; // a bare KEY sets nothing
                }

                string raw = line.Substring(eq + 1).Trim();
                string value;
                if (raw.Length >= 2 && raw[0] == '\'' && raw[raw.Length - 1] == '\'')
                {
                    value = raw.Substring(1, raw.Length - 2); // single quotes: literal
                }
                else if (raw.Length >= 2 && raw[0] == '"' && raw[raw.Length - 1] == '"')
                {
                    value = raw.Substring(1, raw.Length - 2).Replace("\\n", "\n").Replace("\\\"", "\"");
                    value = Interpolate(value, result, lookup);
                }
                else
                {
                    int hash = raw.IndexOf(" #", StringComparison.Ordinal);
                    value = Interpolate((hash >= 0 ? raw.Substring(0, hash) : raw).TrimEnd(), result, lookup);
                }

                result[key] = value;
            }

            return result;
        }

        // Later lines may use earlier ones (and the environment), as compose v2 reads .env.
        private static string Interpolate(string value, Dictionary<string, string> sofar, Func<string, string?> lookup) =>
            Interpolation.Apply(value, k => lookup(k) ?? (sofar.TryGetValue(k, out string? v) ? v : null));
    }
}
