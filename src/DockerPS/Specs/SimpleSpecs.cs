using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace DockerPS.Specs
{
    /// <summary>no | always | unless-stopped | on-failure[:max-retries].</summary>
    internal static class RestartPolicySpec
    {
        public static (string Name, long MaximumRetryCount) Parse(string text)
        {
            string t = (text ?? string.Empty).Trim().ToLowerInvariant();
            string name = t;
            long retries = 0;
            int colon = t.IndexOf(':');
            if (colon >= 0)
            {
                name = t.Substring(0, colon);
                if (name != "on-failure" || !long.TryParse(t.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out retries))
                {
                    throw Bad(text);
                }
            }

            if (name != "no" && name != "always" && name != "unless-stopped" && name != "on-failure")
            {
                throw Bad(text);
            }

            return (name, retries);
        }

        private static ArgumentException Bad(string? text) =>
            new ArgumentException($"The restart policy '{text}' is not valid; use no, always, unless-stopped or on-failure[:max-retries].");
    }

    /// <summary>Durations as docker writes them (1m30s, 500ms, 2h) or as TimeSpan text (00:01:30).</summary>
    internal static class DurationSpec
    {
        private static readonly Regex s_go = new Regex(@"^(?:(\d+(?:\.\d+)?)(h|m|s|ms|us|µs|ns))+$", RegexOptions.CultureInvariant);
        private static readonly Regex s_part = new Regex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)", RegexOptions.CultureInvariant);

        public static TimeSpan Parse(object? value)
        {
            switch (value is PSObject p ? p.BaseObject : value)
            {
                case TimeSpan span:
                    return Check(span, value);
                // Numbers are seconds. PowerShell 7 reads a bare 30s as the Int16 literal 30, which fits.
                case sbyte _:
                case byte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                case ulong _:
                case float _:
                case double _:
                case decimal _:
                    return Check(TimeSpan.FromSeconds(Convert.ToDouble((value is PSObject boxed ? boxed.BaseObject : value)!, CultureInfo.InvariantCulture)), value);
                case string text:
                    string t = text.Trim();
                    if (s_go.IsMatch(t))
                    {
                        double ticks = 0;
                        foreach (Match m in s_part.Matches(t))
                        {
                            double n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                            ticks += m.Groups[2].Value switch
                            {
                                "h" => n * TimeSpan.TicksPerHour,
                                "m" => n * TimeSpan.TicksPerMinute,
                                "s" => n * TimeSpan.TicksPerSecond,
                                "ms" => n * TimeSpan.TicksPerMillisecond,
                                "us" or "µs" => n * 10,
                                _ => n / 100,
                            };
                        }

                        return Check(TimeSpan.FromTicks((long)ticks), value);
                    }

                    if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out TimeSpan parsed))
                    {
                        return Check(parsed, value);
                    }

                    break;
            }

            throw new ArgumentException($"'{value}' is not a duration; write 30s, 1m30s, 500ms or 00:01:30.");
        }

        private static TimeSpan Check(TimeSpan span, object? value) =>
            span < TimeSpan.Zero ? throw new ArgumentException($"The duration '{value}' is negative.") : span;
    }

    /// <summary>
    /// Environment from a hashtable (@{ MODE = 'prod' }) or KEY=VALUE strings. A bare KEY takes this process's value,
    /// as docker -e KEY does; when the process has none, the bare name goes to the engine, as docker sends it.
    /// </summary>
    internal static class EnvironmentSpec
    {
        public static List<string> Parse(object? value, Func<string, string?> getLocal) =>
            PairSpec.Parse(value, key => getLocal(key) is string local ? key + "=" + local : key, "environment variable");

        /// <summary>docker --env-file: one KEY=VALUE a line; blank lines and # comments are skipped; a bare KEY as with -e.</summary>
        public static List<string> ParseFile(string path, string text, Func<string, string?> getLocal) =>
            PairSpec.ParseFile(path, text, key => getLocal(key) is string local ? key + "=" + local : key, "environment variable");
    }

    /// <summary>Labels from a hashtable or key=value strings; a bare key is an empty label, as with docker -l.</summary>
    internal static class LabelSpec
    {
        public static Dictionary<string, string> Parse(object? value) => ToMap(PairSpec.Parse(value, key => key + "=", "label"));

        /// <summary>docker --label-file: one key=value a line; blank lines and # comments are skipped.</summary>
        public static Dictionary<string, string> ParseFile(string path, string text) => ToMap(PairSpec.ParseFile(path, text, key => key + "=", "label"));

        internal static Dictionary<string, string> ToMap(IEnumerable<string> pairs)
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in pairs)
            {
                int eq = pair.IndexOf('=');
                labels[pair.Substring(0, eq)] = pair.Substring(eq + 1);
            }

            return labels;
        }
    }

    /// <summary>key=value options as a map (docker --log-opt, --sysctl, --storage-opt), from a hashtable or strings.</summary>
    internal static class OptionMapSpec
    {
        public static Dictionary<string, string> Parse(object? value, string what)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in PairSpec.Parse(value, key => throw new ArgumentException($"The {what} '{key}' has no value; write {key}=value."), what))
            {
                int eq = pair.IndexOf('=');
                map[pair.Substring(0, eq)] = pair.Substring(eq + 1);
            }

            return map;
        }
    }

    /// <summary>The KEY=VALUE lists docker takes: hashtables, strings, arrays of either, and files of lines.</summary>
    internal static class PairSpec
    {
        /// <param name="bare">What a string without '=' becomes.</param>
        /// <param name="what">The kind of name, for messages: "environment variable", "label".</param>
        public static List<string> Parse(object? value, Func<string, string> bare, string what)
        {
            var result = new List<string>();
            object? v = value is PSObject p ? p.BaseObject : value;
            switch (v)
            {
                case null:
                    return result;
                case IDictionary table:
                    foreach (DictionaryEntry e in table)
                    {
                        string key = Key(Convert.ToString(e.Key is PSObject pk ? pk.BaseObject : e.Key, CultureInfo.InvariantCulture), what);
                        object? item = e.Value is PSObject pv ? pv.BaseObject : e.Value;
                        result.Add(key + "=" + Convert.ToString(item, CultureInfo.InvariantCulture));
                    }

                    result.Sort(StringComparer.Ordinal);
                    return result;
                case string s:
                    result.Add(Text(s, bare, what));
                    return result;
                case IEnumerable list:
                    foreach (object? item in list)
                    {
                        result.AddRange(Parse(item, bare, what));
                    }

                    return result;
                default:
                    result.Add(Text(Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty, bare, what));
                    return result;
            }
        }

        public static List<string> ParseFile(string path, string text, Func<string, string> bare, string what)
        {
            var result = new List<string>();
            int number = 0;
            foreach (string raw in text.Split('\n'))
            {
                number++;
                string line = raw.TrimEnd('\r').TrimStart();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                try
                {
                    result.Add(Text(line, bare, what));
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"{path}, line {number}: {e.Message}", e);
                }
            }

            return result;
        }

        private static string Text(string text, Func<string, string> bare, string what)
        {
            int eq = text.IndexOf('=');
            return eq < 0 ? bare(Key(text, what)) : Key(text.Substring(0, eq), what) + text.Substring(eq);
        }

        private static string Key(string? key, string what)
        {
            if (string.IsNullOrWhiteSpace(key) || key!.IndexOfAny(new[] { '=', '\0' }) >= 0 || key.Trim() != key || key.IndexOfAny(new[] { ' ', '\t' }) >= 0)
            {
                throw new ArgumentException($"'{key}' is not a valid {what} name.");
            }

            return key;
        }
    }
}
