using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace DockerPS.HelpBuilder
{
    /// <summary>
    /// The platyPS v2 (Microsoft.PowerShell.PlatyPS, "PlatyPS schema version: 2024-05-01") parts of the reader. The
    /// page layout is the one schema 2.0.0 uses plus a ## ALIASES section; what differs is the parameter yaml, which
    /// v2 writes as nested YAML: one ParameterSets entry per set instead of a second flat block.
    /// </summary>
    public static partial class MarkdownReader
    {
        public const string V1Schema = "2.0.0";
        public const string V2Schema = "2024-05-01";
        public const string V2SchemaKey = "PlatyPS schema version";

        private const string SchemaChoice = "'schema: 2.0.0' (platyPS 0.14) or 'PlatyPS schema version: 2024-05-01' (platyPS v2)";

        private static readonly string[] V2Keys =
        {
            "Type", "DefaultValue", "SupportsWildcards", "Aliases", "ParameterSets", "DontShow", "AcceptedValues", "HelpMessage",
        };

        private static readonly string[] V2SetKeys =
        {
            "Name", "Position", "IsRequired", "ValueFromPipeline", "ValueFromPipelineByPropertyName", "ValueFromRemainingArguments",
        };

        private static readonly Regex V2MapEntry = new Regex(@"^(?<key>[A-Za-z][A-Za-z0-9 ._-]*):(\s+(?<value>.*))?$", RegexOptions.CultureInvariant);

        private static void ReadParameterYamlV2(string yaml, ParameterHelp parameter, bool first, string where, Problems problems)
        {
            var yamlErrors = new List<string>();
            Dictionary<string, YamlNode> map = MiniYaml.Parse(yaml, yamlErrors);
            foreach (string error in yamlErrors)
            {
                problems.Add(where, "the yaml block " + error);
            }

            foreach (string key in map.Keys)
            {
                if (Array.IndexOf(V2Keys, key) < 0)
                {
                    problems.Add(where, $"the yaml key '{key}' is not one of: {string.Join(", ", V2Keys)}.");
                }
            }

            string type = Scalar(map, "Type");
            if (type.Length > 0)
            {
                if (first)
                {
                    parameter.Type = type;
                }
                else if (!string.Equals(type, parameter.Type, StringComparison.Ordinal))
                {
                    problems.Add(where, $"the yaml blocks disagree on Type ({parameter.Type} and {type}).");
                }
            }
            else if (first)
            {
                problems.Add(where, "the yaml block has no Type.");
            }

            if (first)
            {
                string defaultValue = Scalar(map, "DefaultValue");
                if (defaultValue.Length > 0)
                {
                    parameter.DefaultValue = defaultValue;
                }

                parameter.AcceptsWildcards = Flag(map, "SupportsWildcards", where, problems);
                parameter.DontShow = Flag(map, "DontShow", where, problems);
                parameter.Aliases.AddRange(ListValue(map, "Aliases"));
                parameter.AcceptedValues.AddRange(ListValue(map, "AcceptedValues"));
            }

            if (!map.TryGetValue("ParameterSets", out YamlNode? sets) || sets.Items == null || sets.Items.Count == 0)
            {
                // As in schema 2.0.0, no sets named means every set.
                AddUsage(parameter, new ParameterUsage { ParameterSets = { "(All)" } });
                return;
            }

            foreach (YamlNode set in sets.Items)
            {
                if (set.Map == null)
                {
                    problems.Add(where, "ParameterSets holds an entry that is not a '- Name: SetName' map.");
                    continue;
                }

                foreach (string key in set.Map.Keys)
                {
                    if (Array.IndexOf(V2SetKeys, key) < 0)
                    {
                        problems.Add(where, $"the ParameterSets key '{key}' is not one of: {string.Join(", ", V2SetKeys)}.");
                    }
                }

                string name = Scalar(set.Map, "Name");
                if (name.Length == 0)
                {
                    problems.Add(where, "a ParameterSets entry has no Name.");
                    continue;
                }

                // v2 names the implicit set either way; the model spells it as schema 2.0.0 does.
                var usage = new ParameterUsage();
                usage.ParameterSets.Add(name == "__AllParameterSets" ? "(All)" : name);
                usage.Required = Flag(set.Map, "IsRequired", where, problems);

                string position = Scalar(set.Map, "Position");
                if (position.Length > 0)
                {
                    if (PositionValue.IsMatch(position))
                    {
                        usage.Position = char.IsDigit(position[0]) ? position : "Named";
                    }
                    else
                    {
                        problems.Add(where, $"Position is '{position}'; write Named or a number.");
                    }
                }

                bool byValue = Flag(set.Map, "ValueFromPipeline", where, problems);
                bool byName = Flag(set.Map, "ValueFromPipelineByPropertyName", where, problems);
                Flag(set.Map, "ValueFromRemainingArguments", where, problems);
                usage.PipelineInput = byValue && byName ? "True (ByValue, ByPropertyName)"
                    : byValue ? "True (ByValue)"
                    : byName ? "True (ByPropertyName)"
                    : "False";
                AddUsage(parameter, usage);
            }
        }

        private static void AddUsage(ParameterHelp parameter, ParameterUsage usage)
        {
            foreach (string name in usage.ParameterSets)
            {
                if (!parameter.ParameterSets.Contains(name))
                {
                    parameter.ParameterSets.Add(name);
                }
            }

            parameter.Usages.Add(usage);
        }

        private static string Scalar(Dictionary<string, YamlNode> map, string key) =>
            map.TryGetValue(key, out YamlNode? node) && node.Scalar != null ? node.Scalar : string.Empty;

        private static bool Flag(Dictionary<string, YamlNode> map, string key, string where, Problems problems)
        {
            string value = Scalar(map, key);
            if (value.Length == 0)
            {
                return false;
            }

            if (bool.TryParse(value, out bool b))
            {
                return b;
            }

            problems.Add(where, $"{key} is '{value}'; write true or false.");
            return false;
        }

        /// <summary>A list value: a block list, a flow list [a, b], or a comma-separated scalar.</summary>
        private static IEnumerable<string> ListValue(Dictionary<string, YamlNode> map, string key)
        {
            if (!map.TryGetValue(key, out YamlNode? node))
            {
                yield break;
            }

            if (node.Items != null)
            {
                foreach (YamlNode item in node.Items)
                {
                    if (item.Scalar != null && item.Scalar.Length > 0)
                    {
                        yield return item.Scalar;
                    }
                }
            }
            else if (node.Scalar != null)
            {
                foreach (string part in SplitList(node.Scalar))
                {
                    yield return part;
                }
            }
        }

        /// <summary>One YAML value: a scalar, a list or a map (exactly one is set).</summary>
        internal sealed class YamlNode
        {
            public string? Scalar;
            public List<YamlNode>? Items;
            public Dictionary<string, YamlNode>? Map;
        }

        /// <summary>
        /// The YAML subset platyPS v2 writes in a parameter block: "Key: scalar", "Key: []", "Key: [a, b]", "Key:"
        /// followed by a block list of scalars or of maps ("- Name: x" then indented "Key: value" lines), quoted
        /// scalars. Enough for these blocks without a YAML library; anything else is reported, not guessed.
        /// </summary>
        internal static class MiniYaml
        {
            public static Dictionary<string, YamlNode> Parse(string yaml, List<string> errors)
            {
                var lines = new List<string>();
                foreach (string raw in yaml.Replace("\r\n", "\n").Split('\n'))
                {
                    string line = raw.TrimEnd();
                    if (line.Trim().Length > 0 && !line.TrimStart().StartsWith("#", StringComparison.Ordinal))
                    {
                        lines.Add(line.Replace("\t", "  "));
                    }
                }

                int i = 0;
                Dictionary<string, YamlNode> map = ParseMap(lines, ref i, 0, errors);
                for (; i < lines.Count; i++)
                {
                    errors.Add($"line '{lines[i].Trim()}' is out of place.");
                }

                return map;
            }

            private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

            private static Dictionary<string, YamlNode> ParseMap(List<string> lines, ref int i, int indent, List<string> errors)
            {
                var map = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
                while (i < lines.Count)
                {
                    int lineIndent = Indent(lines[i]);
                    string text = lines[i].Trim();
                    if (lineIndent < indent)
                    {
                        break;
                    }

                    Match m = V2MapEntry.Match(text);
                    if (lineIndent > indent || !m.Success)
                    {
                        errors.Add($"line '{text}' is not a 'Key: value' line.");
                        i++;
                        continue;
                    }

                    string key = m.Groups["key"].Value.Trim();
                    string value = m.Groups["value"].Value.Trim();
                    if (map.ContainsKey(key))
                    {
                        errors.Add($"names '{key}' twice.");
                    }

                    i++;
                    if (value.Length > 0)
                    {
                        map[key] = Inline(value);
                    }
                    else if (i < lines.Count && Indent(lines[i]) >= indent && lines[i].TrimStart().StartsWith("-", StringComparison.Ordinal))
                    {
                        map[key] = new YamlNode { Items = ParseList(lines, ref i, Indent(lines[i]), errors) };
                    }
                    else if (i < lines.Count && Indent(lines[i]) > indent)
                    {
                        map[key] = new YamlNode { Map = ParseMap(lines, ref i, Indent(lines[i]), errors) };
                    }
                    else
                    {
                        map[key] = new YamlNode { Scalar = string.Empty };
                    }
                }

                return map;
            }

            private static List<YamlNode> ParseList(List<string> lines, ref int i, int indent, List<string> errors)
            {
                var items = new List<YamlNode>();
                while (i < lines.Count && Indent(lines[i]) == indent && lines[i].TrimStart().StartsWith("-", StringComparison.Ordinal))
                {
                    string afterDash = lines[i].TrimStart().Substring(1);
                    string content = afterDash.TrimStart();
                    bool quoted = content.StartsWith("'", StringComparison.Ordinal) || content.StartsWith("\"", StringComparison.Ordinal);
                    if (!quoted && V2MapEntry.IsMatch(content))
                    {
                        // "- Name: x" opens a map whose keys line up with "Name": read it as if the dash were a space.
                        int column = indent + 1 + (afterDash.Length - content.Length);
                        lines[i] = new string(' ', column) + content;
                        items.Add(new YamlNode { Map = ParseMap(lines, ref i, column, errors) });
                    }
                    else
                    {
                        items.Add(Inline(content));
                        i++;
                    }
                }

                return items;
            }

            private static YamlNode Inline(string value)
            {
                if (value.StartsWith("[", StringComparison.Ordinal) && value.EndsWith("]", StringComparison.Ordinal))
                {
                    var items = new List<YamlNode>();
                    foreach (string part in value.Substring(1, value.Length - 2).Split(','))
                    {
                        string t = Unquote(part.Trim());
                        if (t.Length > 0)
                        {
                            items.Add(new YamlNode { Scalar = t });
                        }
                    }

                    return new YamlNode { Items = items };
                }

                return new YamlNode { Scalar = Unquote(value) };
            }
        }
    }
}
