using System;
using System.Globalization;
using System.Management.Automation;

namespace DockerPS.Streams
{
    /// <summary>
    /// Points in time (-Since/-Until, the prune filter until) with docker's rules (GetTimestamp in the engine's API
    /// types, which the CLI and the engine's prune use): a Go duration (10m, 1h30m, 1.5h, -5m; not 0) is that long
    /// before now; text with a dash or T is RFC 3339 (2006-01-02, 2006-01-02T15, 2006-01-02T15:04,
    /// 2006-01-02T15:04:05, each with an optional fraction and an optional Z or ±hh:mm zone; without a zone it is
    /// local time); other text is unix seconds with an optional fraction (1700000000, 1700000000.123456789).
    /// From PowerShell: a DateTime or DateTimeOffset is that time, a TimeSpan that long ago, a number unix seconds.
    /// Engines take unix seconds; the precision here is 100 ns (a DateTime tick).
    /// </summary>
    internal static class TimeArgument
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>The point in time <paramref name="value"/> names, in UTC. Throws ArgumentException for anything else.</summary>
        public static DateTime ToUtc(object value, DateTime utcNow)
        {
            object v = value is PSObject pso ? pso.BaseObject : value;
            switch (v)
            {
                case DateTime dt:
                    return dt.Kind == DateTimeKind.Utc ? dt : dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Local).ToUniversalTime();
                case DateTimeOffset dto:
                    return dto.UtcDateTime;
                case TimeSpan ts:
                    return Before(utcNow, ts.Duration(), v);
                case string s:
                    return Parse(s, utcNow);
                // PowerShell 7 reads a typed 30s as the Int16 30 and 10us as the UInt16 10: docker durations.
                case short seconds:
                    return Before(utcNow, TimeSpan.FromSeconds(seconds), v);
                case ushort micros:
                    return Before(utcNow, TimeSpan.FromTicks(micros * 10L), v);
                default:
                    if (Specs.NumberArgument.Suffixed(v) is string suffixed)
                    {
                        throw new ArgumentException($"{suffixed}, which is not a time; docker durations have no days: write 48h for two days.");
                    }

                    if (Specs.NumberArgument.IsPlain(v))
                    {
                        double seconds = Specs.NumberArgument.ToDouble(v);
                        if (double.IsNaN(seconds) || seconds < 0 || seconds > 253402300799)
                        {
                            throw new ArgumentException($"{seconds.ToString(CultureInfo.InvariantCulture)} is not a time in unix seconds.");
                        }

                        return Epoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
                    }

                    throw new ArgumentException($"'{v}' is not a time: give a DateTime, a TimeSpan, unix seconds, a timestamp such as 2024-05-01T10:00:00Z, or a duration such as 10m or 1h30m.");
            }
        }

        /// <summary>
        /// Unix seconds with nanosecond fraction, as the engine's since/until take them. Unix time 0 goes as "0", the
        /// text docker sends for --until 0, which the engine reads as no limit.
        /// </summary>
        public static string ToUnixSeconds(DateTime utc)
        {
            long ticks = utc.Ticks - Epoch.Ticks;
            if (ticks == 0)
            {
                return "0";
            }

            long seconds = ticks / TimeSpan.TicksPerSecond;
            long nanos = ticks % TimeSpan.TicksPerSecond * 100;
            if (nanos < 0)
            {
                seconds--;
                nanos += 1_000_000_000;
            }

            return seconds.ToString(CultureInfo.InvariantCulture) + "." + nanos.ToString("000000000", CultureInfo.InvariantCulture);
        }

        private static DateTime Before(DateTime utcNow, TimeSpan span, object value)
        {
            try
            {
                return utcNow - span;
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new ArgumentException($"'{value}' reaches outside the times a DateTime holds.");
            }
        }

        /// <summary>docker's GetTimestamp, in its order: duration, then RFC 3339 forms, then unix seconds.</summary>
        internal static DateTime Parse(string s, DateTime utcNow)
        {
            if (s != "0" && Specs.GoDuration.TryParse(s, out TimeSpan duration, out string? _))
            {
                return Before(utcNow, duration, s);
            }

            // As docker decides: a Z, a + or three dashes name the zone; otherwise the time is local.
            bool zoned = s.IndexOfAny(new[] { 'z', 'Z', '+' }) >= 0 || Count(s, '-') == 3;
            if (TryRfc3339(s, zoned, utcNow, out DateTime utc, out string? why))
            {
                return utc;
            }

            if (s.IndexOf('-') >= 0)
            {
                throw new ArgumentException($"'{s}' is not a time: {why}; write it as 2024-05-01, 2024-05-01T10:00:00, 2024-05-01T10:00:00.5Z or 2024-05-01T10:00:00+02:00.");
            }

            if (TryUnixSeconds(s, out utc))
            {
                return utc;
            }

            throw new ArgumentException($"'{s}' is not a time or a duration: write a duration such as 10m, 1h30m or 1.5h (units ns, us, ms, s, m, h; no days), a timestamp such as 2024-05-01T10:00:00Z, or unix seconds such as 1700000000.");
        }

        /// <summary>
        /// The layouts GetTimestamp picks: with a dot, RFC 3339 with fraction; with a T, by the colons after it
        /// (15, 15:04, 15:04:05); otherwise a date. Zoned text must end in Z or ±hh:mm; local text must have no zone.
        /// </summary>
        private static bool TryRfc3339(string s, bool zoned, DateTime utcNow, out DateTime utc, out string? why)
        {
            utc = default;
            why = "it does not match 2006-01-02T15:04:05Z07:00";
            int colons = Count(s, ':');
            bool hasDot = s.IndexOf('.') >= 0;
            bool hasT = s.IndexOf('T') >= 0;
            if (zoned && s.IndexOfAny(new[] { 'z', 'Z' }) < 0 && colons > 0)
            {
                colons--; // the zone's own colon
            }

            // fields: 0 date only, 1 hour, 2 hour:minute, 3 hour:minute:second (a fraction may follow seconds)
            int fields = hasDot ? 3 : hasT ? (colons == 0 ? 1 : colons == 1 ? 2 : 3) : 0;
            int i = 0;
            if (!Fixed(s, ref i, 4, out int year) || !Literal(s, ref i, '-') || !Fixed(s, ref i, 2, out int month) || !Literal(s, ref i, '-') || !Fixed(s, ref i, 2, out int day))
            {
                return false;
            }

            int hour = 0, minute = 0, second = 0;
            long fraction = 0;
            if (fields >= 1)
            {
                if (!Literal(s, ref i, 'T') || !Hour(s, ref i, out hour))
                {
                    return false;
                }

                if (fields >= 2 && (!Literal(s, ref i, ':') || !Fixed(s, ref i, 2, out minute)))
                {
                    return false;
                }

                if (fields >= 3 && (!Literal(s, ref i, ':') || !Fixed(s, ref i, 2, out second)))
                {
                    return false;
                }

                // Go reads a fraction after the seconds, with a dot or a comma, whatever the layout.
                if (fields == 3 && i + 1 < s.Length && (s[i] == '.' || s[i] == ',') && s[i + 1] >= '0' && s[i + 1] <= '9')
                {
                    i++;
                    long scale = TimeSpan.TicksPerSecond / 10;
                    for (; i < s.Length && s[i] >= '0' && s[i] <= '9'; i++)
                    {
                        fraction += (s[i] - '0') * scale;
                        scale /= 10;
                    }
                }
            }

            TimeSpan offset;
            if (zoned)
            {
                if (i < s.Length && s[i] == 'Z')
                {
                    i++;
                    offset = TimeSpan.Zero;
                }
                else if (i + 6 <= s.Length && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':')
                {
                    int sign = s[i] == '-' ? -1 : 1;
                    i++;
                    if (!Fixed(s, ref i, 2, out int oh) || !Literal(s, ref i, ':') || !Fixed(s, ref i, 2, out int om) || oh > 24 || om > 60)
                    {
                        return false;
                    }

                    offset = TimeSpan.FromMinutes(sign * (oh * 60 + om));
                }
                else
                {
                    why = "its zone is not Z or ±hh:mm";
                    return false;
                }
            }
            else
            {
                // docker reads local times in the zone's offset of now (time.FixedZone(reference.Zone())).
                offset = TimeZoneInfo.Local.GetUtcOffset(utcNow);
            }

            if (i != s.Length)
            {
                why = $"'{s.Substring(i)}' is left over";
                return false;
            }

            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || year < 1 || hour > 23 || minute > 59 || second > 59)
            {
                why = "a field is out of range";
                return false;
            }

            try
            {
                utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction) - offset;
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                why = "it is outside the times a DateTime holds";
                return false;
            }
        }

        /// <summary>What docker passes through as it is: [+]seconds[.fraction], digits only; a fraction is cut at nanoseconds.</summary>
        private static bool TryUnixSeconds(string s, out DateTime utc)
        {
            utc = default;
            int dot = s.IndexOf('.');
            string whole = dot < 0 ? s : s.Substring(0, dot);
            string fraction = dot < 0 ? string.Empty : s.Substring(dot + 1);
            if (whole.StartsWith("+", StringComparison.Ordinal))
            {
                whole = whole.Substring(1);
            }

            if (!AllDigits(whole) || (dot >= 0 && !AllDigits(fraction)) || whole.Length > 18 || fraction.Length > 18)
            {
                return false;
            }

            long seconds = long.Parse(whole, CultureInfo.InvariantCulture);
            long ticks = 0;
            long scale = TimeSpan.TicksPerSecond / 10;
            foreach (char c in fraction)
            {
                ticks += (c - '0') * scale;
                scale /= 10;
            }

            if (seconds > 253402300799)
            {
                return false;
            }

            utc = Epoch.AddTicks(seconds * TimeSpan.TicksPerSecond + ticks);
            return true;
        }

        private static bool AllDigits(string s)
        {
            if (s.Length == 0)
            {
                return false;
            }

            foreach (char c in s)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static int Count(string s, char c)
        {
            int n = 0;
            foreach (char x in s)
            {
                if (x == c)
                {
                    n++;
                }
            }

            return n;
        }

        private static bool Literal(string s, ref int i, char c)
        {
            if (i < s.Length && s[i] == c)
            {
                i++;
                return true;
            }

            return false;
        }

        private static bool Fixed(string s, ref int i, int count, out int value)
        {
            value = 0;
            if (i + count > s.Length || !Digits(s, i, count, out value))
            {
                return false;
            }

            i += count;
            return true;
        }

        /// <summary>Go's hour field (15) takes one or two digits.</summary>
        private static bool Hour(string s, ref int i, out int value)
        {
            value = 0;
            int start = i;
            while (i < s.Length && i - start < 2 && s[i] >= '0' && s[i] <= '9')
            {
                value = value * 10 + (s[i] - '0');
                i++;
            }

            return i > start;
        }

        /// <summary>
        /// Splits the RFC 3339 timestamp the engine puts before each log line ("2024-05-01T10:00:00.123456789Z text").
        /// Returns false when the line does not start with one.
        /// </summary>
        public static bool TrySplitTimestamp(string line, out DateTime utc, out string text)
        {
            utc = default;
            text = line;
            int space = line.IndexOf(' ');
            int end = space < 0 ? line.Length : space;
            if (end < 20 || line[4] != '-' || line[7] != '-' || line[10] != 'T' || line[13] != ':' || line[16] != ':')
            {
                return false;
            }

            if (!Digits(line, 0, 4, out int year) || !Digits(line, 5, 2, out int month) || !Digits(line, 8, 2, out int day)
                || !Digits(line, 11, 2, out int hour) || !Digits(line, 14, 2, out int minute) || !Digits(line, 17, 2, out int second))
            {
                return false;
            }

            int i = 19;
            long fractionTicks = 0;
            if (i < end && line[i] == '.')
            {
                i++;
                long scale = TimeSpan.TicksPerSecond / 10;
                while (i < end && line[i] >= '0' && line[i] <= '9')
                {
                    fractionTicks += (line[i] - '0') * scale;
                    scale /= 10;
                    i++;
                }
            }

            TimeSpan offset = TimeSpan.Zero;
            if (i < end && line[i] == 'Z')
            {
                i++;
            }
            else if (i + 6 <= end && (line[i] == '+' || line[i] == '-') && Digits(line, i + 1, 2, out int oh) && line[i + 3] == ':' && Digits(line, i + 4, 2, out int om))
            {
                offset = new TimeSpan(oh, om, 0);
                if (line[i] == '-')
                {
                    offset = -offset;
                }

                i += 6;
            }
            else
            {
                return false;
            }

            if (i != end || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
            {
                return false;
            }

            try
            {
                utc = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Utc).AddTicks(fractionTicks) - offset;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }

            text = space < 0 ? string.Empty : line.Substring(space + 1);
            return true;
        }

        private static bool Digits(string s, int start, int count, out int value)
        {
            value = 0;
            for (int i = start; i < start + count; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = value * 10 + (c - '0');
            }

            return true;
        }
    }
}
