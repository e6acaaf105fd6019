using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using DockerPS.Engine;

namespace DockerPS.Build
{
    /// <summary>
    /// .dockerignore matching with docker's rules (moby/patternmatcher): patterns are cleaned paths relative to the
    /// context root; * and ? do not cross '/', ** matches any number of folders, [..] are character classes, \
    /// escapes; a pattern that matches a folder excludes everything under it; a line starting with ! re-includes;
    /// the last matching line wins.
    /// </summary>
    internal sealed class DockerIgnore
    {
        private readonly List<Rule> _rules = new List<Rule>();

        public DockerIgnore(IEnumerable<string> lines)
        {
            foreach (string raw in lines)
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                bool exclusion = false;
                if (line[0] == '!')
                {
                    exclusion = true;
                    line = line.Substring(1).Trim();
                    if (line.Length == 0)
                    {
                        throw new ArgumentException("A .dockerignore line has '!' with no pattern after it.");
                    }
                }

                string cleaned = Clean(line);
                if (cleaned.Length == 0)
                {
                    continue;
                }

                _rules.Add(new Rule(cleaned, exclusion));
            }
        }

        /// <summary>Whether any rule re-includes (starts with !): then excluded folders must still be walked.</summary>
        public bool HasExclusions
        {
            get
            {
                foreach (Rule r in _rules)
                {
                    if (r.Exclusion)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Reads a .dockerignore file; no file means nothing is ignored.</summary>
        public static DockerIgnore FromFile(string path) =>
            new DockerIgnore(File.Exists(path) ? File.ReadAllLines(path) : Array.Empty<string>());

        /// <summary>Whether <paramref name="relativePath"/> (forward slashes) is left out of the context.</summary>
        public bool IsIgnored(string relativePath)
        {
            string path = relativePath.Trim('/');
            string[] parts = path.Split('/');
            bool ignored = false;
            foreach (Rule rule in _rules)
            {
                bool match = rule.Regex.IsMatch(path);
                if (!match && parts.Length > 1)
                {
                    // A pattern that matches a parent folder matches everything inside it.
                    var prefix = new StringBuilder();
                    for (int i = 0; i < parts.Length - 1 && !match; i++)
                    {
                        if (i > 0)
                        {
                            prefix.Append('/');
                        }

                        prefix.Append(parts[i]);
                        match = rule.Regex.IsMatch(prefix.ToString());
                    }
                }

                if (match)
                {
                    ignored = !rule.Exclusion;
                }
            }

            return ignored;
        }

        /// <summary>
        /// The files and folders of a build context, in a stable order, without the ignored ones. The Dockerfile and
        /// .dockerignore are always sent, as the docker CLI sends them.
        /// </summary>
        public static IReadOnlyList<BuildContextEntry> Collect(string root, string? dockerfileRelative)
        {
            var ignore = FromFile(Path.Combine(root, ".dockerignore"));
            var result = new List<BuildContextEntry>();
            var keep = new HashSet<string>(StringComparer.Ordinal) { ".dockerignore" };
            if (!string.IsNullOrEmpty(dockerfileRelative))
            {
                keep.Add(dockerfileRelative!.Replace('\\', '/').TrimStart('/'));
            }

            Walk(root, string.Empty, ignore, keep, result);
            return result;
        }

        private static void Walk(string folder, string prefix, DockerIgnore ignore, HashSet<string> keep, List<BuildContextEntry> result)
        {
            var entries = new List<string>(Directory.GetFileSystemEntries(folder));
            entries.Sort(StringComparer.Ordinal);
            foreach (string full in entries)
            {
                string name = Path.GetFileName(full);
                string relative = prefix.Length == 0 ? name : prefix + "/" + name;
                bool isDirectory = Directory.Exists(full);
                bool ignored = ignore.IsIgnored(relative) && !keep.Contains(relative);
                if (isDirectory)
                {
                    if (ignored && !ignore.HasExclusions)
                    {
                        continue;
                    }

                    if (!ignored)
                    {
                        result.Add(new BuildContextEntry(relative, full, true));
                    }

                    Walk(full, relative, ignore, keep, result);
                    continue;
                }

                if (!ignored)
                {
                    result.Add(new BuildContextEntry(relative, full, false));
                }
            }
        }

        /// <summary>Go's filepath.Clean for '/'-separated paths, without a leading '/'.</summary>
        internal static string Clean(string path)
        {
            var stack = new List<string>();
            foreach (string part in path.Split('/'))
            {
                if (part.Length == 0 || part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    if (stack.Count > 0 && stack[stack.Count - 1] != "..")
                    {
                        stack.RemoveAt(stack.Count - 1);
                    }

                    continue;
                }

                stack.Add(part);
            }

            return string.Join("/", stack);
        }

        /// <summary>The regular expression patternmatcher builds for a cleaned pattern.</summary>
        internal static string ToRegex(string pattern)
        {
            var sb = new StringBuilder("^");
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                switch (c)
                {
                    case '*':
                        if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                        {
                            i++;
                            // "**/" is "**": eat the slash.
                            if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                            {
                                i++;
                            }

                            sb.Append(i + 1 >= pattern.Length ? ".*" : "(.*/)?");
                        }
                        else
                        {
                            sb.Append("[^/]*");
                        }

                        break;
                    case '?':
                        sb.Append("[^/]");
                        break;
                    case '\\':
                        if (i + 1 < pattern.Length)
                        {
                            i++;
                            sb.Append(Regex.Escape(pattern[i].ToString()));
                        }
                        else
                        {
                            sb.Append(@"\\");
                        }

                        break;
                    case '[':
                    case ']':
                        sb.Append(c);
                        break;
                    case '^':
                        // Inside a class right after '[' it negates, as in Go; elsewhere it is literal.
                        sb.Append(i > 0 && pattern[i - 1] == '[' ? "^" : @"\^");
                        break;
                    default:
                        sb.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }

            sb.Append('$');
            return sb.ToString();
        }

        private sealed class Rule
        {
            internal Rule(string pattern, bool exclusion)
            {
                Pattern = pattern;
                Exclusion = exclusion;
                Regex = new Regex(ToRegex(pattern), RegexOptions.CultureInvariant);
            }

            internal string Pattern { get; }

            internal bool Exclusion { get; }

            internal Regex Regex { get; }
        }
    }
}
