using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;

namespace DockerPS.HelpBuilder
{
    /// <summary>
    /// Writes cmdlet help as MAML (&lt;Assembly&gt;.dll-Help.xml), the shape Get-Help reads in Windows PowerShell 5.1 and
    /// PowerShell 7: helpItems (xmlns http://msh) holding one command:command per cmdlet.
    /// </summary>
    public static class MamlWriter
    {
        public const string MshNamespace = "http://msh";
        public const string MamlNamespace = "http://schemas.microsoft.com/maml/2004/10";
        public const string CommandNamespace = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public const string DevNamespace = "http://schemas.microsoft.com/maml/dev/2004/10";
        public const string MsHelpNamespace = "http://msdn.microsoft.com/mshelp";

        private const string AllSets = "__AllParameterSets";

        /// <summary>The MAML document for <paramref name="commands"/>, in the order given, as UTF-8 bytes (no BOM, LF line ends).</summary>
        public static byte[] Write(IEnumerable<CommandHelp> commands)
        {
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false),
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\n",
                NewLineHandling = NewLineHandling.Replace,
            };

            using var stream = new MemoryStream();
            using (XmlWriter w = XmlWriter.Create(stream, settings))
            {
                w.WriteStartDocument();
                w.WriteStartElement("helpItems", MshNamespace);
                w.WriteAttributeString("schema", "maml");
                foreach (CommandHelp command in commands)
                {
                    WriteCommand(w, command);
                }

                w.WriteEndElement();
                w.WriteEndDocument();
            }

