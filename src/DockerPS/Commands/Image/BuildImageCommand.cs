using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Arguments;
using DockerPS.Build;
using DockerPS.Build.Session;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Progress;
using DockerPS.Registry;
using DockerPS.Specs;

namespace DockerPS.Commands.Image
{
    /// <summary>
    /// docker build: sends a context folder (less what .dockerignore excludes) to the engine and builds it, with
    /// BuildKit when the engine offers it (POST /build?version=2, no session) and the legacy builder otherwise or on
    /// -Builder Legacy. Build output goes to the information stream (tag BuildOutput) and the steps to Write-Progress;
    /// a failed step becomes an ImageBuildFailed error that names the step (and, with BuildKit, its last output).
    /// Writes the built image with a Builder note property (BuildKit or Legacy).
    /// </summary>
    // "Build" is an approved verb from PowerShell 6 on; PowerShell Standard 5.1 has no VerbsLifecycle.Build constant.
    [Cmdlet("Build", "Image", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage), typeof(FileSystemInfo))]
    public sealed class BuildImageCommand : ImageOperationCmdlet
    {
        /// <summary>The context folder.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = ".";

        /// <summary>The Dockerfile, relative to the context folder or a full path (outside the context it goes along under a generated name, as with docker build). Dockerfile by default.</summary>
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
        [KeyValueTransformation(What = "build argument")]
        public Hashtable? BuildArg { get; set; }

        /// <summary>The stage of a multi-stage Dockerfile to build.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Target { get; set; }

        /// <summary>Labels for the image: @{ 'org.opencontainers.image.version' = '1.2' }.</summary>
        [Parameter]
        [KeyValueTransformation(Bare = BareKey.Empty, What = "label")]
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

        /// <summary>Auto (BuildKit when the engine offers it), BuildKit or Legacy.</summary>
        [Parameter]
        [ValidateSet(BuilderAuto, BuilderBuildKit, BuilderLegacy)]
        public string Builder { get; set; } = BuilderAuto;

        /// <summary>The network of RUN steps: default, none, host or a network name. Unset, the engine's default (the bridge).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        public string? Network { get; set; }

        /// <summary>Images whose layers the build may reuse (with BuildKit, images built with the build arg BUILDKIT_INLINE_CACHE=1).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageReferenceCompleter))]
        public string[] CacheFrom { get; set; } = Array.Empty<string>();

        /// <summary>Build secrets for RUN --mount=type=secret: id=…,src=file or id=…,env=VARIABLE (BuildKit only). The value is read when the build asks for it and never written to any stream.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Secret { get; set; }

        /// <summary>SSH agent forwarding (default|id=…): needs a BuildKit session, not supported yet.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Ssh { get; set; }

        /// <summary>Export the build's result instead of storing an image (BuildKit only): type=local,dest=folder, type=tar,dest=file, or a folder. Writes the folder or file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Output { get; set; }

        /// <summary>Credentials for the registry of the FROM images; others come from the session login or the docker config.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>A tar archive (plain or compressed) sent as the build context as it is, or - for the process's standard input (docker build - &lt; ctx.tar). The Dockerfile is read inside it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContextArchive { get; set; }

        /// <summary>A URL to build from (docker build URL): an archive or a plain Dockerfile over http(s), or a Git repository (cloned with git).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContextUrl { get; set; }

        /// <summary>host:ip entries for /etc/hosts of the RUN steps (docker build --add-host).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AddHost { get; set; }

        /// <summary>The isolation of the RUN steps; Windows engines only: process, hyperv or default (docker build --isolation).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Isolation { get; set; }

        /// <summary>Memory limit of the RUN steps: bytes, or a size such as 512m (docker build --memory; legacy builder only).</summary>
        [Parameter]
        [Alias("m")]
        [ByteSizeTransformation]
        public long? Memory { get; set; }

        /// <summary>Memory plus swap limit of the RUN steps; -1 for unlimited swap (docker build --memory-swap; legacy builder only).</summary>
        [Parameter]
        [ByteSizeTransformation(MinusOneIsUnlimited = true)]
        public long? MemorySwap { get; set; }

        /// <summary>Relative CPU weight of the RUN steps (docker build --cpu-shares; legacy builder only).</summary>
        [Parameter]
        public long? CpuShares { get; set; }

        /// <summary>The CFS period of the RUN steps in microseconds (docker build --cpu-period; legacy builder only).</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long? CpuPeriod { get; set; }

        /// <summary>The CFS quota of the RUN steps in microseconds per period (docker build --cpu-quota; legacy builder only).</summary>
        [Parameter]
        public long? CpuQuota { get; set; }

        /// <summary>CPUs the RUN steps may run on, such as 0-2 or 0,1 (docker build --cpuset-cpus; legacy builder only).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CpusetCpus { get; set; }

        /// <summary>Memory nodes the RUN steps may use, such as 0 (docker build --cpuset-mems; legacy builder only).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CpusetMems { get; set; }

        /// <summary>Size of /dev/shm of the RUN steps, such as 64m (docker build --shm-size; legacy builder only).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ByteSizeTransformation]
        public long? ShmSize { get; set; }

        /// <summary>Resource limits of the RUN steps, name=soft[:hard] such as nofile=1024:2048 (docker build --ulimit; legacy builder only).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Ulimit { get; set; }

        protected override void ProcessRecord()
        {
            RefuseSessionFeatures();
            List<BuildSecret> secrets = ParseSecrets();
            BuildOutput? output = ParseOutput();
            if (ContextArchive != null || ContextUrl != null)
            {
                BuildFromArchive(secrets, output);
                return;
            }

            BuildFromFolder(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path), secrets, output, null);
        }

        /// <summary>A context folder (the -Path one, or a clone of a Git -ContextUrl): .dockerignore applies, the Dockerfile may be outside.</summary>
        private void BuildFromFolder(string context, List<BuildSecret> secrets, BuildOutput? output, string? url)
        {
            if (!Directory.Exists(context))
            {
                ThrowTerminatingError(ErrorMapper.Record(new DirectoryNotFoundException($"The build context folder '{context}' does not exist."), ErrorIds.BuildContextNotFound, ErrorCategory.ObjectNotFound, Path));
            }

            string dockerfileFull = System.IO.Path.IsPathRooted(Dockerfile)
                ? Dockerfile
                : (File.Exists(System.IO.Path.Combine(context, Dockerfile)) || Dockerfile == "Dockerfile"
                    ? System.IO.Path.Combine(context, Dockerfile)
                    : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Dockerfile));
            dockerfileFull = System.IO.Path.GetFullPath(dockerfileFull);
            if (!File.Exists(dockerfileFull))
            {
                ThrowTerminatingError(ErrorMapper.Record(new FileNotFoundException($"The Dockerfile '{dockerfileFull}' does not exist."), ErrorIds.DockerfileNotFound, ErrorCategory.ObjectNotFound, Dockerfile));
            }

            // A Dockerfile outside the context travels inside the context tar under a generated name, as docker build does.
            string dockerfile;
            IReadOnlyList<BuildContextEntry> entries;
            try
            {
                (dockerfile, entries, bool outside) = BuildFiles.FolderContext(context, dockerfileFull);
                if (outside)
                {
                    WriteVerbose($"The Dockerfile {dockerfileFull} is outside the context; it goes along as {dockerfile}.");
                }
            }
            catch (Exception e) when (e is ArgumentException || e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.BuildContextUnreadable, ErrorCategory.ReadError, Path));
                throw; // not reached
            }

            ImageBuildRequest request = NewRequest(dockerfile, null);
            WriteVerbose($"Sending {entries.Count} files and folders of {context} as the build context.");
            if (url == null && !ShouldProcess(context, "Build image" + (Tag.Length > 0 ? " " + string.Join(", ", Tag) : string.Empty)))
            {
                return;
            }

            Build(request, entries, secrets, output, context, dockerfileFull);
        }

        /// <summary>-ContextArchive: the tar goes as it is (no .dockerignore, as docker build - does); - spools standard input first.</summary>
        private void BuildFromArchive(List<BuildSecret> secrets, BuildOutput? output)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Path)) || (ContextArchive != null && ContextUrl != null))
            {
                ThrowTerminatingError(ErrorMapper.Record(new ArgumentException("Give one of -Path (a context folder), -ContextArchive (a tar archive) or -ContextUrl, not more."), ErrorIds.BuildContextArchiveInvalid, ErrorCategory.InvalidArgument, (object?)ContextArchive ?? ContextUrl));
            }

            if (ContextUrl != null)
            {
                BuildFromUrl(ContextUrl, secrets, output);
                return;
            }

            if (secrets.Count > 0 || output != null)
            {
                ThrowTerminatingError(ErrorMapper.Record(new NotSupportedException("-Secret and -Output serve the session from a context folder; with -ContextArchive they are not supported."), ErrorIds.BuildContextArchiveInvalid, ErrorCategory.NotImplemented, ContextArchive));
            }

            string? spooled = null;
            string archive;
            if (ContextArchive == "-")
            {
                if (!Console.IsInputRedirected)
                {
                    ThrowTerminatingError(ErrorMapper.Record(new InvalidOperationException("Standard input is the console; redirect a tar archive into it (pwsh -File script.ps1 < ctx.tar), or give a file name to -ContextArchive."), ErrorIds.BuildContextArchiveInvalid, ErrorCategory.InvalidOperation, ContextArchive));
                }

                spooled = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dockerps-build-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tar");
                archive = spooled;
            }
            else
            {
                archive = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ContextArchive);
                if (!File.Exists(archive))
                {
                    ThrowTerminatingError(ErrorMapper.Record(new FileNotFoundException($"The build context archive '{archive}' does not exist."), ErrorIds.BuildContextNotFound, ErrorCategory.ObjectNotFound, ContextArchive));
                }
            }

            ImageBuildRequest request = NewRequest(Dockerfile.Replace('\\', '/'), archive);
            if (!ShouldProcess(ContextArchive == "-" ? "standard input" : archive, "Build image" + (Tag.Length > 0 ? " " + string.Join(", ", Tag) : string.Empty)))
            {
                return;
            }

            try
            {
                if (spooled != null)
                {
                    try
                    {
                        using var file = new FileStream(spooled, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920);
                        Console.OpenStandardInput().CopyTo(file, 81920);
                    }
                    catch (IOException e)
                    {
                        ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.BuildContextUnreadable, ErrorCategory.ReadError, ContextArchive));
                    }
                }

                WriteVerbose("Sending the archive " + (spooled != null ? "read from standard input" : archive) + " (" + new FileInfo(archive).Length.ToString(CultureInfo.InvariantCulture) + " bytes) as the build context, as it is.");
                Build(request, Array.Empty<BuildContextEntry>(), secrets, output, archive, null);
            }
            finally
            {
                if (spooled != null)
                {
                    try
                    {
                        File.Delete(spooled);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        }

        /// <summary>
        /// -ContextUrl, as docker build URL does it on the client: a Git repository is cloned and built as a folder;
        /// anything else over HTTP(S) is downloaded and sent as an archive, or, when it is not one, as a lone
        /// Dockerfile (then -Dockerfile has no meaning, as with docker).
        /// </summary>
        private void BuildFromUrl(string url, List<BuildSecret> secrets, BuildOutput? output)
        {
            bool git = RemoteContext.IsGit(url);
            if (!git && (secrets.Count > 0 || output != null))
            {
                ThrowTerminatingError(ErrorMapper.Record(new NotSupportedException("-Secret and -Output serve the session from a context folder; a downloaded -ContextUrl is an archive or a Dockerfile, so they are not supported with it (a Git URL is cloned into a folder and takes them)."), ErrorIds.BuildContextArchiveInvalid, ErrorCategory.NotImplemented, url));
            }

            if (!git && !RemoteContext.IsHttp(url))
            {
                ThrowTerminatingError(ErrorMapper.Record(new ArgumentException($"'{url}' is not a context URL docker build takes: give an http(s):// address of an archive or a Dockerfile, or a Git repository (git://..., git@..., https://....git)."), ErrorIds.BuildContextArchiveInvalid, ErrorCategory.InvalidArgument, url));
            }

            if (!ShouldProcess(url, "Build image" + (Tag.Length > 0 ? " " + string.Join(", ", Tag) : string.Empty)))
            {
                return;
            }

            if (git)
            {
                string clone = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dockerps-build-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".git");
                try
                {
                    WriteVerbose("Cloning " + url + " with git, as docker build does.");
                    string context;
                    try
                    {
                        context = Await(ct => Task.Run(() => RemoteContext.Clone(url, clone, ct), ct));
                    }
                    catch (RemoteContextException e)
                    {
                        ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.BuildContextDownloadFailed, ErrorCategory.ResourceUnavailable, url));
                        throw; // not reached
                    }

                    BuildFromFolder(context, secrets, output, url);
                }
                finally
                {
                    RemoteContext.DeleteClone(clone);
                }

                return;
            }

            string spooled = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dockerps-build-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".ctx");
            try
            {
                Download(url, spooled);
                if (RemoteContext.IsArchive(spooled))
                {
                    WriteVerbose("Sending the archive downloaded from " + url + " (" + new FileInfo(spooled).Length.ToString(CultureInfo.InvariantCulture) + " bytes) as the build context, as it is.");
                    Build(NewRequest(Dockerfile.Replace('\\', '/'), spooled), Array.Empty<BuildContextEntry>(), secrets, output, url, null);
                }
                else
                {
                    WriteVerbose("What " + url + " sent is not an archive: it is the Dockerfile, alone in the context.");
                    var entries = new[] { new BuildContextEntry("Dockerfile", spooled, false) };
                    Build(NewRequest("Dockerfile", null), entries, secrets, output, url, spooled);
                }
            }
            finally
            {
                try
                {
                    File.Delete(spooled);
                }
                catch (IOException)
                {
                }
            }
        }

        /// <summary>Downloads a -ContextUrl with a progress bar; a failure ends the command with the server's answer.</summary>
        private void Download(string url, string file)
        {
            string activity = "Downloading build context from remote url: " + url;
            long posted = -1;
            try
            {
                Await(ct => RemoteContext.DownloadAsync(url, file, (done, total) =>
                {
                    // One record a MiB is enough for a bar and keeps the pipeline queue short.
                    if (done - posted < 1 << 20 && done != total)
                    {
                        return;
                    }

                    posted = done;
                    var record = new ProgressRecord(1, activity, total is long t && t > 0
                        ? $"{done.ToString("N0", CultureInfo.InvariantCulture)} of {t.ToString("N0", CultureInfo.InvariantCulture)} bytes"
                        : $"{done.ToString("N0", CultureInfo.InvariantCulture)} bytes");
                    record.PercentComplete = total is long t2 && t2 > 0 ? (int)Math.Min(100, done * 100 / t2) : -1;
                    Post(() => WriteProgress(record));
                }, ct));
            }
            catch (Exception e) when (e is RemoteContextException || e is HttpRequestException || e is IOException || e is UnauthorizedAccessException)
            {
                string message = e is HttpRequestException && e.InnerException != null ? e.Message + " " + e.InnerException.Message : e.Message;
                ThrowTerminatingError(ErrorMapper.Record(new IOException(e is RemoteContextException ? message : $"Downloading the build context from {url} failed: {message}", e), ErrorIds.BuildContextDownloadFailed, ErrorCategory.ResourceUnavailable, url));
            }

            var done = new ProgressRecord(1, activity, "done") { RecordType = ProgressRecordType.Completed };
            WriteProgress(done);
        }

        /// <summary>Connects and runs the shared build (the folder and the archive paths share it), then writes what it made.</summary>
        private void Build(ImageBuildRequest request, IReadOnlyList<BuildContextEntry> entries, List<BuildSecret> secrets, BuildOutput? output, string context, string? dockerfileFull)
        {
            IDockerEngine engine = Connect(EndpointFor((string?)null));
            var job = new ImageBuildJob(request, entries, context, Path)
            {
                DockerfileFull = dockerfileFull,
                DockerfileName = Dockerfile,
                Builder = Builder,
                Credential = Credential,
                Secrets = secrets,
                Output = output,
                LegacyOnly = LegacyOnlyOptions(),
            };
            IReadOnlyList<PSObject>? made = RunImageBuild(engine, job);
            if (made != null)
            {
                WriteObject(made, enumerateCollection: true);
            }
        }


        /// <summary>The build request of every context kind: the Dockerfile's path in the context, and the archive sent as it is (or null).</summary>
        private ImageBuildRequest NewRequest(string dockerfile, string? archive)
        {
            var request = new ImageBuildRequest
            {
                Dockerfile = dockerfile,
                Target = Target,
                Platform = Platform,
                NoCache = NoCache.IsPresent,
                Pull = Pull.IsPresent,
                NetworkMode = Network,
                ContextArchive = archive,
            };
            foreach (string t in Tag)
            {
                request.Tags.Add(t);
            }

            foreach (string c in CacheFrom)
            {
                request.CacheFrom.Add(c);
            }

            Copy(BuildArg, request.BuildArgs);
            Copy(Label, request.Labels);
            AddRunOptions(request);
            return request;
        }

        /// <summary>The docker run-like options of the RUN steps, into the build request (a bad -Ulimit is a terminating error).</summary>
        private void AddRunOptions(ImageBuildRequest request)
        {
            foreach (string h in AddHost ?? Array.Empty<string>())
            {
                request.ExtraHosts.Add(h);
            }

            request.Isolation = Isolation;
            request.Memory = Memory;
            request.MemorySwap = MemorySwap;
            request.CpuShares = CpuShares;
            request.CpuPeriod = CpuPeriod;
            request.CpuQuota = CpuQuota;
            request.CpusetCpus = CpusetCpus;
            request.CpusetMems = CpusetMems;
            request.ShmSize = ShmSize;
            foreach (string u in Ulimit ?? Array.Empty<string>())
            {
                try
                {
                    request.Ulimits.Add(UlimitParser.Parse(u));
                }
                catch (ArgumentException e)
                {
                    ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.BuildOptionInvalid, ErrorCategory.InvalidArgument, u));
                }
            }
        }

        /// <summary>The given options that only the legacy builder applies (BuildKit builds without them), as -Name.</summary>
        private List<string> LegacyOnlyOptions()
        {
            var names = new List<string>();
            void Check(bool given, string name)
            {
                if (given)
                {
                    names.Add("-" + name);
                }
            }

            Check(Memory != null, nameof(Memory));
            Check(MemorySwap != null, nameof(MemorySwap));
            Check(CpuShares != null, nameof(CpuShares));
            Check(CpuPeriod != null, nameof(CpuPeriod));
            Check(CpuQuota != null, nameof(CpuQuota));
            Check(CpusetCpus != null, nameof(CpusetCpus));
            Check(CpusetMems != null, nameof(CpusetMems));
            Check(ShmSize != null, nameof(ShmSize));
            Check(Ulimit != null, nameof(Ulimit));
            return names;
        }

        /// <summary>-Ssh needs a session service (SSH agent forwarding) that DockerPS's session does not serve yet.</summary>
        private void RefuseSessionFeatures()
        {
            if (Ssh != null)
            {
                ThrowTerminatingError(SessionRequired("-Ssh", "Ssh"));
            }
        }

        /// <summary>-Output as one exporter (unquoted, PowerShell splits it at the commas: the pieces are joined again).</summary>
        private BuildOutput? ParseOutput()
        {
            if (Output == null)
            {
                return null;
            }

            string spec = string.Join(",", Output);
            try
            {
                return BuildOutput.Parse(spec, p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p));
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.BuildOutputInvalid, ErrorCategory.InvalidArgument, spec));
                throw; // not reached
            }
        }

        /// <summary>The -Secret entries, checked (id, file exists or variable set) but not read.</summary>
        private List<BuildSecret> ParseSecrets()
        {
            var secrets = new List<BuildSecret>();
            foreach (string spec in JoinSpecs(Secret))
            {
                try
                {
                    secrets.Add(BuildSecret.Parse(spec, p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)));
                }
                catch (Exception e) when (e is FormatException || e is IOException || e is ArgumentException || e is NotSupportedException)
                {
                    ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.BuildSecretInvalid, e is FileNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, spec));
                }
            }

            try
            {
                BuildSecret.CheckUnique(secrets);
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.BuildSecretInvalid, ErrorCategory.InvalidArgument, "Secret"));
            }

            return secrets;
        }

        /// <summary>
        /// Unquoted, PowerShell reads -Secret id=a,src=f as two strings (the comma makes an array): a piece that does
        /// not start with id= belongs to the entry before it.
        /// </summary>
        internal static List<string> JoinSpecs(string[]? specs)
        {
            var joined = new List<string>();
            foreach (string spec in specs ?? Array.Empty<string>())
            {
                if (joined.Count > 0 && !spec.TrimStart().StartsWith("id=", StringComparison.OrdinalIgnoreCase))
                {
                    joined[joined.Count - 1] += "," + spec;
                }
                else
                {
                    joined.Add(spec);
                }
            }

            return joined;
        }

        /// <summary>The value of a '# syntax=' parser directive at the top of the Dockerfile, or null.</summary>
        internal static string? SyntaxDirective(string dockerfile) => BuildFiles.SyntaxDirective(dockerfile);


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
    }
}
