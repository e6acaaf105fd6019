using System;
using System.Collections.Generic;

namespace DockerPS.HelpBuilder
{
    /// <summary>One cmdlet page (docs/Verb-Noun.md, platyPS schema 2.0.0 or v2's 2024-05-01) as the reader understood it.</summary>
    public sealed class CommandHelp
    {
        /// <summary>The page the help came from, as given to the reader.</summary>
        public string SourceFile { get; set; } = string.Empty;

        /// <summary>The front matter keys and values ("external help file", "Module Name", "online version", "schema", ...).</summary>
        public SortedDictionary<string, string> FrontMatter { get; } = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Verb-Noun, from the # title.</summary>
        public string Name { get; set; } = string.Empty;

        public string Verb => Name.IndexOf('-') > 0 ? Name.Substring(0, Name.IndexOf('-')) : Name;

        public string Noun => Name.IndexOf('-') > 0 ? Name.Substring(Name.IndexOf('-') + 1) : string.Empty;

        /// <summary>The "external help file" front matter value: the MAML file this page goes into.</summary>
        public string ExternalHelpFile => FrontMatter.TryGetValue("external help file", out string? v) ? v : string.Empty;

        /// <summary>The platyPS format of the page: "2.0.0" (platyPS 0.14) or "2024-05-01" (platyPS v2).</summary>
        public string Schema { get; set; } = "2.0.0";

        public bool IsPlatyPSv2 => Schema != "2.0.0";

        /// <summary>The "online version" (platyPS 0.14) or "HelpUri" (platyPS v2) front matter value, or empty.</summary>
        public string OnlineVersion =>
            FrontMatter.TryGetValue("online version", out string? v) && v.Length > 0 ? v
            : FrontMatter.TryGetValue("HelpUri", out string? uri) ? uri : string.Empty;

        /// <summary>The SYNOPSIS paragraphs joined with spaces.</summary>
        public string Synopsis { get; set; } = string.Empty;

        /// <summary>The DESCRIPTION, one entry per paragraph (list items and code blocks are paragraphs too).</summary>
        public List<string> Description { get; } = new List<string>();

        /// <summary>The SYNTAX section: one entry per ### parameter set heading, in page order.</summary>
        public List<SyntaxHelp> Syntax { get; } = new List<SyntaxHelp>();

        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();

        /// <summary>The PARAMETERS section in page order, without ### CommonParameters.</summary>
        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();

        /// <summary>True when the PARAMETERS section ends with ### CommonParameters.</summary>
        public bool HasCommonParameters { get; set; }

        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();

        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();

        /// <summary>The NOTES paragraphs.</summary>
        public List<string> Notes { get; } = new List<string>();

        public List<LinkHelp> RelatedLinks { get; } = new List<LinkHelp>();

        /// <summary>The parameter with this name (case-insensitive), or null.</summary>
        public ParameterHelp? FindParameter(string name)
        {
            foreach (ParameterHelp p in Parameters)
            {
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return p;
                }
            }

