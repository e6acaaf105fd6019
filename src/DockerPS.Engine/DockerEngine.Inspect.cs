using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>Logs, exec, attach, top, stats, diff, archive, export and events over Docker.DotNet.</summary>
    internal sealed partial class DockerEngine
    {
        public async Task<ContainerIdentity> ResolveContainerAsync(string reference, CancellationToken cancellationToken)
        {
            ContainerInspectResponse c = await Call(() => _client.Containers.InspectContainerAsync(reference, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return new ContainerIdentity
            {
                Id = c.ID ?? string.Empty,
                Name = (c.Name ?? string.Empty).TrimStart('/'),
                Tty = c.Config?.Tty ?? false,
                OpenStdin = c.Config?.OpenStdin ?? false,
                Running = c.State?.Running ?? false,
                Engine = Address,
            };
        }

        public async Task<IContainerStream> OpenContainerLogAsync(string id, ContainerLogQuery query, CancellationToken cancellationToken)
        {
            var parameters = new ContainerLogsParameters
            {
                ShowStdout = query.Stdout,
                ShowStderr = query.Stderr,
                Follow = query.Follow,
                Timestamps = query.Timestamps,
                Tail = query.Tail,
                Since = query.Since!,
                Until = query.Until!,
            };
            MultiplexedStream stream = await Call(() => _client.Containers.GetContainerLogsAsync(id, parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return new MuxStream(stream, Endpoint, cancellationToken);
        }

        public async Task<string> CreateExecAsync(string id, ExecSpec spec, CancellationToken cancellationToken)
        {
            var parameters = new ContainerExecCreateParameters
            {
                Cmd = spec.Command.ToList(),
                User = spec.User!,
                WorkingDir = spec.WorkingDirectory!,
                Env = spec.Environment.Count > 0 ? spec.Environment.ToList() : null!,
                Privileged = spec.Privileged,
                TTY = spec.Tty,
                AttachStdin = spec.AttachStdin,
                AttachStdout = spec.AttachOutput,
                AttachStderr = spec.AttachOutput,
                DetachKeys = spec.DetachKeys!,
            };
            ContainerExecCreateResponse r = await Call(() => _client.Exec.CreateContainerExecAsync(id, parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return r.ID;
        }

        public async Task<IContainerStream> StartExecAsync(string execId, bool tty, CancellationToken cancellationToken)
        {
            var parameters = new ContainerExecStartParameters { Detach = false, TTY = tty };
            MultiplexedStream stream = await Call(() => _client.Exec.StartContainerExecAsync(execId, parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return new MuxStream(stream, Endpoint, cancellationToken);
        }

        public async Task StartExecDetachedAsync(string execId, CancellationToken cancellationToken)
        {
            var parameters = new ContainerExecStartParameters { Detach = true };
            try
            {
                MultiplexedStream stream = await Call(() => _client.Exec.StartContainerExecAsync(execId, parameters, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
                stream.Dispose();
            }
            catch (InvalidOperationException e) when (e.Message.IndexOf("hijack", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // Docker.DotNet always tries to hijack the connection; a detached start answers a plain 200 instead,
                // after the engine has started the process. That answer is the success.
            }
        }

        public async Task<ExecState> InspectExecAsync(string execId, CancellationToken cancellationToken)
        {
            ContainerExecInspectResponse r = await Call(() => _client.Exec.InspectContainerExecAsync(execId, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return new ExecState { Running = r.Running, ExitCode = r.ExitCode, Pid = r.Pid };
        }

        public Task ResizeExecAsync(string execId, int width, int height, CancellationToken cancellationToken) =>
            Call(() => _client.Exec.ResizeExecTtyAsync(execId, new ContainerResizeParameters { Width = width, Height = height }, cancellationToken), cancellationToken);

        public async Task<IContainerStream> AttachContainerAsync(string id, string? detachKeys, CancellationToken cancellationToken)
        {
            var parameters = new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = true, Stderr = true, DetachKeys = detachKeys };
            MultiplexedStream stream = await Call(() => _client.Containers.AttachContainerAsync(id, parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return new MuxStream(stream, Endpoint, cancellationToken);
        }

        public Task ResizeContainerTtyAsync(string id, int width, int height, CancellationToken cancellationToken) =>
            Call(() => _client.Containers.ResizeContainerTtyAsync(id, new ContainerResizeParameters { Width = width, Height = height }, cancellationToken), cancellationToken);

        public async Task<ContainerProcessTable> ListContainerProcessesAsync(string id, string? psArgs, CancellationToken cancellationToken)
        {
            var parameters = new ContainerListProcessesParameters { PsArgs = string.IsNullOrEmpty(psArgs) ? null : psArgs };
            ContainerProcessesResponse r = await Call(() => _client.Containers.ListProcessesAsync(id, parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return new ContainerProcessTable
            {
                Titles = r.Titles?.ToList() ?? new List<string>(),
                Rows = (r.Processes ?? new List<IList<string>>()).Select(p => (IList<string>)p.ToList()).ToList(),
            };
        }

        public async Task<IRecordReader<ContainerStatistic>> OpenContainerStatsAsync(string id, bool stream, CancellationToken cancellationToken)
        {
            var parameters = new ContainerStatsParameters { Stream = stream };
            // The raw-stream overload (obsolete in favour of IProgress) is the one that can be disposed to end a blocked read.
#pragma warning disable CS0618
            Stream body = await Call(() => _client.Containers.GetContainerStatsAsync(id, parameters, cancellationToken), cancellationToken)
#pragma warning restore CS0618
                .ConfigureAwait(false);
            return new JsonLineReader<ContainerStatistic>(body, Endpoint, cancellationToken, JsonModels.Statistic);
        }

        public async Task<IReadOnlyList<ContainerChange>> GetContainerChangesAsync(string id, CancellationToken cancellationToken)
        {
            IList<ContainerFileSystemChangeResponse> list = await Call(() => _client.Containers.InspectChangesAsync(id, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return (list ?? new List<ContainerFileSystemChangeResponse>())
                .Select(c => new ContainerChange { Kind = (ContainerChangeKind)(int)c.Kind, Path = c.Path ?? string.Empty, Engine = Address })
                .ToList();
        }

        public async Task<ContainerPathInfo?> StatContainerPathAsync(string id, string path, CancellationToken cancellationToken)
        {
            try
            {
                ContainerArchiveResponse r = await Call(
                    () => _client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = path }, true, cancellationToken),
                    cancellationToken).ConfigureAwait(false);
                return ToPathInfo(r.Stat);
            }
            catch (DockerEngineException e) when (e.StatusCode == 404 && e.EngineMessage.IndexOf("no such container", StringComparison.OrdinalIgnoreCase) < 0)
            {
                return null;
            }
            catch (DockerEngineException e) when (e.StatusCode >= 500)
            {
                // A HEAD answer has no body, so no engine message (a link loop is "evalSymlinksInScope: too many links"):
                // the same path asked with GET fails the same way and says why.
                ContainerArchiveResponse? again = null;
                try
                {
                    again = await Call(
                        () => _client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = path }, false, cancellationToken),
                        cancellationToken).ConfigureAwait(false);
                }
                catch (DockerEngineException why) when (why.StatusCode >= 500)
                {
                    throw;
                }
                finally
                {
                    again?.Stream?.Dispose();
                }

                throw;
            }
        }

        public async Task<ArchiveSummary> CopyFromContainerAsync(string id, string containerPath, string localDirectory, string localName,
            CancellationToken cancellationToken)
        {
            ContainerArchiveResponse r = await Call(
                () => _client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = containerPath }, false, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            using Stream tar = new TranslatingStream(r.Stream ?? throw new DockerEngineException(500, "The engine sent no archive.", Address), Endpoint, cancellationToken);
            using CancellationTokenRegistration reg = cancellationToken.Register(() => tar.Dispose());
            try
            {
                // The stat header says whether the archive is a folder's contents, whose shape differs between engines.
                ArchiveSource? source = r.Stat == null ? null
                    : new ArchiveSource(r.Stat.Name ?? string.Empty, Utc(r.Stat.Mtime), ArchiveSource.UnixMode((uint)r.Stat.Mode));
                return await Task.Run(() => TarArchives.ExtractStaged(tar, localDirectory, localName, source), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is IOException) && !(e is UnauthorizedAccessException) && !(e is OperationCanceledException))
            {
                Exception translated = Calls.Translate(e, Endpoint, cancellationToken, null);
                throw translated == e ? new IOException("The archive could not be extracted: " + e.Message, e) : translated;
            }
        }

        public async Task<long> SaveContainerArchiveAsync(string id, string containerPath, Stream output, CancellationToken cancellationToken)
        {
            ContainerArchiveResponse r = await Call(
                () => _client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = containerPath }, false, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            using Stream tar = new TranslatingStream(r.Stream ?? throw new DockerEngineException(500, "The engine sent no archive.", Address), Endpoint, cancellationToken);
            using CancellationTokenRegistration reg = cancellationToken.Register(() => tar.Dispose());
            return await Task.Run(
                () =>
                {
                    // The engine's bytes as they come, as docker cp ctr:path - writes them.
                    var buffer = new byte[81920];
                    long total = 0;
                    int n;
                    while ((n = tar.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        output.Write(buffer, 0, n);
                        total += n;
                    }

                    output.Flush();
                    return total;
                },
                cancellationToken).ConfigureAwait(false);
        }

        public async Task CopyArchiveToContainerAsync(string id, Stream archive, string containerDirectory, bool copyUidGid, CancellationToken cancellationToken)
        {
            var parameters = new CopyToContainerParameters { Path = containerDirectory, AllowOverwriteDirWithFile = false, CopyUIDGID = copyUidGid ? true : (bool?)null };
            await Call(() => _client.Containers.ExtractArchiveToContainerAsync(id, parameters, archive, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }

        public string? ValidateArchive(Stream input) => TarArchives.Validate(input);

        public async Task<ArchiveSummary> CopyToContainerAsync(string id, string localPath, string containerDirectory, string entryName,
            bool copyUidGid, CancellationToken cancellationToken)
        {
            var pipe = new PipeStream(16);
            var summary = new ArchiveSummary();
            Task producer = Task.Run(
                () =>
                {
                    try
                    {
                        TarArchives.Write(pipe.Writer, localPath, entryName, summary, cancellationToken);
                        pipe.CompleteWriting(null);
                    }
                    catch (Exception e)
                    {
                        pipe.CompleteWriting(e);
                        throw;
                    }
                },
                CancellationToken.None);
            var parameters = new CopyToContainerParameters { Path = containerDirectory, AllowOverwriteDirWithFile = false, CopyUIDGID = copyUidGid ? true : (bool?)null };
            try
            {
                await Call(() => _client.Containers.ExtractArchiveToContainerAsync(id, parameters, pipe, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception) when (producer.IsFaulted && !pipe.ReaderClosed)
            {
                // The local side failed first (unreadable file ...): that is the error to report. When the engine closed
                // the pipe (it refused the upload), the writer's failure is only the echo of that, and the engine's answer wins.
            }
            finally
            {
                pipe.Dispose();
            }

            await producer.ConfigureAwait(false);
            return summary;
        }

        public async Task<Stream> ExportContainerAsync(string id, CancellationToken cancellationToken)
        {
            Stream s = await Call(() => _client.Containers.ExportContainerAsync(id, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new TranslatingStream(s, Endpoint, cancellationToken);
        }

        public async Task<IRecordReader<DockerEvent>> OpenEventsAsync(EventQuery query, CancellationToken cancellationToken)
        {
            string? until = query.Until;
            DateTime? cut = null;
            // Podman 4.3 reads its event log only until `until` comes round on the wall clock, so an until that has passed
            // gives no events at all (measured: since=T0-1&until=T1-1 after a create/start at T0 lists none, and so does the
            // docker CLI; until=T1+1 lists them after a second). There the stream is asked to run one second past now and
            // the events after the asked time are dropped here: the same rows as dockerd's, about a second later.
            if (until != null && TryUnixSeconds(until, out DateTime asked) && asked <= DateTime.UtcNow.AddSeconds(1)
                && await IsPodmanAsync(cancellationToken).ConfigureAwait(false))
            {
                cut = asked;
                until = ((DateTimeOffset)DateTime.UtcNow.AddSeconds(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            }

            var parameters = new ContainerEventsParameters { Since = query.Since!, Until = until!, Filters = ToFilters(query.Filters)! };
#pragma warning disable CS0618 // the raw stream, as for stats: disposable on Ctrl+C
            Stream body = await Call(() => _client.System.MonitorEventsAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
#pragma warning restore CS0618
            var reader = new JsonLineReader<DockerEvent>(body, Endpoint, cancellationToken, JsonModels.Event);
            return cut == null ? reader : new EventsUntilReader(reader, cut.Value);
        }

        /// <summary>Whether the engine is Podman (its /_ping names Libpod); asked once per engine.</summary>
        private async Task<bool> IsPodmanAsync(CancellationToken cancellationToken)
        {
            if (_isPodman == null)
            {
                IDictionary<string, string> headers = await Call(() => Raw.PingHeadersAsync(Address, cancellationToken), cancellationToken).ConfigureAwait(false);
                _isPodman = headers.ContainsKey("Libpod-Api-Version")
                    || (headers.TryGetValue("Server", out string? server) && server.IndexOf("Libpod", StringComparison.OrdinalIgnoreCase) >= 0);
            }

            return _isPodman == true;
        }

        private static bool TryUnixSeconds(string value, out DateTime utc)
        {
            utc = default;
            if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds))
            {
                return false;
            }

            utc = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
            return true;
        }

        /// <summary>Drops the events after <c>cut</c> (UTC) from a stream that was asked to run a little longer.</summary>
        private sealed class EventsUntilReader : IRecordReader<DockerEvent>
        {
            private readonly IRecordReader<DockerEvent> _inner;
            private readonly DateTime _cut;

            public EventsUntilReader(IRecordReader<DockerEvent> inner, DateTime cut)
            {
                _inner = inner;
                _cut = cut;
            }

            public async Task<DockerEvent?> ReadAsync(CancellationToken cancellationToken)
            {
                while (true)
                {
                    DockerEvent? e = await _inner.ReadAsync(cancellationToken).ConfigureAwait(false);
                    if (e == null || e.Time.ToUniversalTime() <= _cut)
                    {
                        return e;
                    }
                }
            }

            public void Dispose() => _inner.Dispose();
        }

        private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime();

        private static ContainerPathInfo? ToPathInfo(ContainerPathStatResponse? s) =>
            s == null
                ? null
                : new ContainerPathInfo
                {
                    Name = s.Name ?? string.Empty,
                    Size = s.Size,
                    Mode = s.Mode,
                    Modified = s.Mtime,
                    LinkTarget = string.IsNullOrEmpty(s.LinkTarget) ? null : s.LinkTarget,
                };

        /// <summary>MultiplexedStream in the module's terms; transport failures become the module's exceptions.</summary>
        private sealed class MuxStream : IContainerStream
        {
            private readonly MultiplexedStream _inner;
            private readonly Connection.EngineEndpoint _endpoint;
            private readonly CancellationToken _userToken;
            private int _disposed;

            internal MuxStream(MultiplexedStream inner, Connection.EngineEndpoint endpoint, CancellationToken userToken)
            {
                _inner = inner;
                _endpoint = endpoint;
                _userToken = userToken;
                Multiplexed = !IsRaw(inner);
            }

            public bool Multiplexed { get; }

            public async Task<StreamChunk> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                try
                {
                    MultiplexedStream.ReadResult r = await _inner.ReadOutputAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                    if (r.EOF || r.Count == 0)
                    {
                        return new StreamChunk(ContainerStreamKind.Raw, 0);
                    }

                    ContainerStreamKind kind = !Multiplexed ? ContainerStreamKind.Raw
                        : r.Target == MultiplexedStream.TargetStream.StandardError ? ContainerStreamKind.Stderr
                        : r.Target == MultiplexedStream.TargetStream.StandardIn ? ContainerStreamKind.Stdin
                        : ContainerStreamKind.Stdout;
                    return new StreamChunk(kind, r.Count);
                }
                catch (Exception e) when (Volatile.Read(ref _disposed) == 1 || _userToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The stream was closed.", e, _userToken);
                }
                catch (Exception e)
                {
                    throw Calls.Translate(e, _endpoint, _userToken, null);
                }
            }

            public async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                try
                {
                    await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (Volatile.Read(ref _disposed) == 1 || _userToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The stream was closed.", e, _userToken);
                }
                catch (Exception e)
                {
                    throw Calls.Translate(e, _endpoint, _userToken, null);
                }
            }

            public void CloseWrite() => _inner.CloseWrite();

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    _inner.Dispose();
                }
            }

            private static bool IsRaw(MultiplexedStream s)
            {
                // MultiplexedStream keeps whether it demultiplexes in a private field; it was built from the container's Tty flag.
                System.Reflection.FieldInfo? f = typeof(MultiplexedStream).GetField("_multiplexed", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
                return f != null && f.GetValue(s) is bool multiplexed && !multiplexed;
            }
        }

        /// <summary>A response body whose read failures become the module's exceptions.</summary>
        private sealed class TranslatingStream : ReadOnlyStream
        {
            private readonly Stream _inner;
            private readonly Connection.EngineEndpoint _endpoint;
            private readonly CancellationToken _userToken;

            internal TranslatingStream(Stream inner, Connection.EngineEndpoint endpoint, CancellationToken userToken)
            {
                _inner = inner;
                _endpoint = endpoint;
                _userToken = userToken;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                try
                {
                    // Docker.DotNet's chunked response streams only read asynchronously; tar readers read synchronously.
                    return _inner.ReadAsync(buffer, offset, count, _userToken).GetAwaiter().GetResult();
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    throw Calls.Translate(e, _endpoint, _userToken, null);
                }
            }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                try
                {
                    return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    throw Calls.Translate(e, _endpoint, _userToken, null);
                }
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }

        /// <summary>Newline-delimited JSON records (stats, events), parsed one line at a time.</summary>
        private sealed class JsonLineReader<T> : IRecordReader<T>
            where T : class
        {
            private readonly StreamReader _reader;
            private readonly Connection.EngineEndpoint _endpoint;
            private readonly CancellationToken _userToken;
            private readonly Func<JsonElement, string, T> _map;
            private int _disposed;

            internal JsonLineReader(Stream body, Connection.EngineEndpoint endpoint, CancellationToken userToken, Func<JsonElement, string, T> map)
            {
                _reader = new StreamReader(body, new UTF8Encoding(false), false, 16 * 1024);
                _endpoint = endpoint;
                _userToken = userToken;
                _map = map;
            }

            public async Task<T?> ReadAsync(CancellationToken cancellationToken)
            {
                while (true)
                {
                    string? line;
                    try
                    {
                        line = await _reader.ReadLineAsync().ConfigureAwait(false);
                    }
                    catch (Exception e) when (Volatile.Read(ref _disposed) == 1 || _userToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException("The stream was closed.", e, _userToken);
                    }
                    catch (Exception e)
                    {
                        throw Calls.Translate(e, _endpoint, _userToken, null);
                    }

                    if (line == null)
                    {
                        return null;
                    }

                    if (line.Trim().Length == 0)
                    {
                        continue;
                    }

                    using JsonDocument doc = JsonDocument.Parse(line);
                    return _map(doc.RootElement, _endpoint.Address);
                }
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    _reader.Dispose();
                }
            }
        }
    }

    /// <summary>Engine JSON (stats samples, events) to the module's models.</summary>
    internal static class JsonModels
    {
        internal static ContainerStatistic Statistic(JsonElement j, string engine)
        {
            JsonElement cpu = Get(j, "cpu_stats");
            JsonElement pre = Get(j, "precpu_stats");
            long total = Long(Get(Get(cpu, "cpu_usage"), "total_usage"));
            long preTotal = Long(Get(Get(pre, "cpu_usage"), "total_usage"));
            long system = Long(Get(cpu, "system_cpu_usage"));
            long preSystem = Long(Get(pre, "system_cpu_usage"));
            int online = (int)Long(Get(cpu, "online_cpus"));
            if (online == 0 && Get(Get(cpu, "cpu_usage"), "percpu_usage") is { ValueKind: JsonValueKind.Array } per)
            {
                online = per.GetArrayLength();
            }

            double cpuPercent = 0;
            if (system > preSystem && total >= preTotal && preSystem > 0)
            {
                cpuPercent = (double)(total - preTotal) / (system - preSystem) * Math.Max(online, 1) * 100.0;
            }

            JsonElement mem = Get(j, "memory_stats");
            long usage = Long(Get(mem, "usage"));
            JsonElement memStats = Get(mem, "stats");
            // As docker stats: page cache does not count (cgroup v1 total_inactive_file, v2 inactive_file).
            long cache = Get(memStats, "total_inactive_file").ValueKind == JsonValueKind.Number ? Long(Get(memStats, "total_inactive_file")) : Long(Get(memStats, "inactive_file"));
            if (cache < usage)
            {
                usage -= cache;
            }

            long limit = Long(Get(mem, "limit"));
            long rx = 0;
            long tx = 0;
            if (Get(j, "networks") is { ValueKind: JsonValueKind.Object } networks)
            {
                foreach (JsonProperty n in networks.EnumerateObject())
                {
                    rx += Long(Get(n.Value, "rx_bytes"));
                    tx += Long(Get(n.Value, "tx_bytes"));
                }
            }

            long read = 0;
            long write = 0;
            if (Get(Get(j, "blkio_stats"), "io_service_bytes_recursive") is { ValueKind: JsonValueKind.Array } io)
            {
                foreach (JsonElement e in io.EnumerateArray())
                {
                    string op = (Str(Get(e, "op")) ?? string.Empty).ToLowerInvariant();
                    if (op == "read")
                    {
                        read += Long(Get(e, "value"));
                    }
                    else if (op == "write")
                    {
                        write += Long(Get(e, "value"));
                    }
                }
            }

            string? name = Str(Get(j, "name"));
            return new ContainerStatistic
            {
                Time = DockerEngine.ParseTime(Str(Get(j, "read"))) ?? DateTime.Now,
                CpuPercent = Math.Round(cpuPercent, 2),
                MemoryUsage = usage,
                MemoryLimit = limit,
                MemoryPercent = limit > 0 ? Math.Round(usage * 100.0 / limit, 2) : 0,
                NetworkReceived = rx,
                NetworkSent = tx,
                BlockRead = read,
                BlockWritten = write,
                Pids = Long(Get(Get(j, "pids_stats"), "current")),
                OnlineCpus = online,
                ContainerName = (name ?? string.Empty).TrimStart('/'),
                ContainerId = Str(Get(j, "id")) ?? string.Empty,
                Engine = engine,
            };
        }

        internal static DockerEvent Event(JsonElement j, string engine)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            JsonElement actor = Get(j, "Actor");
            if (Get(actor, "Attributes") is { ValueKind: JsonValueKind.Object } attrs)
            {
                foreach (JsonProperty p in attrs.EnumerateObject())
                {
                    attributes[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }

            long nanos = Long(Get(j, "timeNano"));
            DateTime time = nanos > 0
                ? DateTimeOffset.FromUnixTimeMilliseconds(nanos / 1_000_000).UtcDateTime.AddTicks(nanos % 1_000_000 / 100).ToLocalTime()
                : DateTimeOffset.FromUnixTimeSeconds(Long(Get(j, "time"))).LocalDateTime;
            return new DockerEvent
            {
                Time = time,
                Type = Str(Get(j, "Type")) ?? string.Empty,
                Action = Str(Get(j, "Action")) ?? Str(Get(j, "status")) ?? string.Empty,
                ActorId = Str(Get(actor, "ID")) ?? Str(Get(j, "id")) ?? string.Empty,
                Name = attributes.TryGetValue("name", out string? n) ? n : null,
                Attributes = attributes,
                Scope = Str(Get(j, "scope")) ?? string.Empty,
                Engine = engine,
            };
        }

        private static JsonElement Get(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) ? v : default;

        private static long Long(JsonElement e) =>
            e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) ? v
            : e.ValueKind == JsonValueKind.Number ? (long)e.GetDouble()
            : 0;

        private static string? Str(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }
}
