using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace DockerPS.Filters
{
    /// <summary>Turns -Label / -Option hashtables into string maps for the engine.</summary>
    internal static class Hashtables
    {
        /// <summary>Copies <paramref name="table"/> into <paramref name="target"/>; keys must be non-empty, values become invariant strings.</summary>
        public static void CopyInto(IDictionary? table, IDictionary<string, string> target, string parameter)
        {
            if (table == null)
            {
                return;
            }

            foreach (DictionaryEntry entry in table)
            {
                string key = Text(entry.Key);
                if (key.Length == 0)
                {
                    throw new ArgumentException($"A {parameter} key is empty.");
                }

                target[key] = Text(entry.Value);
            }
        }

        private static string Text(object? value)
        {
            object? v = value is PSObject p ? p.BaseObject : value;
            switch (v)
            {
                case null:
                    return string.Empty;
                case bool b:
                    return b ? "true" : "false";
                case IFormattable f:
                    return f.ToString(null, CultureInfo.InvariantCulture);
                default:
                    return v.ToString() ?? string.Empty;
            }
        }
    }
}
