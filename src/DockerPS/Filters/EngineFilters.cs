using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using DockerPS.Models;

namespace DockerPS.Filters
{
    /// <summary>Builds the engine's filter map from cmdlet parameters, and matches names the PowerShell way.</summary>
    internal static class EngineFilters
    {
        /// <summary>Adds one accepted value for a filter (values of one filter are OR-ed by the engine).</summary>
        public static void Add(IDictionary<string, IList<string>> filters, string name, string value)
        {
            if (!filters.TryGetValue(name, out IList<string>? values))
            {
                values = new List<string>();
                filters[name] = values;
            }

            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        /// <summary>Adds label filters: "key" (label present) or "key=value".</summary>
        public static void AddLabels(IDictionary<string, IList<string>> filters, IEnumerable<string>? labels)
        {
            if (labels == null)
            {
                return;
            }

            foreach (string label in labels)
            {
                if (string.IsNullOrWhiteSpace(label) || label.StartsWith("=", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"'{label}' is not a label filter; write key or key=value.");
                }

                Add(filters, "label", label);
            }
        }

        /// <summary>
        /// Whether <paramref name="labels"/> has every key / key=value of <paramref name="wanted"/>: docker's rule for
        /// several label filters. Podman 4.3 joins them with OR (observed: `podman images --filter label=a=1 --filter
        /// label=b=yes` lists an image with only a=1), so the rows are checked again here.
        /// </summary>
        public static bool HasLabels(IReadOnlyDictionary<string, string>? labels, IEnumerable<string>? wanted)
        {
            if (wanted == null)
            {
                return true;
            }

            foreach (string w in wanted)
            {
                int eq = w.IndexOf('=');
                string key = eq < 0 ? w : w.Substring(0, eq);
                if (labels == null || !labels.TryGetValue(key, out string? value) || (eq >= 0 && value != w.Substring(eq + 1)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The check of docker's reference filter for the image rows of one call (its patterns compiled once): whether
        /// a row passes, with its RepoTags narrowed to the matching tags as dockerd narrows them. A pattern (Go's
        /// path.Match: * and ? stop at '/', [classes], \ escapes) matches a familiar repository:tag or the repository
        /// alone (distribution's FamiliarMatch); an image without a matching name is left out. Podman 4.3 lists every
        /// name of an image one of whose names matches (observed: reference=localhost/x:1 also gave the image's other
        /// tags), so the rows are checked again here; on dockerd this keeps exactly what the engine sent. As Get-Image's
        /// own patterns, a localhost/ name (Podman's local images) also matches without localhost/, which Podman's
        /// filter does too (observed: reference=pn/other:1 lists localhost/pn/other:1); dockerd never sends a row that
        /// matches only that way. A pattern that is not valid leaves the engine's answer as it is.
        /// </summary>
        public static Func<DockerImage, bool> ReferenceFilter(IDictionary<string, IList<string>> filters)
        {
            if (!filters.TryGetValue("reference", out IList<string>? patterns) || patterns.Count == 0)
            {
                return _ => true;
            }

            var regexes = new List<Regex>();
            foreach (string pattern in patterns)
            {
                Regex? regex = PathPattern(pattern);
                if (regex == null)
                {
                    return _ => true;
                }

                regexes.Add(regex);
            }

            bool MatchesForm(string reference) => regexes.Any(r => r.IsMatch(reference) || r.IsMatch(RepositoryOf(reference)));
            bool Matches(string reference) => MatchesForm(reference)
                || (reference.StartsWith(LocalPrefix, StringComparison.Ordinal) && MatchesForm(reference.Substring(LocalPrefix.Length)));
            return image =>
            {
                image.RepoTags = image.RepoTags.Where(Matches).ToArray();
                image.RepoDigests = image.RepoDigests.Where(d => Matches(Images.ImageReference.FamiliarOf(d))).ToArray();
                return image.Repository != "<none>" ? Matches(image.Reference) : image.RepoDigests.Length > 0;
            };
        }

        private const string LocalPrefix = "localhost/";

        /// <summary>The name part of repository:tag or repository@digest (a colon before the last '/' is a port).</summary>
        private static string RepositoryOf(string reference)
        {
            int at = reference.IndexOf('@');
            string name = at < 0 ? reference : reference.Substring(0, at);
            int colon = name.LastIndexOf(':');
            return colon > name.LastIndexOf('/') ? name.Substring(0, colon) : name;
        }

        /// <summary>Go's path.Match pattern as an anchored regex; null when Go would answer ErrBadPattern.</summary>
        private static Regex? PathPattern(string pattern)
        {
            var sb = new StringBuilder("^");
            int i = 0;
            while (i < pattern.Length)
            {
                char c = pattern[i++];
                switch (c)
                {
                    case '*':
                        sb.Append("[^/]*");
                        break;
                    case '?':
                        sb.Append("[^/]");
                        break;
                    case '\\':
                        if (i >= pattern.Length)
                        {
                            return null;
                        }

                        sb.Append(Literal(pattern[i++]));
                        break;
                    case '[':
                        var cls = new StringBuilder("[");
                        if (i < pattern.Length && pattern[i] == '^')
                        {
                            cls.Append('^');
                            i++;
                        }

                        int ranges = 0;
                        while (true)
                        {
                            if (i < pattern.Length && pattern[i] == ']' && ranges > 0)
                            {
                                i++;
                                break;
                            }

                            if (!ClassChar(pattern, ref i, out char lo))
                            {
                                return null;
                            }

                            char hi = lo;
                            if (i < pattern.Length && pattern[i] == '-')
                            {
                                i++;
                                if (!ClassChar(pattern, ref i, out hi))
                                {
                                    return null;
                                }
                            }

                            // A reversed range is valid in Go and matches nothing; .NET would refuse it.
                            if (lo <= hi)
                            {
                                cls.Append(Literal(lo)).Append('-').Append(Literal(hi));
                            }

                            ranges++;
                        }

                        string body = cls.ToString();
                        sb.Append(body == "[" ? "(?!)" : body == "[^" ? "." : body + "]");
                        break;
                    default:
                        sb.Append(Literal(c));
                        break;
                }
            }

            return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        /// <summary>One character of a [class]: '-' and ']' must be escaped with '\\' (Go's getEsc).</summary>
        private static bool ClassChar(string pattern, ref int i, out char c)
        {
            c = '\0';
            if (i >= pattern.Length || pattern[i] == '-' || pattern[i] == ']')
            {
                return false;
            }

            if (pattern[i] == '\\')
            {
                i++;
                if (i >= pattern.Length)
                {
                    return false;
                }
            }

            c = pattern[i++];
            return true;
        }

        private static string Literal(char c) => "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// Adds the entries of a -Filter hashtable: @{ before = 'web'; label = 'a','b=c' }. A value may be one string
        /// or several; booleans and numbers are written as docker expects them.
        /// </summary>
        public static void AddHashtable(IDictionary<string, IList<string>> filters, IDictionary? table)
        {
            if (table == null)
            {
                return;
            }

            foreach (DictionaryEntry entry in table)
            {
                string name = Convert.ToString(PSObject.AsPSObject(entry.Key).BaseObject, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                if (name.Length == 0)
                {
                    throw new ArgumentException("A -Filter key is empty; use names such as status, label, ancestor or before.");
                }

                object? value = entry.Value is PSObject pso ? pso.BaseObject : entry.Value;
                if (value is string || !(value is IEnumerable enumerable))
                {
                    Add(filters, name, FilterValue(value, name));
                    continue;
                }

                foreach (object? item in enumerable)
                {
                    Add(filters, name, FilterValue(item is PSObject p ? p.BaseObject : item, name));
                }
            }
        }

        private static string FilterValue(object? value, string name)
        {
            switch (value)
            {
                case null:
                    throw new ArgumentException($"The -Filter entry '{name}' has no value.");
                case bool b:
                    return b ? "true" : "false";
                case IFormattable f:
                    return f.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
                default:
                    return value.ToString() ?? string.Empty;
            }
        }

        /// <summary>Case-insensitive wildcard patterns, as Get-Process -Name matches.</summary>
        public static WildcardPattern Pattern(string text) =>
            WildcardPattern.Get(text, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
    }
}
