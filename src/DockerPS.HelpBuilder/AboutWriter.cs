using System;
using System.Collections.Generic;
using System.Text;

namespace DockerPS.HelpBuilder
{
    /// <summary>
    /// Writes an about topic as about_Name.help.txt: TOPIC, SHORT DESCRIPTION, LONG DESCRIPTION and the other
    /// sections as upper-case headings at column 0, text wrapped at 80 columns and indented 4, ### headings indented 2,
    /// code indented 8 and kept verbatim.
    /// </summary>
    public static class AboutWriter
    {
        private const int Width = 80;

        /// <summary>The help.txt text (LF line ends, ending with one newline).</summary>
        public static string Write(AboutTopic topic)
        {
            var sb = new StringBuilder();
            sb.Append("TOPIC\n");
            sb.Append("    ").Append(topic.Name).Append("\n");
            foreach (AboutSection section in topic.Sections)
            {
                sb.Append('\n');
                if (section.Level == 2)
                {
                    sb.Append(section.Title.ToUpperInvariant()).Append('\n');
                }
                else
                {
                    sb.Append("  ").Append(section.Title).Append('\n');
                }

                bool first = true;
                AboutBlockKind previous = AboutBlockKind.Paragraph;
                foreach (AboutBlock block in section.Blocks)
                {
                    // Consecutive list items stay together; everything else is separated by a blank line.
                    if (!first && !(block.Kind == AboutBlockKind.ListItem && previous == AboutBlockKind.ListItem))
                    {
                        sb.Append('\n');
                    }

                    WriteBlock(sb, block);
                    previous = block.Kind;
                    first = false;
                }
            }

            return sb.ToString();
        }

        private static void WriteBlock(StringBuilder sb, AboutBlock block)
        {
            string indent = new string(' ', 4 + (block.Depth * 4));
            switch (block.Kind)
            {
                case AboutBlockKind.Code:
                    foreach (string line in block.Text.Split('\n'))
                    {
                        string l = line.TrimEnd('\r', ' ');
                        sb.Append(l.Length == 0 ? string.Empty : indent + "    " + l).Append('\n');
                    }

                    break;
                case AboutBlockKind.ListItem:
                    string marker = block.Marker + " ";
                    Wrap(sb, block.Text, indent + marker, indent + new string(' ', marker.Length));
                    break;
                default:
                    Wrap(sb, block.Text, indent, indent);
                    break;
            }
        }

        /// <summary>Greedy word wrap; hard line breaks in the text start new lines; a word longer than the width stays whole.</summary>
        private static void Wrap(StringBuilder sb, string text, string firstIndent, string nextIndent)
        {
            string indent = firstIndent;
            foreach (string hardLine in text.Split('\n'))
            {
                var line = new StringBuilder(indent);
                bool empty = true;
                foreach (string word in hardLine.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!empty && line.Length + 1 + word.Length > Width)
                    {
                        sb.Append(line).Append('\n');
                        line.Clear().Append(nextIndent);
                        empty = true;
                    }

                    if (!empty)
                    {
                        line.Append(' ');
                    }

                    line.Append(word);
                    empty = false;
                }

                sb.Append(line.ToString().TrimEnd()).Append('\n');
                indent = nextIndent;
            }
        }
    }
}
