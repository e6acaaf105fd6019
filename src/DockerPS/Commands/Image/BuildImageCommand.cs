using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using DockerPS.Build;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Registry;

namespace DockerPS.Commands.Image
{
    /// <summary>
    /// docker build: sends a context folder (less what .dockerignore excludes) to the engine and builds it. Build output
    /// goes to the information stream (tag BuildOutput) and the current step to Write-Progress; a failed step becomes
    /// an ImageBuildFailed error that names the step. Writes the built image.
    /// </summary>
    // "Build" is an approved verb from PowerShell 6 on; PowerShell Standard 5.1 has no VerbsLifecycle.Build constant.
    [Cmdlet("Build", "Image", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class BuildImageCommand : ImageOperationCmdlet
    {
        /// <summary>The context folder.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = ".";

        /// <summary>The Dockerfile, relative to the context folder (or a full path inside it). Dockerfile by default.</summary>
        [Parameter]
        [Alias("File")]
        [ValidateNotNullOrEmpty]
        public string Dockerfile { get; set; } = "Dockerfile";

        /// <summary>repository[:tag] names for the image.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Tag { get; set; } = Array.Empty<string>();

        /// <summary>Build arguments (ARG values): @{ VERSION = '1.2' }.</summary>
        [Parameter]
        public Hashtable? BuildArg { get; set; }

        /// <summary>The stage of a multi-stage Dockerfile to build.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Target { get; set; }

        /// <summary>Labels for the image: @{ 'org.opencontainers.image.version' = '1.2' }.</summary>
        [Parameter]
        public Hashtable? Label { get; set; }

        /// <summary>Do not use the build cache.</summary>
        [Parameter]
        public SwitchParameter NoCache { get; set; }

        /// <summary>Always pull newer versions of the FROM images.</summary>
        [Parameter]
        public SwitchParameter Pull { get; set; }

        /// <summary>The platform to build for, os[/arch[/variant]].</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Platform { get; set; }

        /// <summary>Credentials for the registry of the FROM images; others come from the session login or the docker config.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        protected override void ProcessRecord()
        {
            string context = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!Directory.Exists(context))
            {
                ThrowTerminatingError(ErrorMapper.Record(new DirectoryNotFoundException($"The build context folder '{context}' does not exist."), "BuildContextNotFound", ErrorCategory.ObjectNotFound, Path));
            }

            string dockerfileFull = System.IO.Path.IsPathRooted(Dockerfile) ? Dockerfile : System.IO.Path.Combine(context, Dockerfile);
            dockerfileFull = System.IO.Path.GetFullPath(dockerfileFull);
            string contextPrefix = System.IO.Path.GetFullPath(context).TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
            if (!dockerfileFull.StartsWith(contextPrefix, StringComparison.Ordinal) || !File.Exists(dockerfileFull))
            {
                ThrowTerminatingError(ErrorMapper.Record(new FileNotFoundException($"The Dockerfile '{dockerfileFull}' does not exist inside the context folder '{context}'."), "DockerfileNotFound", ErrorCategory.ObjectNotFound, Dockerfile));
            }

            string dockerfile = dockerfileFull.Substring(contextPrefix.Length).Replace('\\', '/');
            var request = new ImageBuildRequest { Dockerfile = dockerfile, Target = Target, Platform = Platform, NoCache = NoCache.IsPresent, Pull = Pull.IsPresent };
            foreach (string t in Tag)
            {
                request.Tags.Add(t);
            }

            Copy(BuildArg, request.BuildArgs);
            Copy(Label, request.Labels);

            IReadOnlyList<BuildContextEntry> entries;
            try
            {
                entries = DockerIgnore.Collect(context, dockerfile);
            }
            catch (Exception e) when (e is ArgumentException || e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, "BuildContextUnreadable", ErrorCategory.ReadError, Path));
                throw; // not reached
            }

            WriteVerbose($"Sending {entries.Count} files and folders of {context} as the build context.");
            if (!ShouldProcess(context, "Build image" + (Tag.Length > 0 ? " " + string.Join(", ", Tag) : string.Empty)))
            {
                return;
            }

            IDockerEngine engine = Connect(EndpointFor((string?)null));
            foreach (string from in FromRegistries(dockerfileFull))
            {
                RegistryAuth? auth = ResolveAuth(from, Credential);
                if (auth != null)
                {
                    request.Auths.Add(auth);
                }
            }

            string? step = null;
            bool ok = RunWithProgress("Building " + (Tag.Length > 0 ? Tag[0] : context), (p, ct) =>
            {
                p.OnMessage = m =>
                {
                    if (string.IsNullOrEmpty(m.Stream))
                    {
                        return;
                    }

                    foreach (string raw in m.Stream!.Split('\n'))
                    {
                        string line = raw.TrimEnd('\r');
                        if (line.Trim().Length == 0)
                        {
                            continue;
                        }

                        if (line.StartsWith("Step ", StringComparison.Ordinal))
                        {
                            step = line;
                        }

                        Post(() => WriteInformation(line, new[] { "BuildOutput" }));
                    }
                };
                return engine.BuildImageAsync(entries, request, p, ct);
            }, "ImageBuildFailed", Path, out var progress, step: () => step);

            if (!ok)
            {
                return;
            }

            string? reference = Tag.Length > 0 ? (SplitReference(Tag[0]).Tag == null ? Tag[0] + ":latest" : Tag[0]) : progress.AuxId ?? FindSuccessId(progress.Lines);
            if (reference == null)
            {
                return;
            }

            if (TryCall(ct => ImageRowsAsync(engine, reference, ct), "Image", reference, out IReadOnlyList<DockerImage> rows))
            {
                WriteObject(rows, enumerateCollection: true);
            }
        }

        private static void Copy(Hashtable? from, IDictionary<string, string> to)
        {
            if (from == null)
            {
                return;
            }

            foreach (DictionaryEntry e in from)
            {
                to[e.Key.ToString() ?? string.Empty] = e.Value?.ToString() ?? string.Empty;
            }
        }

        /// <summary>"Successfully built 1a2b3c…" from the classic builder, when no aux ID came.</summary>
        private static string? FindSuccessId(IReadOnlyList<string> lines)
        {
            for (int i = lines.Count - 1; i >= 0; i--)
            {
                const string prefix = "Successfully built ";
                if (lines[i].StartsWith(prefix, StringComparison.Ordinal))
                {
                    return lines[i].Substring(prefix.Length).Trim();
                }
            }

            return null;
        }

        /// <summary>The registries of the FROM lines, so their credentials go along with the build.</summary>
        private static IEnumerable<string> FromRegistries(string dockerfile)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string raw in File.ReadAllLines(dockerfile))
            {
                string line = raw.Trim();
                if (!line.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (string word in line.Substring(5).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (word.StartsWith("--", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    string registry = RegistryCredentials.RegistryOf(word);
                    if (registry != RegistryCredentials.DockerHub && seen.Add(registry))
                    {
                        yield return registry;
                    }

                    break;
                }
            }
        }
    }
}
