using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>
    /// docker load and docker import: loads image tars written by Save-Image or docker save, or makes a one-layer image
    /// from a root filesystem tar. Files are streamed to the engine, never read into memory; writes the images.
    /// </summary>
    [Cmdlet(VerbsData.Import, "Image", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class ImportImageCommand : ImageOperationCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string RootFileSystemSet = "RootFileSystem";

        /// <summary>Image tars (docker save format); wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Image tars, taken literally; FileInfo objects (from Save-Image) bind here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>A tar of a root filesystem (docker export, or any tar of files) to make a one-layer image from (docker import).</summary>
        [Parameter(Mandatory = true, ParameterSetName = RootFileSystemSet)]
        [ValidateNotNullOrEmpty]
        public string RootFileSystem { get; set; } = string.Empty;

        /// <summary>repository[:tag] for the imported image; without it the image is untagged.</summary>
        [Parameter(Position = 1, ParameterSetName = RootFileSystemSet)]
        [ValidateNotNullOrEmpty]
        public string? Repository { get; set; }

        /// <summary>Dockerfile instructions to apply: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR.</summary>
        [Parameter(ParameterSetName = RootFileSystemSet)]
        public string[] Change { get; set; } = Array.Empty<string>();

        /// <summary>The commit message of the imported image.</summary>
        [Parameter(ParameterSetName = RootFileSystemSet)]
        public string? Message { get; set; }

        /// <summary>The platform of the imported image, os[/arch[/variant]].</summary>
        [Parameter(ParameterSetName = RootFileSystemSet)]
        public string? Platform { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == RootFileSystemSet)
            {
                ImportRootFileSystem();
                return;
            }

            foreach (string file in ResolveFiles())
            {
                Load(file);
            }
        }

        private IEnumerable<string> ResolveFiles()
        {
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (string p in LiteralPath)
                {
                    yield return SessionState.Path.GetUnresolvedProviderPathFromPSPath(p);
                }

                yield break;
            }

            foreach (string p in Path)
            {
                Collection<string>? resolved = null;
                try
                {
                    resolved = GetResolvedProviderPathFromPSPath(p, out ProviderInfo _);
                }
                catch (ItemNotFoundException e)
                {
                    WriteError(ErrorMapper.Record(e, ErrorIds.FileNotFound, ErrorCategory.ObjectNotFound, p));
                }

                if (resolved != null)
                {
                    foreach (string r in resolved)
                    {
                        yield return r;
                    }
                }
            }
        }

        private FileStream? Open(string file)
        {
            try
            {
                return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(ErrorMapper.Record(e, e is FileNotFoundException || e is DirectoryNotFoundException ? ErrorIds.FileNotFound : ErrorIds.FileUnreadable,
                    e is FileNotFoundException || e is DirectoryNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError, file));
                return null;
            }
        }

        private void Load(string file)
        {
            if (!ShouldProcess(file, "Load images"))
            {
                return;
            }

            IDockerEngine engine = Connect(EndpointFor((string?)null));
            using FileStream? stream = Open(file);
            if (stream == null)
            {
                return;
            }

            DisposeOnStop(stream);
            if (!RunWithProgress("Loading " + System.IO.Path.GetFileName(file), (p, ct) => engine.LoadImagesAsync(stream, p, ct), ErrorIds.ImageLoadFailed, file, out var progress))
            {
                return;
            }

            var loaded = new List<string>();
            foreach (string line in progress.Lines)
            {
                const string tagged = "Loaded image: ";
                const string untagged = "Loaded image ID: ";
                if (line.StartsWith(tagged, StringComparison.Ordinal))
                {
                    // dockerd writes one line per tag; Podman 4.3 one line for all, comma-separated and fully
                    // qualified (observed: "Loaded image: docker.io/pn/api:1,docker.io/library/apione:1").
                    foreach (string name in line.Substring(tagged.Length).Split(','))
                    {
                        if (name.Trim().Length > 0)
                        {
                            loaded.Add(Images.ImageReference.FamiliarOf(name.Trim()));
                        }
                    }
                }
                else if (line.StartsWith(untagged, StringComparison.Ordinal))
                {
                    loaded.Add(line.Substring(untagged.Length).Trim());
                }
            }

            WriteRows(engine, loaded, file);
        }

        private void ImportRootFileSystem()
        {
            string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(RootFileSystem);
            var request = new ImageImportRequest { Message = Message, Platform = Platform };
            if (Repository != null)
            {
                Images.ImageReference? parsed = ReadImageReference(Repository);
                if (parsed == null)
                {
                    return;
                }

                if (parsed.IsDigest)
                {
                    WriteError(ErrorMapper.Record(new ArgumentException($"'{Repository}' is a digest; give repository[:tag] (cannot import digest reference)."), ErrorIds.InvalidImageReference, ErrorCategory.InvalidArgument, Repository));
                    return;
                }

                request.Repository = parsed.WrittenName;
                request.Tag = parsed.Tag ?? Images.ImageReference.DefaultTag;
            }

            foreach (string change in Change)
            {
                request.Changes.Add(change);
            }

            if (!ShouldProcess(file, "Import root filesystem as " + (Repository ?? "an untagged image")))
            {
                return;
            }

            IDockerEngine engine = Connect(EndpointFor((string?)null));
            using FileStream? stream = Open(file);
            if (stream == null)
            {
                return;
            }

            DisposeOnStop(stream);
            if (!RunWithProgress("Importing " + System.IO.Path.GetFileName(file), (p, ct) => engine.ImportRootFileSystemAsync(stream, request, p, ct), ErrorIds.ImageImportFailed, file, out var progress))
            {
                return;
            }

            string? id = progress.LastStatus;
            string? reference = request.Repository != null ? request.Repository + ":" + request.Tag : id;
            WriteRows(engine, reference != null ? new[] { reference } : Array.Empty<string>(), file);
        }

        private void WriteRows(IDockerEngine engine, IEnumerable<string> references, string file)
        {
            var written = new HashSet<DockerImage>();
            foreach (string reference in references.Distinct(StringComparer.Ordinal))
            {
                if (TryCall(ct => ImageRowsAsync(engine, reference, ct), "Image", file, out IReadOnlyList<DockerImage> rows))
                {
                    foreach (DockerImage row in rows.Where(written.Add))
                    {
                        WriteObject(row);
                    }
                }
            }
        }
    }
}
