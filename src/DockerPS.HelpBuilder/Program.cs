using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DockerPS.HelpBuilder
{
    /// <summary>
    /// dotnet DockerPS.HelpBuilder.dll --docs &lt;docsDir&gt; --out &lt;outDir&gt;
    /// Exit 0: help written. Exit 1: the docs have problems (one line each on stderr), nothing written.
    /// Exit 2: bad command line.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string? docs = null;
            string? output = null;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--docs" && i + 1 < args.Length)
                {
                    docs = args[++i];
                }
                else if (args[i] == "--out" && i + 1 < args.Length)
                {
                    output = args[++i];
                }
                else
                {
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                    docs = null;
                    break;
                }
            }

            if (docs == null || output == null)
            {
                Console.Error.WriteLine("Usage: dotnet DockerPS.HelpBuilder.dll --docs <docsDir> --out <outDir>");
                return 2;
            }

            return Build(docs, output, Console.Out, Console.Error);
        }

        /// <summary>Reads <paramref name="docsDirectory"/> and writes the MAML and about files into <paramref name="outDirectory"/>.</summary>
        public static int Build(string docsDirectory, string outDirectory, TextWriter log, TextWriter errors)
        {
            DocsSet set = MarkdownReader.ReadFolder(docsDirectory);
            CheckHelpFileNames(set);
            if (set.Errors.Count > 0)
            {
                foreach (string line in set.Errors)
                {
                    errors.WriteLine(line);
                }

                errors.WriteLine($"Help not built: {set.Errors.Count} problem(s) in {docsDirectory}.");
                return 1;
            }

            Directory.CreateDirectory(outDirectory);

            // One MAML file per 'external help file' value (all DockerPS pages name DockerPS.dll-Help.xml).
            var byFile = new SortedDictionary<string, List<CommandHelp>>(StringComparer.Ordinal);
            foreach (CommandHelp command in set.Commands)
            {
                if (!byFile.TryGetValue(command.ExternalHelpFile, out List<CommandHelp>? list))
                {
                    list = new List<CommandHelp>();
                    byFile[command.ExternalHelpFile] = list;
                }

                list.Add(command);
            }

            foreach (KeyValuePair<string, List<CommandHelp>> entry in byFile)
            {
                string path = Path.Combine(outDirectory, entry.Key);
                File.WriteAllBytes(path, MamlWriter.Write(entry.Value));
                log.WriteLine($"{path}: {entry.Value.Count} cmdlet(s)");
            }

            foreach (AboutTopic topic in set.AboutTopics)
            {
                string path = Path.Combine(outDirectory, topic.Name + ".help.txt");
                File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(AboutWriter.Write(topic)));
                log.WriteLine(path);
            }

            return 0;
        }

        private static void CheckHelpFileNames(DocsSet set)
        {
            foreach (CommandHelp command in set.Commands)
            {
                string name = command.ExternalHelpFile;
                if (name.Length > 0 && (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.IndexOfAny(new[] { '/', '\\' }) >= 0
                    || !name.EndsWith("-Help.xml", StringComparison.OrdinalIgnoreCase)))
                {
                    set.Errors.Add($"{command.SourceFile}: front matter: 'external help file: {name}' is not a file name ending in -Help.xml.");
                }
            }
        }
    }
}
