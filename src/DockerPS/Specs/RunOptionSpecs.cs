using System;
using System.Collections.Generic;
using System.Globalization;
using DockerPS.Models;

namespace DockerPS.Specs
{
    /// <summary>docker --ulimit: name=soft[:hard]; -1 is unlimited; a missing hard limit equals the soft one.</summary>
    internal static class UlimitParser
    {
        public static UlimitSpec Parse(string text)
        {
            string t = (text ?? string.Empty).Trim();
            int eq = t.IndexOf('=');
            if (eq <= 0)
            {
                throw Bad(text, "write name=soft[:hard], such as nofile=1024:2048");
            }

            string name = t.Substring(0, eq);
            string[] limits = t.Substring(eq + 1).Split(':');
            if (limits.Length > 2 || !long.TryParse(limits[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long soft))
            {
                throw Bad(text, "the limits must be numbers, soft[:hard]");
            }

            long hard = soft;
            if (limits.Length == 2 && !long.TryParse(limits[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out hard))
            {
                throw Bad(text, "the hard limit must be a number");
            }

            if (soft > hard && hard != -1)
            {
                throw Bad(text, "the soft limit is above the hard limit");
            }

            return new UlimitSpec { Name = name, Soft = soft, Hard = hard };
        }

        private static ArgumentException Bad(string? text, string why) => new ArgumentException($"The ulimit '{text}' is not valid: {why}.");
    }

    /// <summary>docker --device: host[:container][:permissions], permissions a mix of r, w and m.</summary>
    internal static class DeviceParser
    {
        public static DeviceSpec Parse(string text)
        {
            string[] parts = (text ?? string.Empty).Trim().Split(':');
            var device = new DeviceSpec();
            switch (parts.Length)
            {
                case 1:
                    device.PathOnHost = parts[0];
                    break;
                case 2 when IsPermissions(parts[1]):
                    device.PathOnHost = parts[0];
                    device.CgroupPermissions = parts[1];
                    break;
                case 2:
                    device.PathOnHost = parts[0];
                    device.PathInContainer = parts[1];
                    break;
                case 3 when IsPermissions(parts[2]):
                    device.PathOnHost = parts[0];
                    device.PathInContainer = parts[1];
                    device.CgroupPermissions = parts[2];
                    break;
                default:
                    throw new ArgumentException($"The device '{text}' is not valid: write host-path[:container-path][:permissions], permissions of r, w and m.");
            }

            if (device.PathOnHost.Length == 0)
            {
                throw new ArgumentException($"The device '{text}' is not valid: it names no host device.");
            }

            if (device.PathInContainer.Length == 0)
            {
                device.PathInContainer = device.PathOnHost;
            }

            return device;
        }

        private static bool IsPermissions(string text)
        {
            if (text.Length == 0 || text.Length > 3)
            {
                return false;
            }

            foreach (char c in text)
            {
                if (c != 'r' && c != 'w' && c != 'm')
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>docker --gpus: all, a count, or a list such as "device=0,1,capabilities=compute,driver=nvidia".</summary>
    internal static class GpuParser
    {
        public static GpuRequestSpec Parse(string text)
        {
            string t = (text ?? string.Empty).Trim();
            var request = new GpuRequestSpec();
            bool seen = false;
            string? lastKey = null;
            foreach (string field in t.Split(','))
            {
                int eq = field.IndexOf('=');
                if (eq < 0)
                {
                    if (field == "all" && !seen)
                    {
                        request.Count = -1;
                        seen = true;
                        continue;
                    }

                    if (long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out long count) && !seen)
                    {
                        request.Count = count;
                        seen = true;
                        continue;
                    }

                    // "device=0,1": a value list goes on after a comma.
                    if (lastKey == "device" && field.Length > 0)
                    {
                        request.DeviceIds!.Add(field);
                        continue;
                    }

                    if (lastKey == "capabilities" && field.Length > 0)
                    {
                        request.Capabilities.Add(field);
                        continue;
                    }

                    throw Bad(text);
                }

                string key = field.Substring(0, eq);
                string value = field.Substring(eq + 1);
                lastKey = key;
                switch (key)
                {
                    case "count":
                        request.Count = value == "all" ? -1 : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : throw Bad(text);
                        seen = true;
                        break;
                    case "device":
                        request.DeviceIds ??= new List<string>();
                        request.DeviceIds.Add(value);
                        seen = true;
                        break;
                    case "driver":
                        request.Driver = value;
                        break;
                    case "capabilities":
                        request.Capabilities.Add(value);
                        break;
                    case "options":
                        int oeq = value.IndexOf('=');
                        request.Options[oeq < 0 ? value : value.Substring(0, oeq)] = oeq < 0 ? string.Empty : value.Substring(oeq + 1);
                        break;
                    default:
                        throw Bad(text);
                }
            }

            if (request.Count != 0 && request.DeviceIds != null)
            {
                throw new ArgumentException($"The GPU request '{text}' is not valid: give a count or devices, not both.");
            }

            // docker asks for the gpu capability unless others are named.
            if (request.Capabilities.Count == 0)
            {
                request.Capabilities.Add("gpu");
            }

            return request;
        }

        private static ArgumentException Bad(string? text) =>
            new ArgumentException($"The GPU request '{text}' is not valid: write all, a count, or device=ids with driver=, capabilities= or options=.");
    }
}
