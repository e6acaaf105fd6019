using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

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
