using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace DockerPS.Streams
{
    /// <summary>
    /// -Since/-Until values: a DateTime (a point in time), a TimeSpan (that long before now), or text holding either,
    /// or a docker duration such as 90s, 10m, 1h30m, 2d. Engines take unix seconds.
    /// </summary>
    internal static class TimeArgument
    {
        private static readonly Regex Duration = new Regex(@"^\s*(?:(\d+(?:\.\d+)?)(ms|s|m|h|d))+\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex DurationPart = new Regex(@"(\d+(?:\.\d+)?)(ms|s|m|h|d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

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
                    return utcNow - ts.Duration();
                case string s:
                    return Parse(s, utcNow);
                default:
                    throw new ArgumentException($"'{v}' is not a time: give a DateTime, a TimeSpan, or a duration such as 10m or 1h30m.");
            }
        }

        /// <summary>Unix seconds with nanosecond fraction, as the engine's since/until take them.</summary>
        public static string ToUnixSeconds(DateTime utc)
        {
            long ticks = utc.Ticks - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
            long seconds = ticks / TimeSpan.TicksPerSecond;
            long nanos = ticks % TimeSpan.TicksPerSecond * 100;
            return seconds.ToString(CultureInfo.InvariantCulture) + "." + nanos.ToString("000000000", CultureInfo.InvariantCulture);
        }

        private static DateTime Parse(string s, DateTime utcNow)
        {
            if (Duration.IsMatch(s))
            {
                double ms = 0;
                foreach (Match m in DurationPart.Matches(s))
                {
                    double n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    switch (m.Groups[2].Value.ToLowerInvariant())
                    {
                        case "ms": ms += n; break;
                        case "s": ms += n * 1000; break;
                        case "m": ms += n * 60_000; break;
                        case "h": ms += n * 3_600_000; break;
                        default: ms += n * 86_400_000; break;
                    }
                }

                return utcNow - TimeSpan.FromMilliseconds(ms);
            }

            if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out TimeSpan span))
            {
                return utcNow - span.Duration();
            }

            if (DateTimeOffset.TryParse(s, CultureInfo.CurrentCulture, DateTimeStyles.AssumeLocal, out DateTimeOffset dto)
                || DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out dto))
            {
                return dto.UtcDateTime;
            }

            throw new ArgumentException($"'{s}' is not a time: give a DateTime, a TimeSpan, or a duration such as 10m or 1h30m.");
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