            return null;
        }
    }

    /// <summary>One ### SetName block of the SYNTAX section.</summary>
    public sealed class SyntaxHelp
    {
        /// <summary>The set name without " (Default)"; __AllParameterSets for cmdlets without named sets.</summary>
        public string ParameterSetName { get; set; } = string.Empty;

        public bool IsDefault { get; set; }

        /// <summary>The syntax line(s) as written in the code block.</summary>
        public string Code { get; set; } = string.Empty;

        /// <summary>The -Names the code block mentions, in order.</summary>
        public List<string> ParameterNames { get; } = new List<string>();
    }

    /// <summary>One ### Example.</summary>
    public sealed class ExampleHelp
    {
        /// <summary>The heading text, e.g. "Example 1: List running containers".</summary>
        public string Title { get; set; } = string.Empty;

        /// <summary>The code blocks of the example, joined by a blank line.</summary>
        public string Code { get; set; } = string.Empty;

        /// <summary>The prose paragraphs (before and after the code).</summary>
        public List<string> Remarks { get; } = new List<string>();
    }

    /// <summary>One ### -Name entry of the PARAMETERS section.</summary>
    public sealed class ParameterHelp
    {
        /// <summary>The parameter name without the dash.</summary>
        public string Name { get; set; } = string.Empty;

        public List<string> Description { get; } = new List<string>();

        /// <summary>The Type value as written: String[], SwitchParameter, Hashtable, ...</summary>
        public string Type { get; set; } = string.Empty;

        /// <summary>The union of the Parameter Sets of every yaml block, as written; "(All)" means every set.</summary>
        public List<string> ParameterSets { get; } = new List<string>();

        /// <summary>True when Parameter Sets says (All).</summary>
        public bool InAllParameterSets => ParameterSets.Exists(s => s == "(All)");

        public List<string> Aliases { get; } = new List<string>();

        public List<string> AcceptedValues { get; } = new List<string>();

        /// <summary>Required in the first yaml block.</summary>
        public bool Required => Usages.Count > 0 && Usages[0].Required;

        /// <summary>"Named" or the position number, from the first yaml block.</summary>
        public string Position => Usages.Count > 0 ? Usages[0].Position : "Named";

        /// <summary>The Default value as written; "None" when the page says nothing.</summary>
        public string DefaultValue { get; set; } = "None";

        /// <summary>Accept pipeline input from the first yaml block: False, True (ByValue), True (ByPropertyName), ...</summary>
        public string PipelineInput => Usages.Count > 0 ? Usages[0].PipelineInput : "False";

        public bool AcceptsWildcards { get; set; }

        /// <summary>platyPS v2's DontShow: the parameter is hidden ([Parameter(DontShow = true)]). Schema 2.0.0 cannot say it.</summary>
        public bool DontShow { get; set; }

        /// <summary>
        /// One entry per yaml block. Schema 2.0.0 writes a second block when a parameter is required, positional or
        /// piped differently in another set.
        /// </summary>
        public List<ParameterUsage> Usages { get; } = new List<ParameterUsage>();

        /// <summary>True when the parameter is in <paramref name="setName"/> (or in all sets).</summary>
        public bool IsInSet(string setName) => UsageFor(setName) != null;

        /// <summary>The yaml block that covers <paramref name="setName"/>, or null.</summary>
        public ParameterUsage? UsageFor(string setName)
        {
            foreach (ParameterUsage u in Usages)
            {
                if (setName == "__AllParameterSets" || u.InAllSets || u.ParameterSets.Exists(s => string.Equals(s, setName, StringComparison.OrdinalIgnoreCase)))
                {
                    return u;
                }
            }

            return null;
        }
    }

    /// <summary>What one yaml block says about the sets it covers.</summary>
    public sealed class ParameterUsage
    {
        public List<string> ParameterSets { get; } = new List<string>();

        public bool InAllSets => ParameterSets.Exists(s => s == "(All)");

        public bool Required { get; set; }

        /// <summary>"Named" or a number.</summary>
        public string Position { get; set; } = "Named";

        public string PipelineInput { get; set; } = "False";

        public bool ByValue => PipelineInput.IndexOf("ByValue", StringComparison.OrdinalIgnoreCase) >= 0;

        public bool ByPropertyName => PipelineInput.IndexOf("ByPropertyName", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>One ### TypeName entry of INPUTS or OUTPUTS.</summary>
    public sealed class TypeHelp
    {
        public string TypeName { get; set; } = string.Empty;

        public List<string> Description { get; } = new List<string>();
    }

    /// <summary>One [text](url) of RELATED LINKS.</summary>
    public sealed class LinkHelp
    {
        public string Text { get; set; } = string.Empty;

        public string Uri { get; set; } = string.Empty;
    }

    /// <summary>An about topic (docs/about_*.md).</summary>
    public sealed class AboutTopic
    {
        public string SourceFile { get; set; } = string.Empty;

        /// <summary>about_Name, from the # title.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The ## sections in page order; Short description and Long description among them.</summary>
        public List<AboutSection> Sections { get; } = new List<AboutSection>();
    }

    /// <summary>A ## (level 2) or ### (level 3) heading of an about topic and the blocks under it.</summary>
    public sealed class AboutSection
    {
        public int Level { get; set; } = 2;

        public string Title { get; set; } = string.Empty;

        public List<AboutBlock> Blocks { get; } = new List<AboutBlock>();
    }

    public enum AboutBlockKind
    {
        Paragraph,
        ListItem,
        Code,
    }

    /// <summary>A paragraph, a list item (Marker "-" or "1.") or a code block (Text verbatim).</summary>
    public sealed class AboutBlock
    {
        public AboutBlockKind Kind { get; set; }

        public string Marker { get; set; } = string.Empty;

        /// <summary>List nesting depth, 0 for top-level items.</summary>
        public int Depth { get; set; }

        public string Text { get; set; } = string.Empty;
    }

    /// <summary>All pages of a docs folder.</summary>
    public sealed class DocsSet
    {
        public List<CommandHelp> Commands { get; } = new List<CommandHelp>();

        public List<AboutTopic> AboutTopics { get; } = new List<AboutTopic>();

        /// <summary>One line per problem: "file: SECTION: what is wrong".</summary>
        public List<string> Errors { get; } = new List<string>();
    }
}
