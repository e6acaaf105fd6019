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

    /// <summary>Environment from a hashtable (@{ MODE = 'prod' }) or KEY=VALUE strings; a bare KEY takes this process's value, as docker -e KEY does.</summary>
    internal static class EnvironmentSpec
    {
        public static List<string> Parse(object? value, Func<string, string?> getLocal)
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
                        string key = Key(Convert.ToString(e.Key is PSObject pk ? pk.BaseObject : e.Key, CultureInfo.InvariantCulture));
                        object? item = e.Value is PSObject pv ? pv.BaseObject : e.Value;
                        result.Add(key + "=" + Convert.ToString(item, CultureInfo.InvariantCulture));
                    }

                    result.Sort(StringComparer.Ordinal);
                    return result;
                case string s:
                    AddText(result, s, getLocal);
                    return result;
                case IEnumerable list:
                    foreach (object? item in list)
                    {
                        result.AddRange(Parse(item, getLocal));
                    }

                    return result;
                default:
                    AddText(result, Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty, getLocal);
                    return result;
            }
        }

        private static void AddText(List<string> result, string text, Func<string, string?> getLocal)
        {
            int eq = text.IndexOf('=');
            if (eq < 0)
            {
                string key = Key(text);
                string? local = getLocal(key);
                if (local != null)
                {
                    result.Add(key + "=" + local);
                }

                return;
            }

            result.Add(Key(text.Substring(0, eq)) + text.Substring(eq));
        }

        private static string Key(string? key)
        {
            if (string.IsNullOrWhiteSpace(key) || key!.IndexOfAny(new[] { '=', '\0' }) >= 0 || key.Trim() != key)
            {
                throw new ArgumentException($"'{key}' is not an environment variable name.");
            }

            return key;
        }
    }

    /// <summary>Labels from a hashtable or key=value strings.</summary>
    internal static class LabelSpec
    {
        public static Dictionary<string, string> Parse(object? value)
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in EnvironmentSpec.Parse(value, _ => string.Empty))
            {
                int eq = pair.IndexOf('=');
                labels[pair.Substring(0, eq)] = pair.Substring(eq + 1);
            }

            return labels;
        }
    }
}