            stream.WriteByte((byte)'\n');
            return stream.ToArray();
        }

        private static void WriteCommand(XmlWriter w, CommandHelp c)
        {
            w.WriteStartElement("command", "command", CommandNamespace);
            w.WriteAttributeString("xmlns", "maml", null, MamlNamespace);
            w.WriteAttributeString("xmlns", "command", null, CommandNamespace);
            w.WriteAttributeString("xmlns", "dev", null, DevNamespace);
            w.WriteAttributeString("xmlns", "MSHelp", null, MsHelpNamespace);

            w.WriteStartElement("command", "details", CommandNamespace);
            w.WriteElementString("command", "name", CommandNamespace, c.Name);
            w.WriteElementString("command", "verb", CommandNamespace, c.Verb);
            w.WriteElementString("command", "noun", CommandNamespace, c.Noun);
            WriteDescription(w, new[] { c.Synopsis });
            w.WriteEndElement();

            WriteDescription(w, c.Description);

            w.WriteStartElement("command", "syntax", CommandNamespace);
            foreach (SyntaxHelp syntax in SyntaxSets(c))
            {
                w.WriteStartElement("command", "syntaxItem", CommandNamespace);
                w.WriteElementString("maml", "name", MamlNamespace, c.Name);
                foreach (ParameterHelp p in SyntaxParameters(c, syntax))
                {
                    WriteParameter(w, p, p.UsageFor(syntax.ParameterSetName)!, inSyntax: true);
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();

            w.WriteStartElement("command", "parameters", CommandNamespace);
            foreach (ParameterHelp p in c.Parameters)
            {
                WriteParameter(w, p, p.Usages.Count > 0 ? p.Usages[0] : new ParameterUsage(), inSyntax: false);
            }

            w.WriteEndElement();

            WriteTypes(w, "inputTypes", "inputType", c.Inputs);
            WriteTypes(w, "returnValues", "returnValue", c.Outputs);

            w.WriteStartElement("maml", "alertSet", MamlNamespace);
            w.WriteStartElement("maml", "alert", MamlNamespace);
            WriteParas(w, c.Notes);
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("command", "examples", CommandNamespace);
            foreach (ExampleHelp example in c.Examples)
            {
                w.WriteStartElement("command", "example", CommandNamespace);
                w.WriteElementString("maml", "title", MamlNamespace, "-------------------------- " + example.Title + " --------------------------");
                w.WriteElementString("dev", "code", DevNamespace, example.Code);
                w.WriteStartElement("dev", "remarks", DevNamespace);
                WriteParas(w, example.Remarks);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();

            w.WriteStartElement("command", "relatedLinks", CommandNamespace);
            if (c.OnlineVersion.Length > 0)
            {
                WriteLink(w, "Online Version:", c.OnlineVersion);
            }

            foreach (LinkHelp link in c.RelatedLinks)
            {
                // Links between pages (Get-Image.md) mean nothing to Get-Help: keep the text, drop the address.
                bool absolute = Uri.TryCreate(link.Uri, UriKind.Absolute, out Uri? uri) && (uri.Scheme == "http" || uri.Scheme == "https");
                WriteLink(w, link.Text, absolute ? link.Uri : string.Empty);
            }

            w.WriteEndElement();

            w.WriteEndElement();
        }

        /// <summary>The parameter sets to show: the SYNTAX headings, else the sets the parameters name, else one unnamed set.</summary>
        private static IEnumerable<SyntaxHelp> SyntaxSets(CommandHelp c)
        {
            if (c.Syntax.Count > 0)
            {
                return c.Syntax;
            }

            var sets = new List<SyntaxHelp>();
            foreach (ParameterHelp p in c.Parameters)
            {
                foreach (string name in p.ParameterSets)
                {
                    if (name != "(All)" && !sets.Exists(s => string.Equals(s.ParameterSetName, name, StringComparison.OrdinalIgnoreCase)))
                    {
                        sets.Add(new SyntaxHelp { ParameterSetName = name });
                    }
                }
            }

            if (sets.Count == 0)
            {
                sets.Add(new SyntaxHelp { ParameterSetName = AllSets });
            }

            return sets;
        }

        /// <summary>
        /// The parameters of one syntax item: those its SYNTAX code block names, in that order (so a hidden parameter
        /// the block leaves out stays out); without a code block, every parameter of the set in page order.
        /// </summary>
        private static List<ParameterHelp> SyntaxParameters(CommandHelp c, SyntaxHelp syntax)
        {
            var result = new List<ParameterHelp>();
            if (syntax.ParameterNames.Count > 0)
            {
                foreach (string name in syntax.ParameterNames)
                {
                    ParameterHelp? p = c.FindParameter(name);
                    if (p != null && p.IsInSet(syntax.ParameterSetName) && !result.Contains(p))
                    {
                        result.Add(p);
                    }
                }

                return result;
            }

            if (syntax.Code.Length > 0)
            {
                return result;
            }

            foreach (ParameterHelp p in c.Parameters)
            {
                if (p.IsInSet(syntax.ParameterSetName))
                {
                    result.Add(p);
                }
            }

            return result;
        }

        private static void WriteParameter(XmlWriter w, ParameterHelp p, ParameterUsage usage, bool inSyntax)
        {
            bool isSwitch = string.Equals(p.Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase)
                || string.Equals(p.Type, "System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase);
            bool isArray = p.Type.EndsWith("[]", StringComparison.Ordinal);

            w.WriteStartElement("command", "parameter", CommandNamespace);
            w.WriteAttributeString("required", usage.Required ? "true" : "false");
            w.WriteAttributeString("variableLength", isArray ? "true" : "false");
            w.WriteAttributeString("globbing", p.AcceptsWildcards ? "true" : "false");
            w.WriteAttributeString("pipelineInput", usage.PipelineInput);
            w.WriteAttributeString("position", usage.Position == "Named" ? "named" : usage.Position);
            w.WriteAttributeString("aliases", p.Aliases.Count > 0 ? string.Join(", ", p.Aliases) : "none");
            w.WriteElementString("maml", "name", MamlNamespace, p.Name);
            WriteDescription(w, p.Description);

            if (p.AcceptedValues.Count > 0)
            {
                w.WriteStartElement("command", "parameterValueGroup", CommandNamespace);
                foreach (string value in p.AcceptedValues)
                {
                    w.WriteStartElement("command", "parameterValue", CommandNamespace);
                    w.WriteAttributeString("required", "false");
                    w.WriteAttributeString("command", "variableLength", CommandNamespace, "false");
                    w.WriteString(value);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            // A switch shows as [-All] in the syntax, so its syntax entry carries no value placeholder.
            if (!(isSwitch && inSyntax) && p.AcceptedValues.Count == 0)
            {
                w.WriteStartElement("command", "parameterValue", CommandNamespace);
                w.WriteAttributeString("required", isSwitch ? "false" : "true");
                w.WriteAttributeString("variableLength", isArray ? "true" : "false");
                w.WriteString(p.Type);
                w.WriteEndElement();
            }

            w.WriteStartElement("dev", "type", DevNamespace);
            w.WriteElementString("maml", "name", MamlNamespace, p.Type);
            w.WriteElementString("maml", "uri", MamlNamespace, string.Empty);
            w.WriteEndElement();
            w.WriteElementString("dev", "defaultValue", DevNamespace, p.DefaultValue);
            w.WriteEndElement();
        }

        private static void WriteTypes(XmlWriter w, string listName, string itemName, List<TypeHelp> types)
        {
            w.WriteStartElement("command", listName, CommandNamespace);
            foreach (TypeHelp t in types)
            {
                w.WriteStartElement("command", itemName, CommandNamespace);
                w.WriteStartElement("dev", "type", DevNamespace);
                w.WriteElementString("maml", "name", MamlNamespace, t.TypeName);
                w.WriteEndElement();
                WriteDescription(w, t.Description);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        private static void WriteLink(XmlWriter w, string text, string uri)
        {
            w.WriteStartElement("maml", "navigationLink", MamlNamespace);
            w.WriteElementString("maml", "linkText", MamlNamespace, text);
            w.WriteElementString("maml", "uri", MamlNamespace, uri);
            w.WriteEndElement();
        }

        private static void WriteDescription(XmlWriter w, IEnumerable<string> paragraphs)
        {
            w.WriteStartElement("maml", "description", MamlNamespace);
            WriteParas(w, paragraphs);
            w.WriteEndElement();
        }

        private static void WriteParas(XmlWriter w, IEnumerable<string> paragraphs)
        {
            bool any = false;
            foreach (string text in paragraphs)
            {
                any = true;
                w.WriteElementString("maml", "para", MamlNamespace, text);
            }

            if (!any)
            {
                w.WriteElementString("maml", "para", MamlNamespace, string.Empty);
            }
        }
    }
}
