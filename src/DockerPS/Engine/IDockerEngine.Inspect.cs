using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>Looking inside containers and interacting with them: logs, exec, attach, top, stats, diff, archive, export, events.</summary>
    internal partial interface IDockerEngine
    {
        /// <summary>The id, name and TTY setting of one container (GET /containers/{id}/json, reduced).</summary>
        Task<ContainerIdentity> ResolveContainerAsync(string reference, CancellationToken cancellationToken);

        /// <summary>GET /containers/{id}/logs as an open stream. Dispose it to end a blocked read.</summary>
        Task<IContainerStream> OpenContainerLogAsync(string id, ContainerLogQuery query, CancellationToken cancellationToken);

        /// <summary>POST /containers/{id}/exec; returns the exec id.</summary>
        Task<string> CreateExecAsync(string id, ExecSpec spec, CancellationToken cancellationToken);

        /// <summary>POST /exec/{id}/start, attached: the stream carries stdout/stderr and takes stdin.</summary>
        Task<IContainerStream> StartExecAsync(string execId, bool tty, CancellationToken cancellationToken);

        /// <summary>POST /exec/{id}/start with Detach: the process runs on in the background.</summary>
        Task StartExecDetachedAsync(string execId, CancellationToken cancellationToken);

        /// <summary>GET /exec/{id}/json: whether it still runs and its exit code.</summary>
        Task<ExecState> InspectExecAsync(string execId, CancellationToken cancellationToken);

        /// <summary>POST /exec/{id}/resize.</summary>
        Task ResizeExecAsync(string execId, int width, int height, CancellationToken cancellationToken);

        /// <summary>POST /containers/{id}/attach with stdin, stdout, stderr and stream.</summary>
        Task<IContainerStream> AttachContainerAsync(string id, string? detachKeys, CancellationToken cancellationToken);

        /// <summary>POST /containers/{id}/resize.</summary>
        Task ResizeContainerTtyAsync(string id, int width, int height, CancellationToken cancellationToken);

        /// <summary>GET /containers/{id}/top.</summary>
        Task<ContainerProcessTable> ListContainerProcessesAsync(string id, string? psArgs, CancellationToken cancellationToken);

        /// <summary>GET /containers/{id}/stats: one sample (stream false) or samples until disposed.</summary>
        Task<IRecordReader<ContainerStatistic>> OpenContainerStatsAsync(string id, bool stream, CancellationToken cancellationToken);

        /// <summary>GET /containers/{id}/changes.</summary>
        Task<IReadOnlyList<ContainerChange>> GetContainerChangesAsync(string id, CancellationToken cancellationToken);

        /// <summary>HEAD /containers/{id}/archive: what is at a path in the container; null when nothing is.</summary>
        Task<ContainerPathInfo?> StatContainerPathAsync(string id, string path, CancellationToken cancellationToken);

        /// <summary>
        /// GET /containers/{id}/archive and extract it, streamed, under <paramref name="localDirectory"/>; the archive's
        /// top entry is renamed to <paramref name="localName"/>. Mode bits and times are kept where the platform allows.
        /// </summary>
        Task<ArchiveSummary> CopyFromContainerAsync(string id, string containerPath, string localDirectory, string localName,
            CancellationToken cancellationToken);

        /// <summary>
        /// Tars <paramref name="localPath"/> (a file or a folder tree), streamed, as the entry <paramref name="entryName"/>
        /// and extracts it into <paramref name="containerDirectory"/> with PUT /containers/{id}/archive.
        /// </summary>
        /// <remarks>
        /// The entries carry the local files' owner ids, as docker cp's do. <paramref name="copyUidGid"/> is docker cp -a
        /// (copyUIDGID=1): the engine then gives every entry the container's user (Config.User), where without it the
        /// entries keep their ids.
        /// </remarks>
        Task<ArchiveSummary> CopyToContainerAsync(string id, string localPath, string containerDirectory, string entryName,
            bool copyUidGid, CancellationToken cancellationToken);

        /// <summary>GET /containers/{id}/archive written as it comes to <paramref name="output"/> (docker cp ctr:path -); returns the bytes written.</summary>
        Task<long> SaveContainerArchiveAsync(string id, string containerPath, Stream output, CancellationToken cancellationToken);

        /// <summary>PUT /containers/{id}/archive with a tar the caller has (docker cp - ctr:dir); plain, gzip, bzip2, xz or zstd.</summary>
        Task CopyArchiveToContainerAsync(string id, Stream archive, string containerDirectory, bool copyUidGid, CancellationToken cancellationToken);

        /// <summary>Reads <paramref name="input"/> to its end: null when it is a whole tar archive, else why not.</summary>
        string? ValidateArchive(Stream input);

        /// <summary>GET /containers/{id}/export: the container's file system as a tar stream.</summary>
        Task<Stream> ExportContainerAsync(string id, CancellationToken cancellationToken);

        /// <summary>GET /events; with no Until it streams until disposed.</summary>
        Task<IRecordReader<DockerEvent>> OpenEventsAsync(EventQuery query, CancellationToken cancellationToken);
    }

    /// <summary>Which stream a chunk of container output belongs to.</summary>
    internal enum ContainerStreamKind
    {
        /// <summary>The TTY's single stream, or a stream that is not multiplexed.</summary>
        Raw = 0,
        Stdin = 1,
        Stdout = 2,
        Stderr = 3,
    }

    /// <summary>One read from a container stream: how many bytes, and from which stream. Count 0 means the end.</summary>
    internal readonly struct StreamChunk
    {
        public StreamChunk(ContainerStreamKind kind, int count)
        {
            Kind = kind;
            Count = count;
        }

        public ContainerStreamKind Kind { get; }

        public int Count { get; }

        public bool End => Count == 0;
    }

    /// <summary>An open logs/attach/exec connection, in the module's own terms. Dispose ends blocked reads.</summary>
    internal interface IContainerStream : IDisposable
    {
        /// <summary>False for a TTY: the output is one raw stream.</summary>
        bool Multiplexed { get; }

        Task<StreamChunk> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken);

        Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken);

        /// <summary>Half-closes the connection: the process sees the end of its stdin.</summary>
        void CloseWrite();
    }

    /// <summary>A stream of decoded records (stats samples, events). ReadAsync returns null at the end.</summary>
    internal interface IRecordReader<T> : IDisposable
        where T : class
    {
        Task<T?> ReadAsync(CancellationToken cancellationToken);
    }

    /// <summary>GET /containers/{id}/logs parameters. Times are unix seconds (fractions allowed).</summary>
    internal sealed class ContainerLogQuery
    {
        public bool Stdout { get; set; } = true;

        public bool Stderr { get; set; } = true;

        public bool Follow { get; set; }

        public bool Timestamps { get; set; }

        /// <summary>"all" or a number of lines.</summary>
        public string Tail { get; set; } = "all";

        public string? Since { get; set; }

        public string? Until { get; set; }
    }

    /// <summary>What POST /containers/{id}/exec creates.</summary>
    internal sealed class ExecSpec
    {
        public IList<string> Command { get; set; } = new List<string>();

        public string? User { get; set; }

        public string? WorkingDirectory { get; set; }

        public IList<string> Environment { get; set; } = new List<string>();

        public bool Privileged { get; set; }

        public bool Tty { get; set; }

        public bool AttachStdin { get; set; }

        public bool AttachOutput { get; set; } = true;

        public string? DetachKeys { get; set; }
    }

    /// <summary>GET /exec/{id}/json, reduced.</summary>
    internal sealed class ExecState
    {
        public bool Running { get; set; }

        public long? ExitCode { get; set; }

        public long Pid { get; set; }
    }

    /// <summary>GET /containers/{id}/top: column titles and rows.</summary>
    internal sealed class ContainerProcessTable
    {
        public IList<string> Titles { get; set; } = new List<string>();

        public IList<IList<string>> Rows { get; set; } = new List<IList<string>>();
    }

    /// <summary>What an archive copy moved.</summary>
    internal sealed class ArchiveSummary
    {
        public int Files { get; set; }

        public int Directories { get; set; }

        public int Links { get; set; }

        public long Bytes { get; set; }

        /// <summary>Entries that could not be created here (hard links, devices, links on platforms without them).</summary>
        public IList<string> Skipped { get; } = new List<string>();
    }

    /// <summary>GET /events parameters. Times are unix seconds.</summary>
    internal sealed class EventQuery
    {
        public string? Since { get; set; }

        public string? Until { get; set; }

        public IDictionary<string, IList<string>> Filters { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
    }
}
