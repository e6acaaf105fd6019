using System;
using System.Text.RegularExpressions;

namespace DockerPS.Streams
{
    /// <summary>
    /// The container side of Copy-ContainerItem, written as docker cp writes it: &lt;container&gt;:&lt;path&gt;. A prefix of one
    /// letter (a Windows drive) or one that names a PowerShell drive (Env:, Temp:, HKLM: ...) is a local path.
    /// </summary>
    internal static class ContainerPathSpec
    {
        private static readonly Regex Spec = new Regex(@"^(?<c>[A-Za-z0-9][A-Za-z0-9_.-]+):(?<p>.*)$", RegexOptions.CultureInvariant);

        public static bool TryParse(string text, Func<string, bool> isDriveName, out string container, out string path)
        {
            container = string.Empty;
            path = string.Empty;
            Match m = Spec.Match(text);
            if (!m.Success || isDriveName(m.Groups["c"].Value))
            {
                return false;
            }

            container = m.Groups["c"].Value;
            path = m.Groups["p"].Value.Length == 0 ? "/" : m.Groups["p"].Value;
            return true;
        }

        /// <summary>The last segment of a container path: /etc/hosts → hosts, /data/ → data, / → "".</summary>
        public static string LeafName(string containerPath)
        {
            string trimmed = containerPath.TrimEnd('/');
            int slash = trimmed.LastIndexOf('/');
            return slash < 0 ? trimmed : trimmed.Substring(slash + 1);
        }

        /// <summary>
        /// Where a link in <paramref name="folder"/> pointing to <paramref name="target"/> leads, as a clean absolute path
        /// (container paths are relative to /, as for docker cp): /L + f → /L/f, /a/b + ../c → /a/c, /x + /y → /y.
        /// </summary>
        public static string Join(string folder, string target)
        {
            string combined = target.StartsWith("/", StringComparison.Ordinal) ? target : (folder == "." ? string.Empty : folder) + "/" + target;
            var parts = new System.Collections.Generic.List<string>();
            foreach (string part in combined.Split('/'))
            {
                if (part.Length == 0 || part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }

                    continue;
                }

                parts.Add(part);
            }

            return "/" + string.Join("/", parts);
        }

        /// <summary>The folder holding a container path: /etc/hosts → /etc, hosts → ".", /x → /.</summary>
        public static string Parent(string containerPath)
        {
            string trimmed = containerPath.TrimEnd('/');
            int slash = trimmed.LastIndexOf('/');
            return slash < 0 ? "." : slash == 0 ? "/" : trimmed.Substring(0, slash);
        }
    }
}
