using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.HelpBuilder;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Module
{
    /// <summary>
    /// Rules every exported cmdlet keeps, checked over all of them so later cmdlets stay honest: docs/ matches the
    /// real parameters (the help-drift gate), approved verbs, ShouldProcess on changes, output types with views,
    /// -Host everywhere, Id/Name bound by property name.
    /// </summary>
    [Collection(ModuleCollection.Name)]
    public sealed class ConventionTests
    {
        private static readonly HashSet<string> Common = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
            "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
        };

        /// <summary>Verbs that change state: such cmdlets must support -WhatIf/-Confirm.</summary>
        private static readonly HashSet<string> ReadOnlyVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Get", "Wait", "Test", "Find", "Measure", "Watch", "Show", "Enter", "Export", "Save", "Copy",
        };

        /// <summary>Cmdlets that work on local files only (docker CLI config, session login), so take no -Host.</summary>
        private static readonly HashSet<string> LocalOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Get-DockerContext", "Use-DockerContext", "New-DockerContext", "Remove-DockerContext", "Disconnect-DockerRegistry",
        };

        private readonly PowerShellSession _ps;

        private static bool IsEngineCmdlet(Type t)
        {
            for (Type? b = t; b != null; b = b.BaseType)
            {
                if (b.FullName == "DockerPS.DockerCmdlet")
                {
                    return true;
                }
            }

            return false;
        }

        public ConventionTests(PowerShellSession ps) => _ps = ps;

        public static TheoryData<string> Cmdlets() => HelpTests.Cmdlets();

        [Fact]
        public void ThePublicSurfaceIsCmdletsOutputModelsCompletersAndTheViewHelper()
        {
            // A module's public types are its API: anything else (parsers, the engine seam, the stored registry logins)
            // stays internal, so `[DockerPS.Registry.RegistryCredentials]::Resolve(...)` cannot print a kept password.
            Type[] exported = typeof(DockerCmdlet).Assembly.GetExportedTypes();
            string[] unexpected = exported
                .Where(t => !typeof(PSCmdlet).IsAssignableFrom(t) && t.Namespace != "DockerPS.Models" &&
                            t.Namespace != "DockerPS.Completers" && t.Namespace != "DockerPS.Arguments" && t.FullName != "DockerPS.Display")
                .Select(t => t.FullName!).OrderBy(n => n).ToArray();
            Assert.Empty(unexpected);
            Assert.DoesNotContain(exported, t => t.Namespace is "DockerPS.Registry" or "DockerPS.Engine" or "DockerPS.Specs" or "DockerPS.Connection");
            PsResult r = _ps.Run("[DockerPS.Registry.RegistryCredentials]::Normalize('x.io/a')");
            Assert.Empty(r.Output);
            Assert.Contains("Unable to find type", (r.Terminating ?? r.Errors.Single()).ToString());
        }

        private CmdletInfo Info(string name) =>
            (CmdletInfo)_ps.Run("Get-Command $c -Module DockerPS", new Dictionary<string, object?> { ["c"] = name }).AssertClean().Output.Single().BaseObject;

        private static string TypeName(Type t)
        {
            Type inner = Nullable.GetUnderlyingType(t) ?? t;
            return inner.IsArray ? inner.GetElementType()!.Name + "[]" : inner.Name;
        }

        private static string FullTypeName(Type t)
        {
            Type inner = Nullable.GetUnderlyingType(t) ?? t;
            return inner.IsArray ? inner.GetElementType()!.FullName + "[]" : inner.FullName ?? inner.Name;
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void DocsMatchTheRealParameters(string cmdlet)
        {
            string page = Path.Combine(Paths.RepoRoot, "docs", cmdlet + ".md");
            Assert.True(File.Exists(page), $"{cmdlet} has no help page: write docs/{cmdlet}.md (platyPS schema 2.0.0)");
            var errors = new List<string>();
            CommandHelp help = MarkdownReader.ReadCommand(page, errors);
            Assert.Empty(errors);
            CmdletInfo info = Info(cmdlet);
            var problems = new List<string>();

            var real = info.Parameters.Values.Where(p => !Common.Contains(p.Name)).ToList();
            foreach (ParameterMetadata p in real)
            {
                ParameterHelp? doc = help.FindParameter(p.Name);
                if (doc == null)
                {
                    problems.Add($"-{p.Name} is not documented");
                    continue;
                }

                // platyPS 0.14 writes the short type name (String[]), platyPS v2 the full one (System.String[]).
                if (!string.Equals(doc.Type, TypeName(p.ParameterType), StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(doc.Type, FullTypeName(p.ParameterType), StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"-{p.Name}: docs say type {doc.Type}, the cmdlet has {TypeName(p.ParameterType)}");
                }

                foreach (var (setName, set) in p.ParameterSets)
                {
                    string docSet = setName == ParameterAttribute.AllParameterSets ? "(All)" : setName;
                    ParameterUsage? usage = doc.UsageFor(docSet) ?? doc.Usages.FirstOrDefault(u => u.InAllSets);
                    if (usage == null)
                    {
                        problems.Add($"-{p.Name}: no yaml block for parameter set {docSet}");
                        continue;
                    }

                    string position = set.Position == int.MinValue ? "Named" : set.Position.ToString();
                    if (usage.Required != set.IsMandatory)
                    {
                        problems.Add($"-{p.Name} ({docSet}): docs say Required {usage.Required}, the cmdlet {set.IsMandatory}");
                    }

                    if (!string.Equals(usage.Position, position, StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add($"-{p.Name} ({docSet}): docs say Position {usage.Position}, the cmdlet {position}");
                    }

                    if (usage.ByValue != set.ValueFromPipeline || usage.ByPropertyName != set.ValueFromPipelineByPropertyName)
                    {
                        problems.Add($"-{p.Name} ({docSet}): docs say pipeline input '{usage.PipelineInput}', the cmdlet ByValue={set.ValueFromPipeline} ByPropertyName={set.ValueFromPipelineByPropertyName}");
                    }
                }

                // Get-Help shows "Accept wildcard characters" from the docs; tab completion and tools read the attribute.
                bool wildcards = p.Attributes.OfType<SupportsWildcardsAttribute>().Any();
                if (doc.AcceptsWildcards != wildcards)
                {
                    problems.Add($"-{p.Name}: docs say Accept wildcard characters {doc.AcceptsWildcards}, the cmdlet {(wildcards ? "has" : "lacks")} [SupportsWildcards]");
                }

                foreach (string alias in p.Aliases)
                {
                    if (!doc.Aliases.Contains(alias, StringComparer.OrdinalIgnoreCase))
                    {
                        problems.Add($"-{p.Name}: the alias {alias} is not documented");
                    }
                }
            }

            foreach (ParameterHelp doc in help.Parameters)
            {
                if (!real.Any(p => string.Equals(p.Name, doc.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"docs describe -{doc.Name}, which the cmdlet does not have");
                }
            }

            foreach (TypeHelp t in help.Inputs.Concat(help.Outputs))
            {
                if (t.TypeName != "None" && !t.TypeName.Contains('.'))
                {
                    problems.Add($"INPUTS/OUTPUTS heading '{t.TypeName}' is not a type name (or None)");
                }
            }

            foreach (PSTypeName output in info.OutputType.Where(o => o.Type != null && o.Type != typeof(void)))
            {
                if (!help.Outputs.Any(o => o.TypeName == output.Type!.FullName))
                {
                    problems.Add($"OUTPUTS does not name {output.Type!.FullName}");
                }
            }

            var realSets = info.ParameterSets.Select(s => s.Name).OrderBy(s => s).ToList();
            var docSets = help.Syntax.Select(s => s.ParameterSetName).OrderBy(s => s).ToList();
            if (!realSets.SequenceEqual(docSets))
            {
                problems.Add($"SYNTAX has sets [{string.Join(", ", docSets)}], the cmdlet [{string.Join(", ", realSets)}]");
            }

            problems.AddRange(SyntaxOrderProblems(info, help));

            Assert.True(problems.Count == 0, $"{cmdlet}: docs/{cmdlet}.md drifted from the cmdlet:\n  " + string.Join("\n  ", problems));
        }

        /// <summary>
        /// Get-Help prints each SYNTAX line as the docs write it, so a reader takes the order of the bracketed
        /// positional parameters as the order to type them in: in every set, the parameters the cmdlet binds by
        /// position must appear in ascending Position order.
        /// </summary>
        private static IEnumerable<string> SyntaxOrderProblems(CmdletInfo info, CommandHelp help)
        {
            foreach (CommandParameterSetInfo set in info.ParameterSets)
            {
                SyntaxHelp? syntax = help.Syntax.FirstOrDefault(s => string.Equals(s.ParameterSetName, set.Name, StringComparison.OrdinalIgnoreCase));
                if (syntax == null)
                {
                    continue; // the set comparison above reports it
                }

                var positions = set.Parameters.Where(p => p.Position >= 0).ToDictionary(p => p.Name, p => p.Position, StringComparer.OrdinalIgnoreCase);
                var written = syntax.ParameterNames.Where(positions.ContainsKey).ToList();
                var expected = written.OrderBy(n => positions[n]).ToList();
                if (!written.SequenceEqual(expected, StringComparer.OrdinalIgnoreCase))
                {
                    yield return $"SYNTAX {set.Name} lists the positional parameters as {Describe(written, positions)}; by Position they are {Describe(expected, positions)}";
                }

                foreach (string missing in positions.Keys.Where(n => !written.Contains(n, StringComparer.OrdinalIgnoreCase)).OrderBy(n => positions[n]))
                {
                    yield return $"SYNTAX {set.Name} leaves out the positional parameter -{missing} (Position {positions[missing]})";
                }
            }

            static string Describe(List<string> names, Dictionary<string, int> positions) =>
                string.Join(" ", names.Select(n => $"-{n}({positions[n]})"));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void UsesAnApprovedVerb(string cmdlet)
        {
            string verb = cmdlet.Split('-')[0];
            PsResult r = _ps.Run("[System.Management.Automation.VerbsCommon], [System.Management.Automation.VerbsLifecycle], [System.Management.Automation.VerbsData], [System.Management.Automation.VerbsDiagnostic], [System.Management.Automation.VerbsCommunications], [System.Management.Automation.VerbsSecurity], [System.Management.Automation.VerbsOther] | ForEach-Object { $_.GetFields() } | ForEach-Object Name");
            Assert.Contains(verb, r.AssertClean().Output.Select(o => (string)o.BaseObject));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void ChangesSupportShouldProcessAndOnlyPruneIsHighImpact(string cmdlet)
        {
            CmdletInfo info = Info(cmdlet);
            var attribute = (CmdletAttribute)info.ImplementingType.GetCustomAttributes(typeof(CmdletAttribute), false).Single();
            string verb = cmdlet.Split('-')[0];
            if (!ReadOnlyVerbs.Contains(verb))
            {
                Assert.True(attribute.SupportsShouldProcess, cmdlet + " changes state but has no -WhatIf/-Confirm");
            }

            bool prune = cmdlet.EndsWith("Prune", StringComparison.Ordinal);
            Assert.True(prune == (attribute.ConfirmImpact == ConfirmImpact.High),
                $"{cmdlet}: ConfirmImpact {attribute.ConfirmImpact}; High is for prune-like commands only (scheduled tasks must not prompt)");
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void TakesHostAndDeclaresOutputTypesThatHaveViews(string cmdlet)
        {
            CmdletInfo info = Info(cmdlet);
            Assert.True(info.OutputType.Count > 0, cmdlet + " declares no [OutputType] (typeof(void) when it writes nothing)");
            bool talksToEngine = info.ImplementingType.FullName != null && IsEngineCmdlet(info.ImplementingType);
            Assert.True(talksToEngine || LocalOnly.Contains(cmdlet), $"{cmdlet} does not derive from DockerCmdlet; only {string.Join(", ", LocalOnly)} may (they never call an engine)");
            if (talksToEngine)
            {
                Assert.True(info.Parameters.ContainsKey("Host"), cmdlet + " has no -Host");
                Assert.Contains("H", info.Parameters["Host"].Aliases);
            }

            foreach (PSTypeName output in info.OutputType)
            {
                if (output.Type == null || !output.Type.FullName!.StartsWith("DockerPS.", StringComparison.Ordinal))
                {
                    continue;
                }

                string[] files = Directory.GetFiles(Paths.ModuleDirectory, "*.Format.ps1xml");
                Assert.True(files.Any(f => File.ReadAllText(f).Contains("<TypeName>" + output.Type.FullName + "</TypeName>")),
                    $"{cmdlet} outputs {output.Type.FullName}, which has no view in the format files");
            }
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void ParametersNamingExistingObjectsComplete(string cmdlet)
        {
            // -Container, -Image, -Network, -Volume and -Context name objects the engine (or docker config) has; without
            // a completer PowerShell offers file names. -Volume of the create cmdlets takes mount specs, not names.
            CmdletInfo info = Info(cmdlet);
            foreach (string name in new[] { "Container", "Image", "Network", "Volume", "Context" })
            {
                if (!info.Parameters.TryGetValue(name, out ParameterMetadata? p) || p.SwitchParameter
                    || (name == "Volume" && p.ParameterType == typeof(string[])) || p.ParameterType == typeof(DockerPS.Models.DockerContainer[]))
                {
                    continue;
                }

                Assert.True(p.Attributes.OfType<ArgumentCompleterAttribute>().Any() || p.Attributes.OfType<ValidateSetAttribute>().Any(),
                    $"{cmdlet} -{name} names an existing object but has no ArgumentCompleter");
            }
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void IdAndNameBindByPropertyName(string cmdlet)
        {
            CmdletInfo info = Info(cmdlet);
            if (info.Verb == "New")
            {
                return; // -Name names the object to create, not one that exists
            }

            foreach (string name in new[] { "Id", "Name" })
            {
                if (info.Parameters.TryGetValue(name, out ParameterMetadata? p) && p.ParameterSets.Values.Any(s => s.IsMandatory || s.Position == 0))
                {
                    // By property name too: Import-Csv rows and [pscustomobject]s carry names, not DockerPS objects.
                    Assert.True(p.ParameterSets.Values.All(s => s.ValueFromPipelineByPropertyName),
                        $"{cmdlet} -{name} identifies objects but does not bind from the pipeline by property name");
                }
            }
        }
    }
}
