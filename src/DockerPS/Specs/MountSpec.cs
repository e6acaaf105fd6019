using System;
using System.Collections.Generic;
using System.Globalization;

namespace DockerPS.Specs
{
    /// <summary>A mount of the container: a bind, a named volume or a tmpfs.</summary>
    internal sealed class MountSpecItem
    {
        /// <summary>bind, volume or tmpfs.</summary>
        public string Type { get; set; } = "volume";

        /// <summary>The host path (bind) or volume name; null for tmpfs and anonymous volumes.</summary>
        public string? Source { get; set; }

        /// <summary>The absolute path inside the container.</summary>
        public string Target { get; set; } = string.Empty;

        public bool ReadOnly { get; set; }

        /// <summary>tmpfs size in bytes; null for the engine's default.</summary>
        public long? TmpfsSize { get; set; }

        /// <summary>tmpfs mode bits (e.g. 1777 octal); null for the default.</summary>
        public int? TmpfsMode { get; set; }

        /// <summary>bind propagation or the volume's no-copy flag, as docker names them.</summary>
        public string? BindPropagation { get; set; }

        public bool VolumeNoCopy { get; set; }

        public Dictionary<string, string> VolumeLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public string? VolumeDriver { get; set; }

        /// <summary>-v: the options after the target as written (ro,z,rprivate), passed on as docker passes them.</summary>
        public string? Options { get; set; }

        /// <summary>--mount volume-opt=key=value: options for the volume driver.</summary>
        public Dictionary<string, string> VolumeDriverOptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>--mount consistency: consistent, cached or delegated (read by Docker Desktop only).</summary>
        public string? Consistency { get; set; }

        /// <summary>--mount bind-nonrecursive: submounts of the source are not mounted.</summary>
        public bool BindNonRecursive { get; set; }
    }

    /// <summary>
    /// Parses docker's mount syntaxes: -v source:target[:options], --mount key=value,..., --tmpfs target[:options].
    /// A source that is a path (starts with / or ., or a drive letter) is a bind; otherwise it names a volume.
    /// </summary>
    internal static class MountSpec
    {
        /// <summary>docker -v: /host:/ctr[:ro|rw][,...], name:/ctr[:ro], or /ctr alone (an anonymous volume).</summary>
        public static MountSpecItem ParseVolume(string spec)
        {
            if (string.IsNullOrWhiteSpace(spec))
            {
                throw Bad(spec, "it is empty");
            }

            List<string> parts = SplitVolume(spec.Trim());
            var item = new MountSpecItem();
            string? options = null;
            switch (parts.Count)
            {
                case 1:
                    item.Target = parts[0];
                    break;
                case 2 when IsContainerPath(parts[1]):
                    item.Source = parts[0];
                    item.Target = parts[1];
                    break;
                case 2:
                    item.Target = parts[0];
                    options = parts[1];
                    break;
                case 3:
                    item.Source = parts[0];
                    item.Target = parts[1];
                    options = parts[2];
                    break;
                default:
                    throw Bad(spec, "write source:target[:ro]");
            }

            if (!IsContainerPath(item.Target))
            {
                throw Bad(spec, $"the container path '{item.Target}' must be absolute");
            }

            if (item.Source != null)
            {
                item.Type = IsHostPath(item.Source) ? "bind" : "volume";
                if (item.Type == "volume")
                {
                    ValidateVolumeName(item.Source, spec);
                }
            }

            item.Options = options;
            if (options != null)
            {
                foreach (string option in options.Split(','))
                {
                    switch (option)
                    {
                        case "ro":
                        case "readonly":
                            item.ReadOnly = true;
                            break;
                        case "rw":
                            item.ReadOnly = false;
                            break;
                        case "nocopy":
                            item.VolumeNoCopy = true;
                            break;
                        case "z":
                        case "Z":
                            break; // SELinux relabel: passed on in the bind for the engine to apply.
                        case "private":
                        case "rprivate":
                        case "shared":
                        case "rshared":
                        case "slave":
                        case "rslave":
                            item.BindPropagation = option;
                            break;
                        default:
                            throw Bad(spec, $"the option '{option}' is unknown (ro, rw, nocopy, z, Z, or a propagation mode)");
                    }
                }
            }

            return item;
        }

