using System;
using System.Collections.Generic;
using System.Globalization;

namespace DockerPS.Specs
{
    /// <summary>One container port and, if published, where on the host.</summary>
    internal sealed class PortBindingSpec
    {
        public PortBindingSpec(int containerPort, string protocol, string? hostIp, int? hostPort)
        {
            ContainerPort = containerPort;
            Protocol = protocol;
            HostIp = hostIp;
            HostPort = hostPort;
        }

        public int ContainerPort { get; }

        public string Protocol { get; }

        /// <summary>Host address to bind; null binds every address (docker's default).</summary>
        public string? HostIp { get; }

        /// <summary>Host port; null lets the engine pick one.</summary>
        public int? HostPort { get; }

        /// <summary>The engine's key for the port: 80/tcp.</summary>
        public string Key => ContainerPort.ToString(CultureInfo.InvariantCulture) + "/" + Protocol;
    }

    /// <summary>
    /// Parses docker's -p syntax: [ip:][hostPort:]containerPort[/protocol], where ports may be ranges
    /// (8000-8009:80-89) and an IPv6 address is written in brackets ([::1]:8080:80).
    /// </summary>
    internal static class PortSpec
    {
        public static IReadOnlyList<PortBindingSpec> Parse(string spec)
        {
            if (string.IsNullOrWhiteSpace(spec))
            {
                throw Bad(spec, "it is empty");
            }

            string text = spec.Trim();
            string protocol = "tcp";
            int slash = text.LastIndexOf('/');
            if (slash >= 0)
            {
                protocol = text.Substring(slash + 1).ToLowerInvariant();
                text = text.Substring(0, slash);
                if (protocol != "tcp" && protocol != "udp" && protocol != "sctp")
                {
                    throw Bad(spec, $"the protocol '{protocol}' is not tcp, udp or sctp");
                }
            }

            string? ip = null;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                int close = text.IndexOf(']');
                if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
                {
                    throw Bad(spec, "an IPv6 address must be written [address]:hostPort:containerPort");
                }

                ip = text.Substring(1, close - 1);
                text = text.Substring(close + 2);
            }

            string[] parts = text.Split(':');
            string? hostPart;
            string containerPart;
            switch (parts.Length)
            {
                case 1:
                    hostPart = null;
                    containerPart = parts[0];
                    break;
                case 2:
                    hostPart = parts[0];
                    containerPart = parts[1];
                    break;
                case 3 when ip == null:
                    ip = parts[0];
                    hostPart = parts[1];
                    containerPart = parts[2];
                    break;
                default:
                    throw Bad(spec, "write [ip:][hostPort:]containerPort[/protocol]");
            }

            // IPAddress.TryParse also takes legacy forms such as 1.2.3; docker wants dotted quads or IPv6.
            if (ip != null && (!System.Net.IPAddress.TryParse(ip, out System.Net.IPAddress? address)
                || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ip.Split('.').Length != 4)))
            {
                throw Bad(spec, $"'{ip}' is not an IP address");
            }

            (int cStart, int cEnd) = Range(containerPart, spec, "container port", allowEmpty: false);
            int? hStart = null;
            int? hEnd = null;
            if (!string.IsNullOrEmpty(hostPart))
            {
                (int s, int e) = Range(hostPart!, spec, "host port", allowEmpty: false);
                hStart = s;
                hEnd = e;
            }

            int count = cEnd - cStart + 1;
            if (hStart != null && hEnd - hStart + 1 != count)
            {
                // docker allows one container port against a host range (the engine picks one of them); keep it simple
                // and explicit: the ranges must have the same length.
                throw Bad(spec, "the host and container port ranges have different lengths");
            }

            var result = new List<PortBindingSpec>(count);
            for (int i = 0; i < count; i++)
            {
                result.Add(new PortBindingSpec(cStart + i, protocol, ip, hStart + i));
            }

            return result;
        }

        private static (int Start, int End) Range(string text, string spec, string what, bool allowEmpty)
        {
            string[] ends = text.Split('-');
            if (ends.Length > 2)
            {
                throw Bad(spec, $"the {what} '{text}' is not a port or a range such as 8000-8009");
            }

            int start = Port(ends[0], spec, what);
            int end = ends.Length == 2 ? Port(ends[1], spec, what) : start;
            if (end < start)
            {
                throw Bad(spec, $"the {what} range '{text}' ends before it starts");
            }

            return (start, end);
        }

        private static int Port(string text, string spec, string what)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
            {
                throw Bad(spec, $"the {what} '{text}' is not a number from 1 to 65535");
            }

            return port;
        }

        private static ArgumentException Bad(string? spec, string why) =>
            new ArgumentException($"The port '{spec}' is not valid: {why}.");
    }
}
