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

    /// <summary>
    /// Go's time.ParseDuration, which the docker CLI uses for every duration flag: [-+]?([0-9]*(\.[0-9]*)?unit)+ with
    /// units ns, us, µs, μs, ms, s, m, h (case-sensitive, no days, no spaces), or "0". Precision is 100 ns (a tick).
    /// </summary>
    internal static class GoDuration
    {
        private const ulong MaxNanos = 1UL << 63;

        public static bool TryParse(string text, out TimeSpan value, out string? error)
        {
            value = default;
            error = null;
            string s = text ?? string.Empty;
            bool negative = false;
            if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
            {
                negative = s[0] == '-';
                s = s.Substring(1);
            }

            if (s == "0")
            {
                return true;
            }

            if (s.Length == 0)
            {
                error = "it is not a duration";
                return false;
            }

            ulong total = 0;
            int i = 0;
            while (i < s.Length)
            {
                if (!(s[i] == '.' || IsDigit(s[i])))
                {
                    error = "it is not a duration";
                    return false;
                }

                ulong whole = 0;
                int start = i;
                for (; i < s.Length && IsDigit(s[i]); i++)
                {
                    if (whole > (MaxNanos - 10) / 10)
                    {
                        error = "the duration is too long";
                        return false;
                    }

                    whole = whole * 10 + (ulong)(s[i] - '0');
                }

                bool pre = i != start;
                decimal fraction = 0;
                bool post = false;
                if (i < s.Length && s[i] == '.')
                {
                    i++;
                    decimal scale = 0.1m;
                    int fstart = i;
                    for (; i < s.Length && IsDigit(s[i]); i++)
                    {
                        if (scale > 0.0000000000000000001m)
                        {
                            fraction += (s[i] - '0') * scale;
                            scale /= 10;
                        }
                    }

                    post = i != fstart;
                }

                if (!pre && !post)
                {
                    error = "it is not a duration";
                    return false;
                }

                int ustart = i;
                for (; i < s.Length && s[i] != '.' && !IsDigit(s[i]); i++)
                {
                }

                if (i == ustart)
                {
                    error = "a number has no unit (ns, us, ms, s, m or h)";
                    return false;
                }

                ulong unit;
                switch (s.Substring(ustart, i - ustart))
                {
                    case "ns": unit = 1; break;
                    case "us": case "\u00b5s": case "\u03bcs": unit = 1_000; break;
                    case "ms": unit = 1_000_000; break;
                    case "s": unit = 1_000_000_000; break;
                    case "m": unit = 60_000_000_000; break;
                    case "h": unit = 3_600_000_000_000; break;
                    default:
                        error = $"'{s.Substring(ustart, i - ustart)}' is not a duration unit (ns, us, ms, s, m or h; there are no days)";
                        return false;
                }

                if (whole > MaxNanos / unit)
                {
                    error = "the duration is too long";
                    return false;
                }

                ulong part = whole * unit + (ulong)(fraction * unit);
                total += part;
                if (part > MaxNanos || total > MaxNanos)
                {
                    error = "the duration is too long";
                    return false;
                }
            }

            if (!negative && total > MaxNanos - 1)
            {
                error = "the duration is too long";
                return false;
            }

            long ticks = (long)(total / 100);
            value = TimeSpan.FromTicks(negative ? -ticks : ticks);
            return true;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
    }

    /// <summary>
    /// How a number given to a docker argument is read. PowerShell 7 reads some typed docker words as number literals:
    /// 30s is the Int16 30, 10us the UInt16 10, 2d the Decimal 2, 10y the SByte 10, 10uy the Byte 10.
    /// </summary>
    internal static class NumberArgument
    {
        /// <summary>An ordinary number (Int32, Int64, UInt32, UInt64, Double, Single): what PowerShell makes of plain digits and of 512MB.</summary>
        public static bool IsPlain(object? v) => v is int || v is long || v is uint || v is ulong || v is double || v is float;

        /// <summary>A number PowerShell made from a letter suffix that docker does not use (2d, 10y, 10uy, 5n), or null.</summary>
        public static string? Suffixed(object? v) => v switch
        {
            decimal d => $"PowerShell reads {d.ToString(CultureInfo.InvariantCulture)}d as the decimal number {d.ToString(CultureInfo.InvariantCulture)}",
            sbyte b => $"PowerShell reads {b.ToString(CultureInfo.InvariantCulture)}y as the number {b.ToString(CultureInfo.InvariantCulture)}",
            byte b => $"PowerShell reads {b.ToString(CultureInfo.InvariantCulture)}uy as the number {b.ToString(CultureInfo.InvariantCulture)}",
            System.Numerics.BigInteger n => $"PowerShell reads {n}n as the number {n}",
            _ => null,
        };

        public static double ToDouble(object v) => Convert.ToDouble(v, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Durations: a TimeSpan; a number of seconds (PowerShell 7 reads 30s as the number 30 and 10us as 10, which
    /// mean what they say); text as docker takes it (Go durations: 1m30s, 500ms, 2h, 0) or as TimeSpan text
    /// (00:01:30, 1.00:00:00). Negative durations and text without a unit ('30') are refused.
    /// </summary>
    internal static class DurationSpec
    {
        public static TimeSpan Parse(object? value)
        {
            object? v = value is PSObject p ? p.BaseObject : value;
            switch (v)
            {
                case TimeSpan span:
                    return Check(span, v);
                case short seconds:
                    return Check(TimeSpan.FromSeconds(seconds), v);
                case ushort micros:
                    return Check(TimeSpan.FromTicks(micros * 10L), v);
                case string text:
                    string t = text.Trim();
                    if (GoDuration.TryParse(t, out TimeSpan go, out string? why))
                    {
                        return Check(go, text);
                    }

                    if (t.IndexOf(':') > 0 && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out TimeSpan parsed))
                    {
                        return Check(parsed, text);
                    }

                    throw new ArgumentException($"'{text}' is not a duration ({why}); write it as docker does, such as 30s, 1m30s, 500ms or 2h, or as 00:01:30.");
                default:
                    if (NumberArgument.Suffixed(v) is string suffixed)
                    {
                        throw new ArgumentException($"{suffixed}, which is not a duration; write it as docker does, such as 30s, 1m30s or 48h (there are no days).");
                    }

                    if (NumberArgument.IsPlain(v))
                    {
                        double seconds = NumberArgument.ToDouble(v!);
                        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds) > TimeSpan.MaxValue.TotalSeconds)
                        {
                            throw new ArgumentException($"{seconds.ToString(CultureInfo.InvariantCulture)} seconds is not a duration.");
                        }

                        return Check(TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond)), v);
                    }

                    break;
            }

            throw new ArgumentException($"'{v}' is not a duration; give a TimeSpan, a number of seconds, or text such as 30s, 1m30s, 500ms or 00:01:30.");
        }

        private static TimeSpan Check(TimeSpan span, object? value) =>
            span < TimeSpan.Zero ? throw new ArgumentException($"The duration '{value}' is negative.") : span;
    }

    /// <summary>
    /// Byte sizes as docker's RAMInBytes reads them (every memory and shm size flag of the CLI): a number, an optional
    /// space, and an optional unit k, m, g, t or p (powers of 1024), optionally followed by b or ib, case-insensitive;
    /// or b alone. Numbers given as numbers are bytes (PowerShell's 512MB is 536870912).
    /// </summary>
    internal static class ByteSizeSpec
    {
        public static long Parse(object? value, bool minusOneIsUnlimited = false)
        {
            object? v = value is PSObject p ? p.BaseObject : value;
            switch (v)
            {
                case string text:
                    if (minusOneIsUnlimited && text.Trim() == "-1")
                    {
                        return -1;
                    }

                    return ParseText(text);
                case short _:
                case ushort _:
                    throw new ArgumentException($"PowerShell reads {v}{(v is short ? "s" : "us")} as the number {v}, which is not a size; write the size as docker does, such as 512m or 1g, or as PowerShell does, such as 512MB.");
                default:
                    if (NumberArgument.Suffixed(v) is string suffixed)
                    {
                        throw new ArgumentException($"{suffixed}, which is not a size; write the size as docker does, such as 512m or 1g, or as PowerShell does, such as 512MB.");
                    }

                    if (NumberArgument.IsPlain(v))
                    {
                        double bytes = NumberArgument.ToDouble(v!);
                        if (minusOneIsUnlimited && bytes == -1)
                        {
                            return -1;
                        }

                        if (double.IsNaN(bytes) || bytes < 0 || bytes >= 9.2233720368547758E18)
                        {
                            throw new ArgumentException($"{bytes.ToString(CultureInfo.InvariantCulture)} is not a size in bytes{(minusOneIsUnlimited ? " (-1 means unlimited)" : string.Empty)}.");
                        }

                        return (long)bytes;
                    }

                    break;
            }

            throw new ArgumentException($"'{v}' is not a size; give a number of bytes or text such as 512m or 1g.");
        }

        /// <summary>RAMInBytes: the number ends at the last digit, dot or space; a space before the unit is left out.</summary>
        public static long ParseText(string text)
        {
            string s = text ?? string.Empty;
            int sep = s.LastIndexOfAny("0123456789. ".ToCharArray());
            if (sep < 0)
            {
                throw Bad(text, "there is no number");
            }

            string number = s[sep] == ' ' ? s.Substring(0, sep) : s.Substring(0, sep + 1);
            string suffix = s.Substring(sep + 1).ToLowerInvariant();
            if (!TryParseFloat(number, out double size))
            {
                throw Bad(text, "the number is not valid");
            }

            if (size < 0)
            {
                throw Bad(text, "it is negative");
            }

            if (suffix.Length > 0)
            {
                long multiplier = suffix[0] switch
                {
                    'b' => 1,
                    'k' => 1L << 10,
                    'm' => 1L << 20,
                    'g' => 1L << 30,
                    't' => 1L << 40,
                    'p' => 1L << 50,
                    _ => 0,
                };
                bool rest = suffix.Length == 1 || (suffix[0] != 'b' && (suffix.Substring(1) == "b" || suffix.Substring(1) == "ib"));
                if (multiplier == 0 || !rest)
                {
                    throw Bad(text, $"'{s.Substring(sep + 1)}' is not a unit (k, m, g, t or p, with an optional b or ib)");
                }

                size *= multiplier;
            }

            if (size >= 9.2233720368547758E18)
            {
                throw Bad(text, "it is too large");
            }

            return (long)size;
        }

        /// <summary>Go's strconv.ParseFloat for what can reach it here: sign, digits, one dot, exponent.</summary>
        private static bool TryParseFloat(string number, out double value)
        {
            value = 0;
            if (number.Length == 0 || number.IndexOf(' ') >= 0)
            {
                return false;
            }

            return double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
                && !double.IsInfinity(value);
        }

        private static ArgumentException Bad(string? text, string why) =>
            new ArgumentException($"'{text}' is not a size ({why}); write a number with an optional unit, as docker does: 512m, 1g, 100k, 1.5GiB.");
    }

    /// <summary>
    /// Environment from a hashtable (@{ MODE = 'prod' }) or KEY=VALUE strings. A bare KEY takes this process's value,
    /// as docker -e KEY does; when the process has none, the bare name goes to the engine, as docker sends it.
    /// </summary>
    internal static class EnvironmentSpec
    {
        public static List<string> Parse(object? value, Func<string, string?> getLocal) =>
            PairSpec.Parse(value, key => getLocal(key) is string local ? key + "=" + local : key, "environment variable", nullIsBare: true);

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

    /// <summary>key=value arguments as the Hashtable a parameter binds: dictionaries, 'key=value' strings, arrays of either.</summary>
    internal static class KeyValueMap
    {
        public static Hashtable ToHashtable(object value, Arguments.BareKey bareKey, string what)
        {
            var map = new Hashtable(StringComparer.Ordinal);
            Add(map, value, bareKey, what);
            return map;
        }

        private static void Add(Hashtable map, object? value, Arguments.BareKey bareKey, string what)
        {
            object? v = value is PSObject p ? p.BaseObject : value;
            switch (v)
            {
                case null:
                    return;
                case IDictionary table:
                    foreach (DictionaryEntry e in table)
                    {
                        string? key = Convert.ToString(e.Key is PSObject pk ? pk.BaseObject : e.Key, CultureInfo.InvariantCulture);
                        if (string.IsNullOrEmpty(key))
                        {
                            throw new ArgumentException($"A {what} name is empty.");
                        }

                        map[key!] = e.Value is PSObject pv ? pv.BaseObject : e.Value;
                    }

                    return;
                case string s:
                    Text(map, s, bareKey, what);
                    return;
                case IEnumerable list:
                    foreach (object? item in list)
                    {
                        Add(map, item, bareKey, what);
                    }

                    return;
                default:
                    Text(map, Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty, bareKey, what);
                    return;
            }
        }

        private static void Text(Hashtable map, string text, Arguments.BareKey bareKey, string what)
        {
            int eq = text.IndexOf('=');
            string key = eq < 0 ? text : text.Substring(0, eq);
            if (key.Length == 0 || key.Trim() != key || key.IndexOfAny(new[] { ' ', '\t', '\0' }) >= 0)
            {
                throw new ArgumentException($"'{text}' is not {what}=value: '{key}' is not a valid {what} name.");
            }

            if (eq >= 0)
            {
                map[key] = text.Substring(eq + 1);
                return;
            }

            switch (bareKey)
            {
                case Arguments.BareKey.Empty:
                    map[key] = string.Empty;
                    break;
                case Arguments.BareKey.FromEnvironment:
                    map[key] = System.Environment.GetEnvironmentVariable(key);
                    break;
                default:
                    throw new ArgumentException($"The {what} '{text}' has no value; write {text}=value.");
            }
        }
    }

    /// <summary>The KEY=VALUE lists docker takes: hashtables, strings, arrays of either, and files of lines.</summary>
    internal static class PairSpec
    {
        /// <param name="bare">What a string without '=' becomes.</param>
        /// <param name="what">The kind of name, for messages: "environment variable", "label".</param>
        /// <param name="nullIsBare">Whether a dictionary entry whose value is $null is a bare name (the environment's KEY).</param>
        public static List<string> Parse(object? value, Func<string, string> bare, string what, bool nullIsBare = false)
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
                        result.Add(item == null && nullIsBare ? bare(key) : key + "=" + Convert.ToString(item, CultureInfo.InvariantCulture));
                    }

                    result.Sort(StringComparer.Ordinal);
                    return result;
                case string s:
                    result.Add(Text(s, bare, what));
                    return result;
                case IEnumerable list:
                    foreach (object? item in list)
                    {
                        result.AddRange(Parse(item, bare, what, nullIsBare));
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
