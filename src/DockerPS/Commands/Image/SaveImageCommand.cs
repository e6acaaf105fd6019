using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Streams;

namespace DockerPS.Commands.Image
{
    /// <summary>
    /// docker save: writes one or many images (piped ones are gathered) into one tar. The engine's stream goes straight
    /// to a temp file next to the destination, which is renamed at the end, so a failure or Ctrl+C leaves no partial file.
    /// </summary>
    [Cmdlet(VerbsData.Save, "Image", DefaultParameterSetName = ReferenceSet, SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveImageCommand : WildcardImageCmdlet
    {
        private const int BufferSize = 1 << 20;
        private readonly List<ItemTarget> _targets = new List<ItemTarget>();

        /// <summary>The tar file to write.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("OutFile", "FilePath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            foreach (ItemTarget target in Targets())
            {
                if (!_targets.Any(t => t.Reference == target.Reference && t.Engine == target.Engine))
                {
                    _targets.Add(target);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_targets.Count == 0)
            {
                return;
            }

            string[] engines = _targets.Select(t => t.Engine).Where(e => e != null).Distinct().ToArray()!;
            if (engines.Length > 1)
            {
                ThrowTerminatingError(ErrorMapper.Record(new ArgumentException("One tar holds images of one engine; the images come from " + string.Join(", ", engines) + "."),
                    ErrorIds.ImagesOnDifferentEngines, ErrorCategory.InvalidArgument, engines));
            }

            string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (Directory.Exists(full))
            {
                ThrowTerminatingError(ErrorMapper.Record(new IOException($"'{full}' is a folder; give a file path."), ErrorIds.PathIsFolder, ErrorCategory.InvalidArgument, Path));
            }

            if (File.Exists(full) && !Force.IsPresent)
            {
                ThrowTerminatingError(ErrorMapper.Record(new IOException($"'{full}' exists; use -Force to overwrite it."), ErrorIds.ImageFileExists, ErrorCategory.ResourceExists, Path));
            }

            string folder = System.IO.Path.GetDirectoryName(full) ?? ".";
            if (!Directory.Exists(folder))
            {
                ThrowTerminatingError(ErrorMapper.Record(new DirectoryNotFoundException($"The folder '{folder}' does not exist."), ErrorIds.FolderNotFound, ErrorCategory.ObjectNotFound, Path));
            }

            string[] references = _targets.Select(t => t.Reference).ToArray();
            if (!ShouldProcess(full, "Save images " + string.Join(", ", references)))
            {
                return;
            }

            IDockerEngine engine = Connect(EndpointFor(engines.FirstOrDefault()));
            using var file = new AtomicFile(full);
            string activity = "Saving " + string.Join(", ", references);
            try
            {
                long total = Await(ct => CopyAsync(engine, references, file, activity, ct));
                file.Commit();
                WriteVerbose($"Saved {total} bytes to {full}.");
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e) || e is ObjectDisposedException)
            {
                if (StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }

                ThrowTerminatingError(e is DockerEngineException || e is DockerConnectionException
                    ? ErrorMapper.ToErrorRecord(e, "Image", references.Length == 1 ? (object)references[0] : references)
                    : ErrorMapper.Record(e, ErrorIds.ImageSaveFailed, ErrorCategory.WriteError, Path));
            }

            WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
            WriteObject(new FileInfo(full));
        }

        private async Task<long> CopyAsync(IDockerEngine engine, string[] references, AtomicFile temp, string activity, System.Threading.CancellationToken ct)
        {
            using Stream source = await engine.SaveImagesAsync(references, ct).ConfigureAwait(false);
            DisposeOnStop(source);
            using FileStream file = temp.Open();
            DisposeOnStop(file);
            var buffer = new byte[BufferSize];
            long total = 0;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            long lastReport = -1000;
            int read;
            while ((read = await source.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false)) > 0)
            {
                file.Write(buffer, 0, read);
                total += read;
                if (watch.ElapsedMilliseconds - lastReport >= 250)
                {
                    lastReport = watch.ElapsedMilliseconds;
                    string status = Display.Size(total) + " written";
                    Post(() => WriteProgress(new ProgressRecord(1, activity, status)));
                }
            }

            // Flushed to the OS, not forced to disk: the temp-file-and-rename already keeps a failed or stopped save from
            // leaving a partial file, and an fsync of the whole tar cost ~1 s per 500 MB (bench/run: 1.39x docker save,
            // which does not fsync either).
            file.Flush();
            return total;
        }
    }
}
