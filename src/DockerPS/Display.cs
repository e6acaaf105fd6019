using System;
using System.Globalization;
using System.Linq;
using DockerPS.Models;

namespace DockerPS
{
    /// <summary>Human-readable text for the table views, as the docker CLI prints it; the properties stay typed.</summary>
    public static class Display
    {
        /// <summary>The 12-character id docker prints (sha256: prefix dropped).</summary>
        public static string ShortId(string? id)
        {
            if (string.IsNullOrEmpty(id))
            {
                return string.Empty;
            }

            string hex = id!.StartsWith("sha256:", StringComparison.Ordinal) ? id.Substring(7) : id;
            return hex.Length > 12 ? hex.Substring(0, 12) : hex;
        }

        /// <summary>docker's sizes: decimal units, three significant digits (1.23MB, 526MB).</summary>
        public static string Size(long? bytes)
        {
            if (bytes == null || bytes < 0)
            {
                return string.Empty;
            }

            string[] units = { "B", "kB", "MB", "GB", "TB", "PB" };
            double value = bytes.Value;
            int unit = 0;
            while (value >= 1000 && unit < units.Length - 1)
            {
                value /= 1000;
                unit++;
            }

            string format = value >= 100 || unit == 0 ? "0" : value >= 10 ? "0.#" : "0.##";
            return value.ToString(format, CultureInfo.InvariantCulture) + units[unit];
        }

        /// <summary>"5 minutes ago", as docker ps and docker images print the creation time.</summary>
        public static string Ago(DateTime time) => Ago(time, DateTime.Now);

        internal static string Ago(DateTime time, DateTime now)
        {
            TimeSpan age = now - (time.Kind == DateTimeKind.Utc ? time.ToLocalTime() : time);
            if (age < TimeSpan.FromSeconds(1))
            {
                return "Less than a second ago";
            }

            return Duration(age) + " ago";
        }

        /// <summary>docker's units.HumanDuration wording.</summary>
        internal static string Duration(TimeSpan d)
        {
            double seconds = d.TotalSeconds;
            if (seconds < 60)
            {
                return Plural((int)seconds, "second");
            }

            double minutes = d.TotalMinutes;
            if (minutes < 60)
            {
                return minutes < 2 ? "About a minute" : Plural((int)minutes, "minute");
            }

            double hours = d.TotalHours;
            if (hours < 48)
            {
                return hours < 2 ? "About an hour" : Plural((int)hours, "hour");
            }

            double days = d.TotalDays;
            if (days < 14)
            {
                return Plural((int)days, "day");
            }

            if (days < 60)
            {
                return Plural((int)(days / 7), "week");
            }

            if (days < 365 * 2)
            {
                return Plural((int)(days / 30), "month");
            }

            return Plural((int)(days / 365), "year");
        }

        /// <summary>The PORTS column: 127.0.0.1:8080->80/tcp, 443/tcp.</summary>
        public static string Ports(PortMapping[]? ports) =>
            ports == null ? string.Empty : string.Join(", ", ports.Select(p => p.ToString()));

        /// <summary>The COMMAND column: quoted and cut to 20 characters, as docker ps does.</summary>
        public static string Command(string? command)
        {
            string text = command ?? string.Empty;
            if (text.Length > 20)
            {
                text = text.Substring(0, 19) + "…";
            }

            return "\"" + text + "\"";
        }

        private static string Plural(int n, string unit) => n + " " + unit + (n == 1 ? string.Empty : "s");
    }
}
