using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DockerPS.HelpBuilder;

namespace DockerPS.Tests.Unit
{
    /// <summary>
    /// The help builder's reader takes both platyPS formats into one model: schema 2.0.0 (platyPS 0.14, what docs/
    /// holds) and platyPS v2's "PlatyPS schema version: 2024-05-01", which a contributor gets from New- or
    /// Update-MarkdownCommandHelp. The pages here are small made-up cmdlets written for these tests.
    /// </summary>
    public sealed class HelpReaderTests
    {
        private const string Fence = "```";

        // One made-up cmdlet, Get-Widget, in platyPS v2's layout: nested parameter yaml, ## ALIASES with v2's
        // placeholder, HelpUri and the other v2 front matter keys.
        private static readonly string V2Page = $@"---
document type: cmdlet
external help file: Widgets.dll-Help.xml
HelpUri: https://example.invalid/get-widget
Locale: en-US
Module Name: Widgets
ms.date: 01/15/2026
PlatyPS schema version: 2024-05-01
title: Get-Widget
---

# Get-Widget

## SYNOPSIS

Lists widgets.

## SYNTAX

### Name (Default)

{Fence}
Get-Widget [[-Name] <string[]>] [-Shape <string>] [<CommonParameters>]
{Fence}

### Id

{Fence}
Get-Widget -Id <int> [-Shape <string>] [<CommonParameters>]
{Fence}

## ALIASES

This cmdlet has the following aliases,
  {{{{Insert list of aliases}}}}

## DESCRIPTION

The Get-Widget cmdlet lists the widgets of the shelf.

## EXAMPLES

### Example 1: All widgets

{Fence}powershell
Get-Widget
{Fence}

Lists every widget.

### Example 2: Round ones by name

{Fence}powershell
Get-Widget 'w*' -Shape Round
{Fence}

Lists the round widgets whose names start with w.

## PARAMETERS

### -Id

The widget's number.

{Fence}yaml
Type: System.Int32
DefaultValue: None
SupportsWildcards: false
Aliases: []
ParameterSets:
- Name: Id
  Position: Named
  IsRequired: true
  ValueFromPipeline: false
  ValueFromPipelineByPropertyName: true
  ValueFromRemainingArguments: false
DontShow: false
AcceptedValues: []
HelpMessage: ''
{Fence}

### -Name

Widget names; wildcards match.

{Fence}yaml
Type: System.String[]
DefaultValue: ''
SupportsWildcards: true
Aliases:
- WidgetName
- N
ParameterSets:
- Name: Name
  Position: 0
  IsRequired: false
  ValueFromPipeline: true
  ValueFromPipelineByPropertyName: true
  ValueFromRemainingArguments: false
DontShow: false
AcceptedValues: []
HelpMessage: ''
{Fence}

### -Shape

Only widgets of this shape.

{Fence}yaml
Type: System.String
DefaultValue: Any
SupportsWildcards: false
Aliases: [Form]
ParameterSets:
- Name: (All)
  Position: Named
  IsRequired: false
  ValueFromPipeline: false
  ValueFromPipelineByPropertyName: false
  ValueFromRemainingArguments: false
DontShow: true
AcceptedValues:
- Round
- Square
HelpMessage: 'Round or Square'
{Fence}

### CommonParameters

This cmdlet supports the common parameters.

## INPUTS

### System.String

Widget names.

## OUTPUTS

### Widgets.Widget

One per widget.

## NOTES

Widgets are read-only.

## RELATED LINKS

- [Online Version](https://example.invalid/get-widget)
- [Set-Widget](Set-Widget.md)
";

        /// <summary>The same cmdlet in schema 2.0.0, as docs/ writes pages (type names as in the v2 page).</summary>
        private static readonly string V1Page = $@"---
external help file: Widgets.dll-Help.xml
Module Name: Widgets
online version: https://example.invalid/get-widget
schema: 2.0.0
---

# Get-Widget

## SYNOPSIS
Lists widgets.

## SYNTAX

### Name (Default)
{Fence}
Get-Widget [[-Name] <string[]>] [-Shape <string>] [<CommonParameters>]
{Fence}

### Id
{Fence}
Get-Widget -Id <int> [-Shape <string>] [<CommonParameters>]
{Fence}

## DESCRIPTION
The Get-Widget cmdlet lists the widgets of the shelf.

## EXAMPLES

### Example 1: All widgets
{Fence}powershell
Get-Widget
{Fence}

Lists every widget.

### Example 2: Round ones by name
{Fence}powershell
Get-Widget 'w*' -Shape Round
{Fence}

Lists the round widgets whose names start with w.

## PARAMETERS

### -Id
The widget's number.

{Fence}yaml
Type: System.Int32
Parameter Sets: Id
Aliases:

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
{Fence}

### -Name
Widget names; wildcards match.

{Fence}yaml
Type: System.String[]
Parameter Sets: Name
Aliases: WidgetName, N

Required: False
Position: 0
Default value: None
Accept pipeline input: True (ByValue, ByPropertyName)
Accept wildcard characters: True
{Fence}

### -Shape
Only widgets of this shape.

{Fence}yaml
Type: System.String
Parameter Sets: (All)
Aliases: Form
Accepted values: Round, Square

Required: False
Position: Named
Default value: Any
Accept pipeline input: False
Accept wildcard characters: False
{Fence}

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String
Widget names.

## OUTPUTS

### Widgets.Widget
One per widget.

## NOTES
Widgets are read-only.

## RELATED LINKS

[Online Version](https://example.invalid/get-widget)

[Set-Widget](Set-Widget.md)
";

        private static CommandHelp Read(string markdown, out List<string> errors)
        {
            errors = new List<string>();
            return MarkdownReader.ParseCommand(markdown, "docs/Get-Widget.md", errors);
        }

        [Fact]
        public void ReadsAV2PageIntoTheModel()
        {
            CommandHelp help = Read(V2Page, out List<string> errors);
            Assert.Empty(errors);
            Assert.True(help.IsPlatyPSv2);
            Assert.Equal("2024-05-01", help.Schema);
            Assert.Equal("Get-Widget", help.Name);
            Assert.Equal("Lists widgets.", help.Synopsis);
            Assert.Equal("https://example.invalid/get-widget", help.OnlineVersion);
            Assert.Equal("Widgets.dll-Help.xml", help.ExternalHelpFile);
            Assert.Equal(new[] { "Name", "Id" }, help.Syntax.Select(s => s.ParameterSetName));
            Assert.True(help.Syntax[0].IsDefault);
            Assert.Equal(2, help.Examples.Count);
            Assert.True(help.HasCommonParameters);

            ParameterHelp name = help.FindParameter("Name")!;
            Assert.Equal("System.String[]", name.Type);
            Assert.True(name.AcceptsWildcards);
            Assert.Equal(new[] { "WidgetName", "N" }, name.Aliases);
            Assert.Equal("None", name.DefaultValue); // v2's '' means no default
            ParameterUsage usage = Assert.Single(name.Usages);
            Assert.Equal("0", usage.Position);
            Assert.False(usage.Required);
            Assert.Equal("True (ByValue, ByPropertyName)", usage.PipelineInput);
            Assert.True(name.IsInSet("Name"));
            Assert.False(name.IsInSet("Id"));

            ParameterHelp id = help.FindParameter("Id")!;
            Assert.True(id.Required);
            Assert.Equal("True (ByPropertyName)", id.PipelineInput);
            Assert.Empty(id.Aliases);

            ParameterHelp shape = help.FindParameter("Shape")!;
            Assert.True(shape.InAllParameterSets);
            Assert.True(shape.DontShow);
            Assert.Equal("Any", shape.DefaultValue);
            Assert.Equal(new[] { "Form" }, shape.Aliases);
            Assert.Equal(new[] { "Round", "Square" }, shape.AcceptedValues);

            Assert.Equal("System.String", Assert.Single(help.Inputs).TypeName);
            Assert.Equal(new[] { "Online Version", "Set-Widget" }, help.RelatedLinks.Select(l => l.Text));
        }

        [Fact]
        public void BothFormatsOfOneCmdletGiveTheSameMaml()
        {
            CommandHelp v2 = Read(V2Page, out List<string> v2Errors);
            CommandHelp v1 = Read(V1Page, out List<string> v1Errors);
            Assert.Empty(v1Errors);
            Assert.Empty(v2Errors);
            Assert.False(v1.IsPlatyPSv2);
            Assert.Equal(Encoding.UTF8.GetString(MamlWriter.Write(new[] { v1 })), Encoding.UTF8.GetString(MamlWriter.Write(new[] { v2 })));
        }

        [Fact]
        public void TheAliasesPlaceholderIsNoProblemButOthersStillAre()
        {
            Read(V2Page.Replace("The Get-Widget cmdlet lists", "{{ Fill in the Description }} lists"), out List<string> errors);
            Assert.Equal("docs/Get-Widget.md: DESCRIPTION: still holds the placeholder '{{ Fill in the Description }}'.", Assert.Single(errors));
        }

        [Fact]
        public void V2YamlMistakesAreReportedOneLineEach()
        {
            string page = V2Page
                .Replace("DontShow: true", "DontShow: sometimes")
                .Replace("HelpMessage: 'Round or Square'", "HelpMessage: 'Round or Square'\nMandatory: true")
                .Replace("  Position: 0\n", "  Position: first\n");
            Read(page, out List<string> errors);
            Assert.Contains("docs/Get-Widget.md: PARAMETERS -Shape: DontShow is 'sometimes'; write true or false.", errors);
            Assert.Contains(errors, e => e.StartsWith("docs/Get-Widget.md: PARAMETERS -Shape: the yaml key 'Mandatory' is not one of: Type, DefaultValue,", StringComparison.Ordinal));
            Assert.Contains("docs/Get-Widget.md: PARAMETERS -Name: Position is 'first'; write Named or a number.", errors);
            Assert.Equal(3, errors.Count);
        }

        [Theory]
        [InlineData("PlatyPS schema version: 2024-05-01", "schema: 2.0.0", null)]
        [InlineData("PlatyPS schema version: 2024-05-01", "PlatyPS schema version: 2031-01-01",
            "docs/Get-Widget.md: front matter: 'PlatyPS schema version: 2031-01-01' is not a version this builder reads; it reads 'schema: 2.0.0' (platyPS 0.14) or 'PlatyPS schema version: 2024-05-01' (platyPS v2).")]
        [InlineData("PlatyPS schema version: 2024-05-01", "schema: 3.0.0",
            "docs/Get-Widget.md: front matter: needs 'schema: 2.0.0' (platyPS 0.14) or 'PlatyPS schema version: 2024-05-01' (platyPS v2).")]
        public void TheFrontMatterSaysWhichFormat(string from, string to, string? error)
        {
            // A 2024-05-01 page relabelled as schema 2.0.0 is read with the flat yaml rules, so it fails on its yaml keys.
            Read(V2Page.Replace(from, to), out List<string> errors);
            if (error != null)
            {
                Assert.Contains(error, errors);
            }
            else
            {
                Assert.Contains(errors, e => e.Contains("the yaml line 'DefaultValue: None' is not one of:", StringComparison.Ordinal));
            }
        }

        [Fact]
        public void TheBuilderCompilesAFolderOfV2Pages()
        {
            string dir = Path.Combine(Path.GetTempPath(), "dps-help-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(dir, "docs"));
            try
            {
                File.WriteAllText(Path.Combine(dir, "docs", "Get-Widget.md"), V2Page);
                var log = new StringWriter();
                var err = new StringWriter();
                Assert.Equal(0, DockerPS.HelpBuilder.Program.Build(Path.Combine(dir, "docs"), Path.Combine(dir, "en-US"), log, err));
                Assert.Equal(string.Empty, err.ToString());
                string maml = File.ReadAllText(Path.Combine(dir, "en-US", "Widgets.dll-Help.xml"));
                Assert.Contains("<command:name>Get-Widget</command:name>", maml);
                Assert.Contains("globbing=\"true\"", maml);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
