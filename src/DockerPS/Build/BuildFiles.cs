using System;
using System.Collections.Generic;
using System.IO;
using DockerPS.Engine;
using DockerPS.Registry;

namespace DockerPS.Build
{
    /// <summary>What a build reads from the files around it: the context folder's entries, the Dockerfile's directives and FROM registries, the classic builder's result line.</summary>
    internal static class BuildFiles
    {
        /// <summary>
        /// The entries of a context folder (less what .dockerignore excludes) and the Dockerfile's name inside the
        /// context. A Dockerfile outside the folder goes along under a generated name, as docker build does; so does
        /// a Dockerfile written for the build (compose's dockerfile_inline). Throws ArgumentException/IOException.
        /// </summary>
        internal static (string Dockerfile, IReadOnlyList<BuildContextEntry> Entries, bool Outside) FolderContext(string context, string dockerfileFull)
        {
            string contextPrefix = Path.GetFullPath(context).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            bool outside = !dockerfileFull.StartsWith(contextPrefix, StringComparison.Ordinal);
            string dockerfile = outside
                ? ".dockerps-dockerfile-" + Guid.NewGuid().ToString("N").Substring(0, 12)
                : dockerfileFull.Substring(contextPrefix.Length).Replace('\\', '/');
            IReadOnlyList<BuildContextEntry> entries = DockerIgnore.Collect(context, dockerfile);
            if (outside)
            {
                entries = new List<BuildContextEntry>(entries) { new BuildContextEntry(dockerfile, dockerfileFull, false) };
            }

            return (dockerfile, entries, outside);
        }

        /// <summary>The value of a '# syntax=' parser directive at the top of the Dockerfile, or null.</summary>
        internal static string? SyntaxDirective(string dockerfile)
        {
            foreach (string raw in File.ReadLines(dockerfile))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] != '#')
                {
                    return null; // directives come before anything else, blank lines included
                }

                string body = line.Substring(1).Trim();
                int eq = body.IndexOf('=');
                if (eq <= 0)
                {
                    return null; // a plain comment ends the directives
                }

                if (string.Equals(body.Substring(0, eq).Trim(), "syntax", StringComparison.OrdinalIgnoreCase))
                {
                    return body.Substring(eq + 1).Trim();
                }
            }

            return null;
        }

        /// <summary>"Successfully built 1a2b3c…" from the classic builder, when no aux ID came.</summary>
        internal static string? FindSuccessId(IReadOnlyList<string> lines)
        {
            for (int i = lines.Count - 1; i >= 0; i--)
            {
                const string prefix = "Successfully built ";
                if (lines[i].StartsWith(prefix, StringComparison.Ordinal))
                {
                    return lines[i].Substring(prefix.Length).Trim();
                }
            }

            return null;
        }

        /// <summary>The registries of the FROM lines, so their credentials go along with the build.</summary>
        internal static IEnumerable<string> FromRegistries(string dockerfile)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string raw in File.ReadAllLines(dockerfile))
            {
                string line = raw.Trim();
                if (!line.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (string word in line.Substring(5).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (word.StartsWith("--", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    string registry = RegistryCredentials.RegistryOf(word);
                    if (registry != RegistryCredentials.DockerHub && seen.Add(registry))
                    {
                        yield return registry;
                    }

                    break;
                }
            }
        }
    }
}
