using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Streams;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Writes a container's file system to a tar file (docker export), streamed to a temporary file next to the
    /// destination and renamed at the end, so the destination is never half-written.
    /// </summary>
    [Cmdlet(VerbsData.Export, "Container", DefaultParameterSetName = NameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportContainerCommand : ContainerCmdlet
    {
        /// <summary>The tar file to write.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrite the file if it exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            string destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (File.Exists(destination) && !Force.IsPresent)
            {
                var e = new IOException($"The file '{destination}' already exists. Use -Force to overwrite it.");
                WriteError(ErrorMapper.Record(e, ErrorIds.FileExists, ErrorCategory.ResourceExists, destination));
                return;
            }

            if (Directory.Exists(destination))
            {
                var e = new IOException($"'{destination}' is a folder; give the path of the tar file to write.");
                WriteError(ErrorMapper.Record(e, ErrorIds.DestinationIsFolder, ErrorCategory.InvalidArgument, destination));
                return;
            }

            if (!ShouldProcess(destination, $"Export container '{Describe(target)}'"))
            {
                return;
            }

            string folder = System.IO.Path.GetDirectoryName(destination) ?? ".";
            if (!Directory.Exists(folder))
            {
                var e = new DirectoryNotFoundException($"The folder '{folder}' does not exist.");
                WriteError(ErrorMapper.Record(e, ErrorIds.FolderNotFound, ErrorCategory.ObjectNotFound, destination));
                return;
            }

            using var file = new AtomicFile(destination);
            if (TryCall(ct => CopyAsync(target, engine, file, ct), "Container", target.UserInput, out bool _))
            {
                file.Commit();
                WriteObject(new FileInfo(destination));
            }
        }

        private async Task<bool> CopyAsync(ItemTarget target, IDockerEngine engine, AtomicFile temp, CancellationToken ct)
        {
            ContainerIdentity who = await engine.ResolveContainerAsync(target.Reference, ct).ConfigureAwait(false);
            using Stream tar = await engine.ExportContainerAsync(who.Id, ct).ConfigureAwait(false);
            DisposeOnStop(tar);
            using FileStream file = temp.Open(useAsync: true);
            try
            {
                await tar.CopyToAsync(file, 81920, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (ct.IsCancellationRequested && !(e is OperationCanceledException))
            {
                throw new OperationCanceledException("Stopped.", e, ct);
            }

            return true;
        }
    }
}
