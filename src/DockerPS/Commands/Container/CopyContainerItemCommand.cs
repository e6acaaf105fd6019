using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Streams;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Copies files and folders between a container and the local file system (docker cp), through the engine's
    /// archive API. Write the container side as &lt;container&gt;:&lt;path&gt;; the other side is a PowerShell path.
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "ContainerItem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileSystemInfo), typeof(ContainerPathInfo))]
    public sealed class CopyContainerItemCommand : DockerCmdlet
    {
        /// <summary>What to copy: a local path, or &lt;container&gt;:&lt;path&gt;.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Where to copy it: &lt;container&gt;:&lt;path&gt;, or a local path when Path is in a container.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = string.Empty;

        /// <summary>Write the copied item: a FileInfo/DirectoryInfo locally, a ContainerPathInfo in a container.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>docker cp -a: into a container, the engine gives the files the container's user (its Config.User).</summary>
        [Parameter]
        public SwitchParameter Archive { get; set; }

        /// <summary>docker cp -L: when the source is a symbolic link, copy what it points to, under the link's name.</summary>
        [Parameter]
        public SwitchParameter FollowLink { get; set; }

        /// <summary>The local side is a tar archive (docker cp's -): written out of a container, extracted into one. "-" is the process's standard output or input.</summary>
        [Parameter]
        public SwitchParameter AsTar { get; set; }

        protected override void ProcessRecord()
        {
            bool fromContainer = ContainerPathSpec.TryParse(Path, IsDrive, out string srcContainer, out string srcPath);
            bool toContainer = ContainerPathSpec.TryParse(Destination, IsDrive, out string dstContainer, out string dstPath);
            if (fromContainer == toContainer)
            {
                var e = new ArgumentException(fromContainer
                    ? "Both paths are in containers; copy through a local folder."
                    : "Neither path names a container; write the container side as <container>:<path>, e.g. web:/etc/hosts.");
                WriteError(ErrorMapper.Record(e, ErrorIds.InvalidCopyPath, ErrorCategory.InvalidArgument, Path + " -> " + Destination));
                return;
            }

            IDockerEngine engine = ConnectDefault();
            if (toContainer && (AsTar.IsPresent || Path == StandardStream))
            {
                CopyArchiveIn(engine, dstContainer, dstPath);
            }
            else if (toContainer)
            {
                CopyIn(engine, SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path), dstContainer, dstPath);
            }
            else if (AsTar.IsPresent || Destination == StandardStream)
            {
                CopyArchiveOut(engine, srcContainer, srcPath);
            }
            else
            {
                CopyOut(engine, srcContainer, srcPath, SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination));
            }
        }

        /// <summary>docker cp's "-": the tar goes to the process's standard output, or comes from its standard input.</summary>
        private const string StandardStream = "-";

        /// <summary>Linux gives up after 40 links in a row (ELOOP); so does the following here.</summary>
        private const int MaxLinkHops = 40;

        private const uint GoModeSymlink = 1u << 27;

        private static bool IsContainerLink(ContainerPathInfo info) => (info.Mode & GoModeSymlink) != 0;

        /// <summary>
        /// The container's stat of a path, and (with <paramref name="follow"/>) of what it links to: docker's engine gives
        /// a link's target fully resolved, Podman may give one step, so steps are followed until a non-link. Writes the
        /// error (ContainerPathNotFound, LinkTargetNotFound, LinkLoop) and returns false when there is nothing to copy.
        /// </summary>
        private bool TryStatSource(IDockerEngine engine, string container, string containerPath, bool follow, out ContainerIdentity who,
            out ContainerPathInfo info, out string resolved)
        {
            who = null!;
            info = null!;
            resolved = containerPath;
            try
            {
                (ContainerIdentity Who, ContainerPathInfo? Info) src = Await(async ct =>
                {
                    ContainerIdentity w = await engine.ResolveContainerAsync(container, ct).ConfigureAwait(false);
                    return (w, await engine.StatContainerPathAsync(w.Id, containerPath, ct).ConfigureAwait(false));
                });
                who = src.Who;
                if (src.Info == null)
                {
                    Fail(new ItemNotFoundException($"Cannot find '{containerPath}' in container '{who.Name}'."), CopyErrorIds.ContainerPathNotFound, ErrorCategory.ObjectNotFound, Path);
                    return false;
                }

                info = src.Info;
                int hops = 0;
                while (follow && IsContainerLink(info))
                {
                    if (++hops > MaxLinkHops)
                    {
                        Fail(new IOException($"'{containerPath}' in container '{who.Name}' is a loop of symbolic links."), CopyErrorIds.LinkLoop, ErrorCategory.InvalidData, Path);
                        return false;
                    }

                    string target = info.LinkTarget ?? string.Empty;
                    string next = ContainerPathSpec.Join(ContainerPathSpec.Parent(TrimContainer(resolved)), target);
                    string id = who.Id;
                    ContainerPathInfo? nextInfo = Await(ct => engine.StatContainerPathAsync(id, next, ct));
                    if (nextInfo == null)
                    {
                        Fail(new ItemNotFoundException($"'{containerPath}' in container '{who.Name}' links to '{next}', which does not exist."), CopyErrorIds.LinkTargetNotFound, ErrorCategory.ObjectNotFound, Path);
                        return false;
                    }

                    resolved = next;
                    info = nextInfo;
                }

                return true;
            }
            catch (DockerEngineException e) when (e.EngineMessage.IndexOf("too many links", StringComparison.OrdinalIgnoreCase) >= 0
                || e.EngineMessage.IndexOf("too many levels of symbolic links", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // The engine resolves a link's target when it stats it, and a loop stops it (docker cp fails the same way).
                Fail(new IOException($"'{containerPath}' in container '{container}' is a loop of symbolic links: {e.EngineMessage}", e), CopyErrorIds.LinkLoop, ErrorCategory.InvalidData, Path);
                return false;
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                WriteEngineError(e, "Container", container);
                return false;
            }
        }

        /// <summary>Writes the container item as a tar, the engine's bytes unchanged (docker cp ctr:path - &gt; file).</summary>
        private void CopyArchiveOut(IDockerEngine engine, string container, string containerPath)
        {
            // docker cp -L with "-" asks for the resolved path and does not rename it: the tar names the target.
            if (!TryStatSource(engine, container, containerPath, FollowLink.IsPresent, out ContainerIdentity who, out ContainerPathInfo _, out string resolved))
            {
                return;
            }

            if (Destination == StandardStream)
            {
                if (!Console.IsOutputRedirected)
                {
                    Fail(new InvalidOperationException("Standard output is the console; redirect it to a file or a program (pwsh -File script.ps1 > out.tar), or give a file name with -AsTar."),
                        CopyErrorIds.ArchiveOutputNotRedirected, ErrorCategory.InvalidOperation, Destination);
                    return;
                }

                if (ShouldProcess("standard output", $"Write '{who.Name}:{containerPath}' as a tar archive"))
                {
                    Stream stdout = Console.OpenStandardOutput();
                    TryCopy(ct => engine.SaveContainerArchiveAsync(who.Id, resolved, stdout, ct), out long _);
                }

                return;
            }

            string target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
            if (Directory.Exists(target))
            {
                Fail(new IOException($"The destination '{target}' is a folder; give the tar file's name."), CopyErrorIds.ArchiveDestinationIsAFolder, ErrorCategory.InvalidArgument, Destination);
                return;
            }

            string folder = System.IO.Path.GetDirectoryName(target) ?? target;
            if (!Directory.Exists(folder))
            {
                Fail(new ItemNotFoundException($"The folder '{folder}' does not exist."), CopyErrorIds.DestinationFolderNotFound, ErrorCategory.ObjectNotFound, Destination);
                return;
            }

            if (!ShouldProcess(target, $"Write '{who.Name}:{containerPath}' as a tar archive"))
            {
                return;
            }

            // Written beside the destination and moved over it when complete: a copy cut off leaves nothing half-written.
            using var staging = new AtomicFile(target);
            bool done;
            using (FileStream file = staging.Open())
            {
                done = TryCopy(ct => engine.SaveContainerArchiveAsync(who.Id, resolved, file, ct), out long _);
            }

            if (done && TryLocal(staging.Commit) && PassThru.IsPresent)
            {
                WriteObject(new FileInfo(target));
            }
        }

        /// <summary>Extracts a tar (a file, or the process's standard input) into a folder of the container (docker cp - ctr:dir).</summary>
        private void CopyArchiveIn(IDockerEngine engine, string container, string containerPath)
        {
            string? spooled = null;
            try
            {
                string source;
                if (Path == StandardStream)
                {
                    if (!Console.IsInputRedirected)
                    {
                        Fail(new InvalidOperationException("Standard input is the console; redirect a tar archive into it (pwsh -File script.ps1 < in.tar), or give a file name with -AsTar."),
                            CopyErrorIds.ArchiveInputNotRedirected, ErrorCategory.InvalidOperation, Path);
                        return;
                    }

                    // Read whole and checked before the engine sees a byte: a damaged archive writes nothing into the container.
                    spooled = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dockerps-cp-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tar");
                    string spool = spooled;
                    if (!TryLocal(() =>
                        {
                            using var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920);
                            Console.OpenStandardInput().CopyTo(file, 81920);
                        }))
                    {
                        return;
                    }

                    source = spooled;
                }
                else
                {
                    source = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
                    if (Directory.Exists(source))
                    {
                        Fail(new IOException($"'{source}' is a folder, not a tar archive."), CopyErrorIds.NotATarArchive, ErrorCategory.InvalidData, Path);
                        return;
                    }

                    if (!File.Exists(source))
                    {
                        Fail(new ItemNotFoundException($"Cannot find path '{source}' because it does not exist."), CopyErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, Path);
                        return;
                    }
                }

                string? problem = null;
                if (!TryLocal(() =>
                    {
                        using var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
                        problem = engine.ValidateArchive(file);
                    }))
                {
                    return;
                }

                if (problem != null)
                {
                    Fail(new InvalidDataException($"'{(Path == StandardStream ? "standard input" : source)}' cannot be extracted: {problem}"), CopyErrorIds.NotATarArchive, ErrorCategory.InvalidData, Path);
                    return;
                }

                if (!TryStatDestination(engine, container, containerPath, out ContainerIdentity who, out ContainerPathInfo? info, out string folder))
                {
                    return;
                }

                // As docker cp: a tar is extracted into a folder, never onto a file or a missing path.
                if (info == null)
                {
                    Fail(new ItemNotFoundException($"The destination folder '{containerPath}' does not exist in container '{who.Name}'; a tar archive is extracted into an existing folder."),
                        CopyErrorIds.DestinationFolderNotFound, ErrorCategory.ObjectNotFound, Destination);
                    return;
                }

                if (!info.IsDirectory)
                {
                    Fail(new IOException($"The destination '{containerPath}' in container '{who.Name}' is not a folder; a tar archive is extracted into a folder."),
                        CopyErrorIds.DestinationNotAFolder, ErrorCategory.InvalidArgument, Destination);
                    return;
                }

                if (!ShouldProcess($"{who.Name}:{folder}", $"Extract the tar archive '{(Path == StandardStream ? "standard input" : source)}'"))
                {
                    return;
                }

                bool done;
                using (var archive = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
                {
                    done = TryCopy(async ct =>
                    {
                        await engine.CopyArchiveToContainerAsync(who.Id, archive, folder, Archive.IsPresent, ct).ConfigureAwait(false);
                        return true;
                    }, out bool _);
                }

                if (done && PassThru.IsPresent
                    && TryCall(ct => engine.StatContainerPathAsync(who.Id, folder, ct), "Container", Destination, out ContainerPathInfo? after) && after != null)
                {
                    WriteObject(after);
                }
            }
            finally
            {
                if (spooled != null)
                {
                    TryDeleteFile(spooled);
                }
            }
        }

        /// <summary>
        /// The container's stat of a destination; a link there is followed, as docker cp does (the engine gives its target
        /// resolved). <paramref name="path"/> is where the copy then goes.
        /// </summary>
        private bool TryStatDestination(IDockerEngine engine, string container, string containerPath, out ContainerIdentity who, out ContainerPathInfo? info, out string path)
        {
            string p = containerPath;
            bool ok = TryCall(async ct =>
                {
                    ContainerIdentity w = await engine.ResolveContainerAsync(container, ct).ConfigureAwait(false);
                    ContainerPathInfo? i = await engine.StatContainerPathAsync(w.Id, p, ct).ConfigureAwait(false);
                    if (i != null && IsContainerLink(i) && !string.IsNullOrEmpty(i.LinkTarget))
                    {
                        string target = ContainerPathSpec.Join(ContainerPathSpec.Parent(TrimContainer(p)), i.LinkTarget!);
                        ContainerPathInfo? t = await engine.StatContainerPathAsync(w.Id, target, ct).ConfigureAwait(false);
                        if (t != null)
                        {
                            // Keep the user's trailing / or /. on the resolved path: the rules read them.
                            string suffix = p.EndsWith("/.", StringComparison.Ordinal) ? "/." : p.EndsWith("/", StringComparison.Ordinal) ? "/" : string.Empty;
                            return (w, t, target + suffix);
                        }
                    }

                    return (w, i, p);
                }, "Container", container, out (ContainerIdentity Who, ContainerPathInfo? Info, string Path) dest);
            who = dest.Who;
            info = dest.Info;
            path = ok ? dest.Path : containerPath;
            return ok;
        }

        private bool TryLocal(Action work)
        {
            try
            {
                work();
                return true;
            }
            catch (UnauthorizedAccessException e)
            {
                Fail(e, ErrorIds.AccessDenied, ErrorCategory.PermissionDenied, Destination);
            }
            catch (IOException e)
            {
                Fail(e, CopyErrorIds.CopyFailed, ErrorCategory.WriteError, Destination);
            }

            return false;
        }

        private static void TryDeleteFile(string path)
        {
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private bool IsDrive(string name) =>
            SessionState.Drive.GetAll().Any(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

        private void CopyIn(IDockerEngine engine, string local, string container, string containerPath)
        {
            string item = TrimLocal(local);
            bool isLink = IsLocalLink(item);
            if (!isLink && !Directory.Exists(item) && !File.Exists(item))
            {
                Fail(new ItemNotFoundException($"Cannot find path '{item}' because it does not exist."), CopyErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, Path);
                return;
            }

            // The item sent: the link itself, or (-FollowLink, or a link written with a trailing / as docker cp reads it)
            // what it points to, under the link's name.
            string read = item;
            if (isLink && (FollowLink.IsPresent || CopyRules.EndsWithSeparator(local) || CopyRules.IsContentsOnly(local)))
            {
                LinkResolution resolution = LocalLinks.Resolve(item, MaxLinkHops, out read);
                if (resolution == LinkResolution.Loop)
                {
                    Fail(new IOException($"'{item}' is a loop of symbolic links (more than {MaxLinkHops} in a row)."), CopyErrorIds.LinkLoop, ErrorCategory.InvalidData, Path);
                    return;
                }

                if (resolution == LinkResolution.Missing)
                {
                    Fail(new ItemNotFoundException($"'{item}' links to '{read}', which does not exist."), CopyErrorIds.LinkTargetNotFound, ErrorCategory.ObjectNotFound, Path);
                    return;
                }
            }

            bool isDir = Directory.Exists(read) && !IsLocalLink(read);
            if (!TryStatDestination(engine, container, containerPath, out ContainerIdentity destWho, out ContainerPathInfo? destInfo, out containerPath))
            {
                return;
            }

            (ContainerIdentity Who, ContainerPathInfo? Info) dest = (destWho, destInfo);

            CopyDestinationState state = dest.Info == null ? CopyDestinationState.Missing : dest.Info.IsDirectory ? CopyDestinationState.Directory : CopyDestinationState.File;
            CopyPlan plan = CopyRules.Plan(isDir, Path, state, containerPath);
            if (plan.IsError)
            {
                Fail(new IOException(plan.Message), plan.ErrorId!, plan.Category, Destination);
                return;
            }

            string folder;
            string name;
            if (plan.Landing == CopyLanding.IntoDestination)
            {
                folder = containerPath;
                name = System.IO.Path.GetFileName(item);
            }
            else
            {
                string target = TrimContainer(containerPath);
                folder = target == "/" ? "/" : ContainerPathSpec.Parent(target);
                name = target == "/" ? "." : ContainerPathSpec.LeafName(target);
                if (state == CopyDestinationState.Missing)
                {
                    if (!TryCall(ct => engine.StatContainerPathAsync(dest.Who.Id, folder, ct), "Container", Destination, out ContainerPathInfo? parent))
                    {
                        return;
                    }

                    if (parent == null || !parent.IsDirectory)
                    {
                        Fail(new ItemNotFoundException($"The folder '{folder}' does not exist in container '{dest.Who.Name}'."), CopyErrorIds.DestinationFolderNotFound, ErrorCategory.ObjectNotFound, Destination);
                        return;
                    }
                }
            }

            string finalPath = name == "." ? folder : (folder.EndsWith("/", StringComparison.Ordinal) ? folder : folder + "/") + name;
            if (!ShouldProcess($"{dest.Who.Name}:{finalPath}", $"Copy '{item}'"))
            {
                return;
            }

            if (TryCopy(ct => engine.CopyToContainerAsync(dest.Who.Id, read, folder, name, Archive.IsPresent, ct), out ArchiveSummary _)
                && PassThru.IsPresent
                && TryCall(ct => engine.StatContainerPathAsync(dest.Who.Id, finalPath, ct), "Container", Destination, out ContainerPathInfo? info)
                && info != null)
            {
                WriteObject(info);
            }
        }

        private void CopyOut(IDockerEngine engine, string container, string containerPath, string local)
        {
            // -FollowLink: what the link points to is fetched, and lands under the link's name (docker cp -L).
            if (!TryStatSource(engine, container, containerPath, FollowLink.IsPresent, out ContainerIdentity srcWho, out ContainerPathInfo srcInfo, out string fetch))
            {
                return;
            }

            (ContainerIdentity Who, ContainerPathInfo Info) src = (srcWho, srcInfo);

            string target = TrimLocal(local);
            CopyDestinationState state = Directory.Exists(target) ? CopyDestinationState.Directory
                : File.Exists(target) || IsLocalLink(target) ? CopyDestinationState.File : CopyDestinationState.Missing;
            CopyPlan plan = CopyRules.Plan(src.Info.IsDirectory, containerPath, state, Destination);
            if (plan.IsError)
            {
                Fail(new IOException(plan.Message), plan.ErrorId!, plan.Category, Destination);
                return;
            }

            string finalPath = plan.Landing == CopyLanding.IntoDestination
                ? System.IO.Path.Combine(target, ContainerPathSpec.LeafName(TrimContainer(containerPath)))
                : target;
            string folder = System.IO.Path.GetDirectoryName(finalPath) ?? finalPath;
            string name = System.IO.Path.GetFileName(finalPath);
            if (!Directory.Exists(folder))
            {
                Fail(new ItemNotFoundException($"The folder '{folder}' does not exist."), CopyErrorIds.DestinationFolderNotFound, ErrorCategory.ObjectNotFound, Destination);
                return;
            }

            if (!ShouldProcess(finalPath, $"Copy '{src.Who.Name}:{containerPath}'"))
            {
                return;
            }

            if (TryCopy(ct => engine.CopyFromContainerAsync(src.Who.Id, fetch, folder, name, ct), out ArchiveSummary summary))
            {
                foreach (string skipped in summary.Skipped)
                {
                    WriteWarning($"Not copied (links and special files this platform cannot create): {skipped}");
                }

                if (PassThru.IsPresent)
                {
                    WriteObject(src.Info.IsDirectory ? new DirectoryInfo(finalPath) : (FileSystemInfo)new FileInfo(finalPath));
                }
            }
        }

        /// <summary>The transfer itself: engine failures map as usual; local file failures name the copy, never a generic error.</summary>
        private bool TryCopy<T>(Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> work, out T summary)
        {
            try
            {
                summary = Await(work);
                return true;
            }
            catch (CopyConflictException e)
            {
                Fail(e, CopyErrorIds.CopyConflict, ErrorCategory.InvalidOperation, Destination);
            }
            catch (UnauthorizedAccessException e)
            {
                Fail(e, ErrorIds.AccessDenied, ErrorCategory.PermissionDenied, Destination);
            }
            catch (IOException e)
            {
                Fail(e, CopyErrorIds.CopyFailed, ErrorCategory.WriteError, Destination);
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                WriteEngineError(e, "Container", Destination);
            }

            summary = default!;
            return false;
        }

        private void Fail(Exception e, string errorId, ErrorCategory category, object target) => WriteError(ErrorMapper.Record(e, errorId, category, target));

        /// <summary>A local path without the /. or trailing separators the rules read from the text the user wrote.</summary>
        private static string TrimLocal(string path)
        {
            string p = path;
            while (p.Length > 1 && (CopyRules.IsContentsOnly(p) || CopyRules.EndsWithSeparator(p)))
            {
                p = p.Substring(0, p.Length - 1); // "dir/." -> "dir/" -> "dir"
            }

            return p.Length == 0 ? System.IO.Path.DirectorySeparatorChar.ToString() : p;
        }

        private static string TrimContainer(string path)
        {
            string p = path;
            while (p.Length > 1 && (p.EndsWith("/.", StringComparison.Ordinal) || p.EndsWith("/", StringComparison.Ordinal)))
            {
                p = p.Substring(0, p.Length - 1);
            }

            return p.Length == 0 || p == "." ? "/" : p;
        }

        private static bool IsLocalLink(string path)
        {
            try
            {
                return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
