using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using DockerPS.Errors;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Unit
{
    /// <summary>
    /// The ErrorId catalogue (src/DockerPS/Errors/ErrorIds.cs) is the one list of ErrorIds: docs name only what it has,
    /// it has nothing unused, and no ErrorId is spelled as a string literal anywhere else in src/.
    /// </summary>
    public sealed class ErrorCatalogueTests
    {
        private static readonly Dictionary<string, string> Catalogue = typeof(ErrorIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

        /// <summary>Words ErrorIds end (or start) with; a backticked name in docs/ that has none of them is a property or type name.</summary>
        private static readonly Regex IdShape = new Regex(
            "^(Invalid[A-Z]\\w+|Ambiguous\\w+Id|\\w+(NotFound|InUse|IsRunning|NotRunning|IsPaused|NotPaused|Conflict|InvalidRequest|NotModified|Failed"
            + "|Unavailable|Required|Rejected|Unreadable|Mismatch|NotSupported|Exists|Unreachable|Timeout|Denied|Error|NotManager|NotActive"
            + "|AlreadyJoined|Locked|IsFolder|NotAFolder|WithFolder|WithTag|OnDifferentEngines|UnknownKey|Missing|ToUpdate))$",
            RegexOptions.CultureInvariant);

        [Fact]
        public void ConstantNamesAreTheirValues()
        {
            Assert.True(Catalogue.Count > 100, $"only {Catalogue.Count} constants in ErrorIds");
            Assert.All(Catalogue, c => Assert.Equal(c.Key, c.Value));
        }

        [Fact]
        public void EveryErrorIdTheDocsNameIsInTheCatalogue()
        {
            // Names that are not ErrorIds even when they look like one: properties and types of the module.
            var notIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (Type t in typeof(ErrorMapper).Assembly.GetTypes().Where(t => t.IsPublic))
            {
                notIds.Add(t.Name);
                foreach (PropertyInfo p in t.GetProperties())
                {
                    notIds.Add(p.Name);
                }
            }

            var named = new Dictionary<string, string>(StringComparer.Ordinal);
            IEnumerable<string> pages = Directory.GetFiles(Path.Combine(Paths.RepoRoot, "docs"), "*.md")
                .Append(Path.Combine(Paths.RepoRoot, "README.md"));
            foreach (string page in pages)
            {
                foreach (Match m in Regex.Matches(File.ReadAllText(page), "`([A-Z][a-z]+[A-Z][A-Za-z]+)`"))
                {
                    string name = m.Groups[1].Value;
                    if (IdShape.IsMatch(name) && !notIds.Contains(name))
                    {
                        named[name] = Path.GetFileName(page);
                    }
                }
            }

            Assert.True(named.Count > 50, $"the docs name only {named.Count} ErrorIds: is the scan still finding them?");
            string[] unknown = named.Where(n => !Catalogue.ContainsKey(n.Key)).Select(n => $"{n.Key} ({n.Value})").OrderBy(s => s).ToArray();
            Assert.True(unknown.Length == 0, "ErrorIds named in docs but not in ErrorIds.cs: " + string.Join(", ", unknown));
        }

        [Fact]
        public void EveryCatalogueIdIsUsedInSrc()
        {
            string src = string.Join("\n", SourceFiles().Select(File.ReadAllText));
            string[] unused = Catalogue.Keys.Where(id => !Regex.IsMatch(src, "\\bErrorIds\\." + id + "\\b")).OrderBy(s => s).ToArray();
            Assert.True(unused.Length == 0, "ErrorIds constants that no code uses: " + string.Join(", ", unused));
        }

        [Fact]
        public void NoErrorIdIsAStringLiteralOutsideTheCatalogue()
        {
            var found = new List<string>();
            foreach (string file in SourceFiles())
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    string code = lines[i].TrimStart();
                    if (code.StartsWith("//", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    foreach (Match m in Regex.Matches(code, "\"([A-Za-z]+)\"(\\s*,\\s*ErrorCategory\\.)?"))
                    {
                        // A literal that is a catalogue value, or any literal in the ErrorId position before a category.
                        if (Catalogue.ContainsKey(m.Groups[1].Value) || m.Groups[2].Success)
                        {
                            found.Add($"{Path.GetRelativePath(Paths.RepoRoot, file)}:{i + 1}: {m.Value}");
                        }
                    }

                    if (Regex.IsMatch(code, "const string \\w+ = nameof\\(") && !file.EndsWith("ErrorIds.cs", StringComparison.Ordinal))
                    {
                        found.Add($"{Path.GetRelativePath(Paths.RepoRoot, file)}:{i + 1}: {code}");
                    }
                }
            }

            Assert.True(found.Count == 0, "ErrorIds spelled outside ErrorIds.cs:\n" + string.Join("\n", found));
        }

        [Fact]
        public void EveryNounTheMapperKnowsHasCatalogueIds()
        {
            foreach (string noun in ErrorMapper.Nouns)
            {
                Assert.True(Catalogue.ContainsKey(ErrorMapper.NotFoundId(noun)), noun);
                ErrorRecord r = ErrorMapper.ToErrorRecord(new DockerEngineException(400, "bad", "unix:///x.sock"), noun, "t");
                Assert.True(Catalogue.ContainsKey(r.FullyQualifiedErrorId), r.FullyQualifiedErrorId);
            }
        }

        /// <summary>src/**/*.cs but the catalogue itself and the help builder (which writes no ErrorRecords).</summary>
        private static IEnumerable<string> SourceFiles() =>
            Directory.GetFiles(Path.Combine(Paths.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(Path.Combine("Errors", "ErrorIds.cs"), StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "DockerPS.HelpBuilder" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }
}