        /// <summary>docker --mount: type=bind|volume|tmpfs,source=..,target=..,readonly,... .</summary>
        public static MountSpecItem ParseMount(string spec)
        {
            if (string.IsNullOrWhiteSpace(spec))
            {
                throw Bad(spec, "it is empty");
            }

            var item = new MountSpecItem { Type = "volume" };
            bool typeGiven = false;
            foreach (string field in spec.Split(','))
            {
                int eq = field.IndexOf('=');
                string key = (eq < 0 ? field : field.Substring(0, eq)).Trim().ToLowerInvariant();
                string? value = eq < 0 ? null : field.Substring(eq + 1).Trim();
                switch (key)
                {
                    case "type":
                        item.Type = Require(value, key, spec).ToLowerInvariant();
                        if (item.Type != "bind" && item.Type != "volume" && item.Type != "tmpfs")
                        {
                            throw Bad(spec, $"the type '{item.Type}' is not bind, volume or tmpfs");
                        }

                        typeGiven = true;
                        break;
                    case "source":
                    case "src":
                        item.Source = Require(value, key, spec);
                        break;
                    case "target":
                    case "destination":
                    case "dst":
                        item.Target = Require(value, key, spec);
                        break;
                    case "readonly":
                    case "ro":
                        item.ReadOnly = value == null || Bool(value, key, spec);
                        break;
                    case "bind-propagation":
                        item.BindPropagation = Require(value, key, spec);
                        break;
                    case "volume-nocopy":
                        item.VolumeNoCopy = value == null || Bool(value, key, spec);
                        break;
                    case "volume-driver":
                        item.VolumeDriver = Require(value, key, spec);
                        break;
                    case "volume-label":
                        string label = Require(value, key, spec);
                        int leq = label.IndexOf('=');
                        item.VolumeLabels[leq < 0 ? label : label.Substring(0, leq)] = leq < 0 ? string.Empty : label.Substring(leq + 1);
                        break;
                    case "volume-opt":
                        string opt = Require(value, key, spec);
                        int oeq = opt.IndexOf('=');
                        if (oeq <= 0)
                        {
                            throw Bad(spec, "volume-opt takes key=value");
                        }

                        item.VolumeDriverOptions[opt.Substring(0, oeq)] = opt.Substring(oeq + 1);
                        break;
                    case "consistency":
                        item.Consistency = Require(value, key, spec);
                        if (item.Consistency != "default" && item.Consistency != "consistent" && item.Consistency != "cached" && item.Consistency != "delegated")
                        {
                            throw Bad(spec, $"the consistency '{item.Consistency}' is not default, consistent, cached or delegated");
                        }

                        break;
                    case "bind-nonrecursive":
                        item.BindNonRecursive = value == null || Bool(value, key, spec);
                        break;
                    case "tmpfs-size":
                        item.TmpfsSize = SizeSpec.ParseBytes(Require(value, key, spec));
                        break;
                    case "tmpfs-mode":
                        item.TmpfsMode = Octal(Require(value, key, spec), spec);
                        break;
                    default:
                        throw Bad(spec, $"the field '{key}' is unknown");
                }
            }

            if (!typeGiven && item.Source != null && IsHostPath(item.Source))
            {
                throw Bad(spec, "a host path needs type=bind");
            }

            if (string.IsNullOrEmpty(item.Target) || !IsContainerPath(item.Target))
            {
                throw Bad(spec, "target must be an absolute path in the container");
            }

            if (item.Type == "bind" && string.IsNullOrEmpty(item.Source))
            {
                throw Bad(spec, "a bind mount needs source");
            }

            if (item.Type == "tmpfs" && item.Source != null)
            {
                throw Bad(spec, "a tmpfs mount takes no source");
            }

            return item;
        }

