using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DockerPS.HelpBuilder
{
    /// <summary>
    /// Reads docs/*.md: Verb-Noun.md cmdlet pages and about_*.md topics. A cmdlet page is in either platyPS format:
    /// 0.14's "schema: 2.0.0" (one flat yaml block per parameter) or v2's "PlatyPS schema version: 2024-05-01"
    /// (nested yaml, a ## ALIASES section); both land in the same model. Problems are collected as one line each
    /// ("file: SECTION: what is wrong"), never thrown.
    /// </summary>
    public static partial class MarkdownReader
    {
        private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();
        private static readonly Regex CommandFileName = new Regex(@"^[A-Za-z]+-[A-Za-z0-9]+\.md$", RegexOptions.CultureInvariant);
        private static readonly Regex AboutFileName = new Regex(@"^about_[A-Za-z0-9_]+\.md$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex Placeholder = new Regex(@"\{\{\s*(Fill|Add|Update|Insert)\b[^}]*\}\}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex SyntaxParameter = new Regex(@"(?<![\w-])-([A-Za-z][A-Za-z0-9]*)", RegexOptions.CultureInvariant);
        private static readonly Regex PositionValue = new Regex(@"^(Named|[0-9]+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly string[] YamlKeys =
        {
            "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
            "Accept pipeline input", "Accept wildcard characters",
        };

        /// <summary>True for file names the builder treats as cmdlet pages (Verb-Noun.md).</summary>
        public static bool IsCommandPage(string fileName) => CommandFileName.IsMatch(fileName);

        /// <summary>True for about topic pages (about_*.md).</summary>
        public static bool IsAboutPage(string fileName) => AboutFileName.IsMatch(fileName);

        /// <summary>Reads every Verb-Noun.md and about_*.md of <paramref name="docsDirectory"/>, in ordinal file name order.</summary>
        public static DocsSet ReadFolder(string docsDirectory)
        {
            var set = new DocsSet();
            if (!Directory.Exists(docsDirectory))
            {
                set.Errors.Add($"{docsDirectory}: the docs folder does not exist.");
                return set;
            }

            var files = new List<string>(Directory.GetFiles(docsDirectory, "*.md"));
            files.Sort(StringComparer.Ordinal);
            foreach (string path in files)
            {
                string name = Path.GetFileName(path);
                if (IsAboutPage(name))
                {
                    set.AboutTopics.Add(ParseAbout(File.ReadAllText(path), path, set.Errors));
                }
                else if (IsCommandPage(name))
                {
                    set.Commands.Add(ParseCommand(File.ReadAllText(path), path, set.Errors));
                }
            }

            if (set.Commands.Count == 0)
            {
                set.Errors.Add($"{docsDirectory}: no cmdlet pages (Verb-Noun.md) found.");
            }

            return set;
        }

        /// <summary>Reads one cmdlet page.</summary>
        public static CommandHelp ReadCommand(string path, ICollection<string> errors) => ParseCommand(File.ReadAllText(path), path, errors);

        /// <summary>Parses one cmdlet page; <paramref name="file"/> names it in error lines and decides the expected title.</summary>
        public static CommandHelp ParseCommand(string markdown, string file, ICollection<string> errors)
        {
            var help = new CommandHelp { SourceFile = file };
            var problems = new Problems(file, errors);
            CheckPlaceholders(markdown, problems);
            Page page = Split(markdown, help.FrontMatter);

            if (page.FrontMatterSeen == false)
            {
                problems.Add("front matter", $"missing; the page must start with --- front matter holding {SchemaChoice}.");
            }
            else
            {
                if (help.FrontMatter.TryGetValue(V2SchemaKey, out string? v2Schema))
                {
                    help.Schema = v2Schema;
                    if (v2Schema != V2Schema)
                    {
                        problems.Add("front matter", $"'{V2SchemaKey}: {v2Schema}' is not a version this builder reads; it reads {SchemaChoice}.");
                    }
                }
                else if (!help.FrontMatter.TryGetValue("schema", out string? schema) || schema != V1Schema)
                {
                    problems.Add("front matter", $"needs {SchemaChoice}.");
                }

                if (help.ExternalHelpFile.Length == 0)
                {
                    problems.Add("front matter", "needs 'external help file: <Assembly>.dll-Help.xml'.");
                }
            }

            string expected = Path.GetFileNameWithoutExtension(file);
            help.Name = page.Title;
            if (page.Title.Length == 0)
            {
                problems.Add("title", $"missing the '# {expected}' heading.");
            }
            else if (!string.Equals(page.Title, expected, StringComparison.Ordinal))
            {
                problems.Add("title", $"'# {page.Title}' does not match the file name; write '# {expected}'.");
            }

            Section? synopsis = page.Find("SYNOPSIS");
            if (Required(synopsis, "SYNOPSIS", problems))
            {
                help.Synopsis = string.Join(" ", Paragraphs(synopsis!.Blocks));
                if (help.Synopsis.Length == 0)
                {
                    problems.Add("SYNOPSIS", "has no text.");
                }
            }

            Section? syntax = page.Find("SYNTAX");
            if (Required(syntax, "SYNTAX", problems))
            {
                ReadSyntax(syntax!, help, problems);
            }

            Section? description = page.Find("DESCRIPTION");
            if (Required(description, "DESCRIPTION", problems))
            {
                help.Description.AddRange(Paragraphs(description!.Blocks));
                if (help.Description.Count == 0)
                {
                    problems.Add("DESCRIPTION", "has no text.");
                }
            }

            Section? examples = page.Find("EXAMPLES");
            if (Required(examples, "EXAMPLES", problems))
            {
                ReadExamples(examples!, help, problems);
            }

            Section? parameters = page.Find("PARAMETERS");
            if (Required(parameters, "PARAMETERS", problems))
            {
                ReadParameters(parameters!, help, problems, help.IsPlatyPSv2);
                CheckSyntaxAgainstParameters(help, problems);
            }

            Section? inputs = page.Find("INPUTS");
            if (Required(inputs, "INPUTS", problems))
            {
                ReadTypes(inputs!, help.Inputs, problems);
            }

            Section? outputs = page.Find("OUTPUTS");
            if (Required(outputs, "OUTPUTS", problems))
            {
                ReadTypes(outputs!, help.Outputs, problems);
            }

            Section? notes = page.Find("NOTES");
            if (notes != null)
            {
                help.Notes.AddRange(Paragraphs(AllBlocks(notes)));
            }

            Section? links = page.Find("RELATED LINKS");
            if (links != null)
            {
                foreach (Block block in AllBlocks(links))
                {
                    CollectLinks(block, help.RelatedLinks);
                }
            }

            return help;
        }

        /// <summary>Reads one about topic.</summary>
        public static AboutTopic ReadAbout(string path, ICollection<string> errors) => ParseAbout(File.ReadAllText(path), path, errors);

        /// <summary>Parses an about topic: # about_Name, then ## Short description, ## Long description and any more sections.</summary>
        public static AboutTopic ParseAbout(string markdown, string file, ICollection<string> errors)
        {
            var topic = new AboutTopic { SourceFile = file };
            var problems = new Problems(file, errors);
            CheckPlaceholders(markdown, problems);
            Page page = Split(markdown, new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase));
            string expected = Path.GetFileNameWithoutExtension(file);
            topic.Name = page.Title;
            if (page.Title.Length == 0)
            {
                problems.Add("title", $"missing the '# {expected}' heading.");
            }
            else if (!string.Equals(page.Title, expected, StringComparison.Ordinal))
            {
                problems.Add("title", $"'# {page.Title}' does not match the file name; write '# {expected}'.");
            }

            foreach (string needed in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" })
            {
                Section? s = page.Find(needed);
                if (s == null)
                {
                    problems.Add(needed, "section is missing.");
                }
                else if (Paragraphs(AllBlocks(s)).Count == 0)
                {
                    problems.Add(needed, "has no text.");
                }
            }

            foreach (Section s in page.Sections)
            {
                var section = new AboutSection { Level = 2, Title = s.Title };
                AddAboutBlocks(s.Blocks, section.Blocks, 0);
                topic.Sections.Add(section);
                foreach (Subsection sub in s.Subsections)
                {
                    var subsection = new AboutSection { Level = 3, Title = sub.Title };
                    AddAboutBlocks(sub.Blocks, subsection.Blocks, 0);
                    topic.Sections.Add(subsection);
                }
            }

            return topic;
        }

        private static void ReadSyntax(Section section, CommandHelp help, Problems problems)
        {
            foreach (Subsection sub in section.Subsections)
            {
                string name = sub.Title;
                bool isDefault = false;
                if (name.EndsWith("(Default)", StringComparison.OrdinalIgnoreCase))
                {
                    name = name.Substring(0, name.Length - "(Default)".Length).Trim();
                    isDefault = true;
                }

                var item = new SyntaxHelp { ParameterSetName = name, IsDefault = isDefault, Code = string.Join("\n", Codes(sub.Blocks, null)) };
                if (item.Code.Length == 0)
                {
                    problems.Add("SYNTAX " + sub.Title, "has no code block with the syntax line.");
                }

                foreach (Match m in SyntaxParameter.Matches(item.Code))
                {
                    if (!item.ParameterNames.Contains(m.Groups[1].Value))
                    {
                        item.ParameterNames.Add(m.Groups[1].Value);
                    }
                }

                help.Syntax.Add(item);
            }

            if (help.Syntax.Count == 0)
            {
                problems.Add("SYNTAX", "has no '### SetName' block; write '### __AllParameterSets' for a cmdlet without parameter sets.");
            }
        }

        private static void ReadExamples(Section section, CommandHelp help, Problems problems)
        {
            foreach (Subsection sub in section.Subsections)
            {
                var example = new ExampleHelp { Title = sub.Title };
                var powershell = new List<string>(Codes(sub.Blocks, "powershell"));
                example.Code = string.Join("\n\n", Codes(sub.Blocks, null));
                example.Remarks.AddRange(Paragraphs(sub.Blocks, includeCode: false));
                if (powershell.Count == 0)
                {
                    problems.Add("EXAMPLES " + sub.Title, "has no ```powershell code block.");
                }

                if (example.Remarks.Count == 0)
                {
                    problems.Add("EXAMPLES " + sub.Title, "has no prose saying what the example does.");
                }

                help.Examples.Add(example);
            }

            if (help.Examples.Count < 2)
            {
                problems.Add("EXAMPLES", $"has {help.Examples.Count} '### Example' block(s); at least 2 are needed.");
            }
        }

        private static void ReadParameters(Section section, CommandHelp help, Problems problems, bool v2)
        {
            foreach (Subsection sub in section.Subsections)
            {
                if (string.Equals(sub.Title, "CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    help.HasCommonParameters = true;
                    continue;
                }

                string where = "PARAMETERS " + sub.Title;
                if (!sub.Title.StartsWith("-", StringComparison.Ordinal) || sub.Title.Length < 2 || sub.Title.IndexOf(' ') >= 0)
                {
                    problems.Add(where, "is not a parameter heading; write '### -Name'.");
                    continue;
                }

                var parameter = new ParameterHelp { Name = sub.Title.Substring(1) };
                parameter.Description.AddRange(Paragraphs(sub.Blocks, includeCode: false));
                if (parameter.Description.Count == 0)
                {
                    problems.Add(where, "has no description text.");
                }

                var yamlBlocks = new List<string>(Codes(sub.Blocks, "yaml"));
                if (yamlBlocks.Count == 0)
                {
                    problems.Add(where, v2
                        ? "has no ```yaml block (Type, DefaultValue, SupportsWildcards, Aliases, ParameterSets, ...)."
                        : "has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, ...).");
                }

                for (int i = 0; i < yamlBlocks.Count; i++)
                {
                    if (v2)
                    {
                        ReadParameterYamlV2(yamlBlocks[i], parameter, i == 0, where, problems);
                    }
                    else
                    {
                        ReadParameterYaml(yamlBlocks[i], parameter, i == 0, where, problems);
                    }
                }

                if (help.FindParameter(parameter.Name) != null)
                {
                    problems.Add(where, "appears twice.");
                }

                help.Parameters.Add(parameter);
            }
        }

        private static void ReadParameterYaml(string yaml, ParameterHelp parameter, bool first, string where, Problems problems)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string rawLine in yaml.Split('\n'))
            {
                string line = rawLine.TrimEnd('\r');
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                int colon = line.IndexOf(':');
                string key = colon > 0 ? line.Substring(0, colon).Trim() : line.Trim();
                if (colon <= 0 || Array.FindIndex(YamlKeys, k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) < 0)
                {
                    problems.Add(where, $"the yaml line '{line.Trim()}' is not one of: {string.Join(", ", YamlKeys)}.");
                    continue;
                }

                values[key] = Unquote(line.Substring(colon + 1).Trim());
            }

            var usage = new ParameterUsage();
            if (values.TryGetValue("Type", out string? type) && type.Length > 0)
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

            string sets = values.TryGetValue("Parameter Sets", out string? s) && s.Length > 0 ? s : "(All)";
            foreach (string name in SplitList(sets))
            {
                usage.ParameterSets.Add(name);
                if (!parameter.ParameterSets.Contains(name))
                {
                    parameter.ParameterSets.Add(name);
                }
            }

            if (values.TryGetValue("Required", out string? required))
            {
                if (bool.TryParse(required, out bool r))
                {
                    usage.Required = r;
                }
                else
                {
                    problems.Add(where, $"Required is '{required}'; write True or False.");
                }
            }

            if (values.TryGetValue("Position", out string? position) && position.Length > 0)
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

            if (values.TryGetValue("Accept pipeline input", out string? pipeline) && pipeline.Length > 0)
            {
                if (!pipeline.StartsWith("True", StringComparison.OrdinalIgnoreCase) && !pipeline.StartsWith("False", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(where, $"Accept pipeline input is '{pipeline}'; write False, True (ByValue), True (ByPropertyName) or True (ByValue, ByPropertyName).");
                }

                usage.PipelineInput = pipeline;
            }

            if (first)
            {
                if (values.TryGetValue("Aliases", out string? aliases))
                {
                    foreach (string alias in SplitList(aliases))
                    {
                        parameter.Aliases.Add(alias);
                    }
                }

                if (values.TryGetValue("Accepted values", out string? accepted))
                {
                    foreach (string value in SplitList(accepted))
                    {
                        parameter.AcceptedValues.Add(value);
                    }
                }

                if (values.TryGetValue("Default value", out string? defaultValue) && defaultValue.Length > 0)
                {
                    parameter.DefaultValue = defaultValue;
                }

                if (values.TryGetValue("Accept wildcard characters", out string? wildcards) && wildcards.Length > 0)
                {
                    if (bool.TryParse(wildcards, out bool w))
                    {
                        parameter.AcceptsWildcards = w;
                    }
                    else
                    {
                        problems.Add(where, $"Accept wildcard characters is '{wildcards}'; write True or False.");
                    }
                }
            }

            parameter.Usages.Add(usage);
        }

        private static void CheckSyntaxAgainstParameters(CommandHelp help, Problems problems)
        {
            foreach (SyntaxHelp syntax in help.Syntax)
            {
                foreach (string name in syntax.ParameterNames)
                {
                    ParameterHelp? p = help.FindParameter(name);
                    if (p == null)
                    {
                        problems.Add("SYNTAX " + syntax.ParameterSetName, $"names -{name}, which PARAMETERS does not describe.");
                    }
                    else if (p.Usages.Count > 0 && !p.IsInSet(syntax.ParameterSetName))
                    {
                        problems.Add("SYNTAX " + syntax.ParameterSetName, $"names -{name}, whose Parameter Sets do not include {syntax.ParameterSetName}.");
                    }
                }
            }
        }

        private static void ReadTypes(Section section, List<TypeHelp> types, Problems problems)
        {
            foreach (Subsection sub in section.Subsections)
            {
                var type = new TypeHelp { TypeName = sub.Title };
                type.Description.AddRange(Paragraphs(sub.Blocks));
                types.Add(type);
            }

            if (types.Count == 0)
            {
                problems.Add(section.Title, "has no '### TypeName' entry (write '### None' when there is none).");
            }
        }

        private static bool Required(Section? section, string name, Problems problems)
        {
            if (section == null)
            {
                problems.Add(name, "section is missing.");
                return false;
            }

            return true;
        }

        private static void CheckPlaceholders(string markdown, Problems problems)
        {
            string section = "front matter";
            bool inFence = false;
            string fence = string.Empty;
            foreach (string rawLine in markdown.Split('\n'))
            {
                string line = rawLine.TrimEnd('\r');
                string trimmed = line.TrimStart();
                if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
                {
                    string marker = trimmed.Substring(0, 3);
                    if (!inFence)
                    {
                        inFence = true;
                        fence = marker;
                    }
                    else if (marker == fence)
                    {
                        inFence = false;
                    }
                }
                else if (!inFence && trimmed.StartsWith("#", StringComparison.Ordinal))
                {
                    string title = trimmed.TrimStart('#').Trim();
                    section = trimmed.StartsWith("###", StringComparison.Ordinal) ? Parent(section) + " " + title : title;
                }

                // platyPS v2 writes "{{Insert list of aliases}}" into ## ALIASES on every page; MAML has no place
                // for cmdlet aliases, so the section is never read and its placeholder is no problem.
                if (string.Equals(section, "ALIASES", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (Match m in Placeholder.Matches(line))
                {
                    problems.Add(section, $"still holds the placeholder '{m.Value}'.");
                }
            }
        }

        private static string Parent(string section)
        {
            // "PARAMETERS -Name" -> "PARAMETERS": the ## part of the current location.
            foreach (string top in new[] { "SYNTAX", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "RELATED LINKS" })
            {
                if (section.StartsWith(top, StringComparison.OrdinalIgnoreCase))
                {
                    return top;
                }
            }

            return section;
        }

        // ---- page structure ------------------------------------------------------------------------------------

        private sealed class Page
        {
            public bool FrontMatterSeen;
            public string Title = string.Empty;
            public readonly List<Section> Sections = new List<Section>();

            public Section? Find(string title) =>
                Sections.Find(s => string.Equals(s.Title, title, StringComparison.OrdinalIgnoreCase));
        }

        private sealed class Section
        {
            public string Title = string.Empty;
            public readonly List<Block> Blocks = new List<Block>();
            public readonly List<Subsection> Subsections = new List<Subsection>();
        }

        private sealed class Subsection
        {
            public string Title = string.Empty;
            public readonly List<Block> Blocks = new List<Block>();
        }

        private sealed class Problems
        {
            private readonly string _file;
            private readonly ICollection<string> _errors;

            public Problems(string file, ICollection<string> errors)
            {
                _file = file;
                _errors = errors;
            }

            public void Add(string section, string message) => _errors.Add($"{_file}: {section}: {message}");
        }

        /// <summary>Cuts the document into front matter, the # title, ## sections and their ### subsections.</summary>
        private static Page Split(string markdown, SortedDictionary<string, string> frontMatter)
        {
            var page = new Page();
            MarkdownDocument document = Markdown.Parse(markdown.Replace("\r\n", "\n"), Pipeline);
            Section? section = null;
            Subsection? subsection = null;
            foreach (Block block in document)
            {
                if (block is YamlFrontMatterBlock yaml)
                {
                    page.FrontMatterSeen = true;
                    foreach (string line in yaml.Lines.ToString().Split('\n'))
                    {
                        int colon = line.IndexOf(':');
                        if (colon > 0)
                        {
                            frontMatter[line.Substring(0, colon).Trim()] = Unquote(line.Substring(colon + 1).Trim());
                        }
                    }

                    continue;
                }

                if (block is HeadingBlock heading)
                {
                    string text = InlineText(heading.Inline).Trim();
                    if (heading.Level == 1 && page.Title.Length == 0 && section == null)
                    {
                        page.Title = text;
                        continue;
                    }

                    if (heading.Level == 2)
                    {
                        section = new Section { Title = text };
                        subsection = null;
                        page.Sections.Add(section);
                        continue;
                    }

                    if (heading.Level == 3 && section != null)
                    {
                        subsection = new Subsection { Title = text };
                        section.Subsections.Add(subsection);
                        continue;
                    }
                }

                if (subsection != null)
                {
                    subsection.Blocks.Add(block);
                }
                else if (section != null)
                {
                    section.Blocks.Add(block);
                }
            }

            return page;
        }

        private static IEnumerable<Block> AllBlocks(Section section)
        {
            foreach (Block b in section.Blocks)
            {
                yield return b;
            }

            foreach (Subsection sub in section.Subsections)
            {
                foreach (Block b in sub.Blocks)
                {
                    yield return b;
                }
            }
        }

        // ---- text extraction -----------------------------------------------------------------------------------

        /// <summary>The code blocks among <paramref name="blocks"/>, all of them or only those with this info string.</summary>
        private static IEnumerable<string> Codes(IEnumerable<Block> blocks, string? language)
        {
            foreach (Block block in blocks)
            {
                if (block is FencedCodeBlock fenced)
                {
                    if (language == null || string.Equals((fenced.Info ?? string.Empty).Trim(), language, StringComparison.OrdinalIgnoreCase))
                    {
                        yield return CodeText(fenced);
                    }
                }
                else if (block is CodeBlock code && language == null)
                {
                    yield return CodeText(code);
                }
            }
        }

        private static string CodeText(LeafBlock code) => code.Lines.ToString().TrimEnd('\n', ' ');

        /// <summary>One string per paragraph, heading or list item; code blocks too unless <paramref name="includeCode"/> is false.</summary>
        private static List<string> Paragraphs(IEnumerable<Block> blocks, bool includeCode = true)
        {
            var result = new List<string>();
            foreach (Block block in blocks)
            {
                AddParagraphs(block, result, includeCode, string.Empty);
            }

            return result;
        }

        private static void AddParagraphs(Block block, List<string> result, bool includeCode, string prefix)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    AddText(result, prefix + InlineText(p.Inline));
                    break;
                case HeadingBlock h:
                    AddText(result, prefix + InlineText(h.Inline));
                    break;
                case CodeBlock c:
                    if (includeCode)
                    {
                        AddText(result, CodeText(c));
                    }

                    break;
                case ListBlock list:
                    int n = 1;
                    foreach (Block item in list)
                    {
                        string marker = list.IsOrdered ? n++.ToString(System.Globalization.CultureInfo.InvariantCulture) + ". " : "- ";
                        if (item is ListItemBlock li)
                        {
                            bool firstChild = true;
                            foreach (Block child in li)
                            {
                                AddParagraphs(child, result, includeCode, firstChild ? prefix + marker : prefix + "  ");
                                firstChild = false;
                            }
                        }
                    }

                    break;
                case ContainerBlock container:
                    foreach (Block child in container)
                    {
                        AddParagraphs(child, result, includeCode, prefix);
                    }

                    break;
            }
        }

        private static void AddText(List<string> result, string text)
        {
            string t = text.Trim();
            if (t.Length > 0)
            {
                result.Add(t);
            }
        }

        private static void AddAboutBlocks(IEnumerable<Block> blocks, List<AboutBlock> into, int depth)
        {
            foreach (Block block in blocks)
            {
                switch (block)
                {
                    case ParagraphBlock p:
                        into.Add(new AboutBlock { Kind = AboutBlockKind.Paragraph, Depth = depth, Text = InlineText(p.Inline).Trim() });
                        break;
                    case HeadingBlock h:
                        into.Add(new AboutBlock { Kind = AboutBlockKind.Paragraph, Depth = depth, Text = InlineText(h.Inline).Trim() });
                        break;
                    case CodeBlock c:
                        into.Add(new AboutBlock { Kind = AboutBlockKind.Code, Depth = depth, Text = CodeText(c) });
                        break;
                    case ListBlock list:
                        int n = 1;
                        foreach (Block item in list)
                        {
                            if (item is not ListItemBlock li)
                            {
                                continue;
                            }

                            string marker = list.IsOrdered ? n++.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." : "-";
                            bool first = true;
                            foreach (Block child in li)
                            {
                                if (first && child is ParagraphBlock lp)
                                {
                                    into.Add(new AboutBlock { Kind = AboutBlockKind.ListItem, Marker = marker, Depth = depth, Text = InlineText(lp.Inline).Trim() });
                                }
                                else
                                {
                                    AddAboutBlocks(new[] { child }, into, depth + 1);
                                }

                                first = false;
                            }
                        }

                        break;
                    case ContainerBlock container:
                        AddAboutBlocks(container, into, depth);
                        break;
                }
            }
        }

        /// <summary>Plain text of inline markdown: emphasis dropped, code spans and link texts kept, soft breaks as spaces.</summary>
        private static string InlineText(ContainerInline? inline)
        {
            var sb = new StringBuilder();
            AppendInline(inline, sb);
            return sb.ToString();
        }

        private static void AppendInline(Inline? inline, StringBuilder sb)
        {
            switch (inline)
            {
                case null:
                    return;
                case LiteralInline literal:
                    sb.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    sb.Append(lineBreak.IsHard ? "\n" : " ");
                    break;
                case AutolinkInline autolink:
                    sb.Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    sb.Append(entity.Transcoded.ToString());
                    break;
                case HtmlInline html:
                    sb.Append(html.Tag);
                    break;
                case ContainerInline container:
                    foreach (Inline child in container)
                    {
                        AppendInline(child, sb);
                    }

                    break;
            }
        }

        private static void CollectLinks(Block block, List<LinkHelp> links)
        {
            if (block is LeafBlock leaf && leaf.Inline != null)
            {
                foreach (LinkInline link in leaf.Inline.Descendants<LinkInline>())
                {
                    if (!link.IsImage)
                    {
                        links.Add(new LinkHelp { Text = InlineText(link).Trim(), Uri = link.Url ?? string.Empty });
                    }
                }

                foreach (AutolinkInline auto in leaf.Inline.Descendants<AutolinkInline>())
                {
                    links.Add(new LinkHelp { Text = auto.Url, Uri = auto.Url });
                }
            }
            else if (block is ContainerBlock container)
            {
                foreach (Block child in container)
                {
                    CollectLinks(child, links);
                }
            }
        }

        private static IEnumerable<string> SplitList(string text)
        {
            foreach (string part in text.Split(','))
            {
                string t = part.Trim();
                if (t.Length > 0 && !string.Equals(t, "None", StringComparison.Ordinal))
                {
                    yield return t;
                }
            }
        }

        private static string Unquote(string value)
        {
            if (value.Length >= 2 && ((value[0] == '\'' && value[value.Length - 1] == '\'') || (value[0] == '"' && value[value.Length - 1] == '"')))
            {
                return value.Substring(1, value.Length - 2);
            }

            return value;
        }
    }
}
