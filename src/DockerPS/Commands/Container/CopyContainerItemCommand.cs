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
                WriteError(ErrorMapper.Record(e, "InvalidCopyPath", ErrorCategory.InvalidArgument, Path + " -> " + Destination));
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
            bool isDir = Directory.Exists(local);
            if (!isDir && !File.Exists(local))
            {
                WriteError(ErrorMapper.Record(new ItemNotFoundException($"Cannot find path '{local}' because it does not exist."), "PathNotFound", ErrorCategory.ObjectNotFound, Path));
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

            string folder;
            string name;
            if (dest.Info != null && dest.Info.IsDirectory)
            {
                folder = containerPath;
                name = System.IO.Path.GetFileName(local.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar));
            }
            else if (containerPath.EndsWith("/", StringComparison.Ordinal))
            {
                WriteError(ErrorMapper.Record(new ItemNotFoundException($"The folder '{containerPath}' does not exist in container '{dest.Who.Name}'."), "ContainerPathNotFound", ErrorCategory.ObjectNotFound, Destination));
                return;
            }
            else if (dest.Info != null && isDir)
            {
                WriteError(ErrorMapper.Record(new IOException($"Cannot copy the folder '{local}' over the file '{containerPath}'."), "CannotOverwriteFileWithFolder", ErrorCategory.InvalidOperation, Destination));
                return;
            }
            else
            {
                folder = ContainerPathSpec.Parent(containerPath);
                name = ContainerPathSpec.LeafName(containerPath);
            }

            string finalPath = (folder.EndsWith("/", StringComparison.Ordinal) ? folder : folder + "/") + name;
            if (!ShouldProcess($"{dest.Who.Name}:{finalPath}", $"Copy '{local}'"))
            {
                return;
            }

            if (TryCall(ct => engine.CopyToContainerAsync(dest.Who.Id, local, folder, name, ct), "Container", Destination, out ArchiveSummary _)
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
                WriteError(ErrorMapper.Record(new ItemNotFoundException($"Cannot find '{containerPath}' in container '{src.Who.Name}'."), "ContainerPathNotFound", ErrorCategory.ObjectNotFound, Path));
                return;
            }

            string folder;
            string name;
            if (Directory.Exists(local))
            {
                folder = local;
                name = src.Info.Name.Length > 0 ? src.Info.Name : ContainerPathSpec.LeafName(containerPath);
            }
            else if (local.EndsWith(System.IO.Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) || local.EndsWith("/", StringComparison.Ordinal))
            {
                WriteError(ErrorMapper.Record(new ItemNotFoundException($"The folder '{local}' does not exist."), "PathNotFound", ErrorCategory.ObjectNotFound, Destination));
                return;
            }
            else if (File.Exists(local) && src.Info.IsDirectory)
            {
                WriteError(ErrorMapper.Record(new IOException($"Cannot copy the folder '{containerPath}' over the file '{local}'."), "CannotOverwriteFileWithFolder", ErrorCategory.InvalidOperation, Destination));
                return;
            }
            else
            {
                folder = System.IO.Path.GetDirectoryName(local) ?? ".";
                name = System.IO.Path.GetFileName(local);
                if (!Directory.Exists(folder))
                {
                    WriteError(ErrorMapper.Record(new ItemNotFoundException($"The folder '{folder}' does not exist."), "PathNotFound", ErrorCategory.ObjectNotFound, Destination));
                    return;
                }
            }

            string finalPath = System.IO.Path.Combine(folder, name);
            if (!ShouldProcess(finalPath, $"Copy '{src.Who.Name}:{containerPath}'"))
            {
                return;
            }

            if (TryCall(ct => engine.CopyFromContainerAsync(src.Who.Id, containerPath, folder, name, ct), "Container", Path, out ArchiveSummary summary))
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
    }
}
