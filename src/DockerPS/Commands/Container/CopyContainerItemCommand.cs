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
            if (toContainer)
            {
                CopyIn(engine, SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path), dstContainer, dstPath);
            }
            else
            {
                CopyOut(engine, srcContainer, srcPath, SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination));
            }
        }

        private bool IsDrive(string name) =>
            SessionState.Drive.GetAll().Any(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

        private void CopyIn(IDockerEngine engine, string local, string container, string containerPath)
        {
            string item = TrimLocal(local);
            bool isDir = Directory.Exists(item);
            if (!isDir && !File.Exists(item) && !IsLocalLink(item))
            {
                Fail(new ItemNotFoundException($"Cannot find path '{item}' because it does not exist."), CopyErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, Path);
                return;
            }

            if (!TryCall(async ct =>
                {
                    ContainerIdentity who = await engine.ResolveContainerAsync(container, ct).ConfigureAwait(false);
                    return (who, await engine.StatContainerPathAsync(who.Id, containerPath, ct).ConfigureAwait(false));
                }, "Container", container, out (ContainerIdentity Who, ContainerPathInfo? Info) dest))
            {
                return;
            }

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

            if (TryCopy(ct => engine.CopyToContainerAsync(dest.Who.Id, item, folder, name, ct), out ArchiveSummary _)
                && PassThru.IsPresent
                && TryCall(ct => engine.StatContainerPathAsync(dest.Who.Id, finalPath, ct), "Container", Destination, out ContainerPathInfo? info)
                && info != null)
            {
                WriteObject(info);
            }
        }

        private void CopyOut(IDockerEngine engine, string container, string containerPath, string local)
        {
            if (!TryCall(async ct =>
                {
                    ContainerIdentity who = await engine.ResolveContainerAsync(container, ct).ConfigureAwait(false);
                    return (who, await engine.StatContainerPathAsync(who.Id, containerPath, ct).ConfigureAwait(false));
                }, "Container", container, out (ContainerIdentity Who, ContainerPathInfo? Info) src))
            {
                return;
            }

            if (src.Info == null)
            {
                Fail(new ItemNotFoundException($"Cannot find '{containerPath}' in container '{src.Who.Name}'."), CopyErrorIds.ContainerPathNotFound, ErrorCategory.ObjectNotFound, Path);
                return;
            }

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

            if (TryCopy(ct => engine.CopyFromContainerAsync(src.Who.Id, containerPath, folder, name, ct), out ArchiveSummary summary))
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
        private bool TryCopy(Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<ArchiveSummary>> work, out ArchiveSummary summary)
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

            summary = new ArchiveSummary();
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