        /// <summary>
        /// docker --tmpfs: /path[:options]. The options (size=64m, mode=1777, exec, uid=…) go to the engine as written,
        /// as docker sends them in HostConfig.Tmpfs, and the engine checks them.
        /// </summary>
        public static (string Path, string Options) ParseTmpfs(string spec)
        {
            if (string.IsNullOrWhiteSpace(spec))
            {
                throw Bad(spec, "it is empty");
            }

            int colon = spec.IndexOf(':');
            string path = colon < 0 ? spec.Trim() : spec.Substring(0, colon).Trim();
            if (!IsContainerPath(path))
            {
                throw Bad(spec, "the tmpfs path must be absolute");
            }

            return (path, colon < 0 ? string.Empty : spec.Substring(colon + 1));
        }

        internal static bool IsHostPath(string source) =>
            source.StartsWith("/", StringComparison.Ordinal) || source.StartsWith(".", StringComparison.Ordinal)
            || source.StartsWith("~", StringComparison.Ordinal) || source.StartsWith("\\", StringComparison.Ordinal)
            || (source.Length >= 2 && char.IsLetter(source[0]) && source[1] == ':');

        private static bool IsContainerPath(string path) =>
            path.StartsWith("/", StringComparison.Ordinal) || (path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/'));

        /// <summary>Splits on ':' except a Windows drive letter's colon (C:\data:/data).</summary>
        private static List<string> SplitVolume(string spec)
        {
            var parts = new List<string>();
            int start = 0;
            for (int i = 0; i < spec.Length; i++)
            {
                bool driveColon = spec[i] == ':' && i == start + 1 && char.IsLetter(spec[start])
                    && i + 1 < spec.Length && (spec[i + 1] == '\\' || spec[i + 1] == '/');
                if (spec[i] == ':' && !driveColon)
                {
                    parts.Add(spec.Substring(start, i - start));
                    start = i + 1;
                }
            }

            parts.Add(spec.Substring(start));
            return parts;
        }

        private static void ValidateVolumeName(string name, string spec)
        {
            // docker: [a-zA-Z0-9][a-zA-Z0-9_.-]+ ; a name is at least 2 characters.
            bool ok = name.Length >= 2 && char.IsLetterOrDigit(name[0]);
            foreach (char c in name)
            {
                ok &= c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
            }

            if (!ok)
            {
                throw Bad(spec, $"'{name}' is neither an absolute host path nor a volume name ([a-zA-Z0-9][a-zA-Z0-9_.-]+)");
            }
        }

        private static string Require(string? value, string key, string spec) =>
            string.IsNullOrEmpty(value) ? throw Bad(spec, $"'{key}' needs a value") : value!;

        private static bool Bool(string value, string key, string spec) =>
            value.ToLowerInvariant() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw Bad(spec, $"'{key}' takes true or false"),
            };

        private static int Octal(string value, string spec)
        {
            try
            {
                return Convert.ToInt32(value, 8);
            }
            catch (FormatException)
            {
                throw Bad(spec, $"the mode '{value}' is not an octal number such as 1777");
            }
        }

        private static ArgumentException Bad(string? spec, string why) =>
            new ArgumentException($"The mount '{spec}' is not valid: {why}.");
    }

    /// <summary>docker's size and CPU notations.</summary>
    internal static class SizeSpec
    {
        /// <summary>512m, 1g, 1.5GB, 100k, 42 (bytes): powers of 1024, as docker's RAMInBytes reads them.</summary>
        public static long ParseBytes(string text) => ByteSizeSpec.ParseText(text);

        /// <summary>--memory-swap: a size, or -1 for unlimited swap.</summary>
        public static long ParseSwap(string text) => text.Trim() == "-1" ? -1 : ParseBytes(text);

        /// <summary>--cpus 1.5 → NanoCpus 1 500 000 000.</summary>
        public static long CpusToNano(double cpus)
        {
            if (double.IsNaN(cpus) || cpus <= 0 || cpus > 1_000_000)
            {
                throw new ArgumentException($"{cpus.ToString(CultureInfo.InvariantCulture)} CPUs is not valid; give a positive number such as 0.5 or 2.");
            }

            return (long)Math.Round(cpus * 1e9);
        }
    }
}
