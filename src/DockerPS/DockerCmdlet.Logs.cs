using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Models;
using DockerPS.Streams;

namespace DockerPS
{
    /// <summary>Reading a container's log into pipeline objects: Get-ContainerLog and Invoke-Container share it.</summary>
    public abstract partial class DockerCmdlet
    {
        private const int LogBatchLines = 512;

        /// <summary>
        /// Reads <paramref name="query"/>'s log of <paramref name="who"/> to the end (or to the container's stop with
        /// Follow) and writes each line: a <see cref="ContainerLogLine"/>, or the text alone when <paramref name="raw"/>.
        /// <paramref name="keepTimestamp"/> leaves the engine's timestamp at the start of raw text (docker logs -t);
        /// <paramref name="service"/> names the compose service in each line (Get-ComposeLog).
        /// Followed lines are written as they arrive; otherwise in batches.
        /// </summary>
        private protected async Task ReadLogLinesAsync(IDockerEngine engine, ContainerIdentity who, ContainerLogQuery query, bool raw, bool keepTimestamp, CancellationToken ct, string? service = null)
        {
            using IContainerStream stream = await engine.OpenContainerLogAsync(who.Id, query, ct).ConfigureAwait(false);
            DisposeOnStop(stream);
            var gate = new PostGate(4); // not disposed: posted batches release it on the pipeline thread after this returns
            var stdout = new LineDecoder();
            var stderr = new LineDecoder();
            var buffer = new byte[64 * 1024];
            var lines = new List<string>();
            var batch = new List<object>(LogBatchLines);
            bool strip = !raw || !keepTimestamp;
            while (true)
            {
                StreamChunk chunk = await stream.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
                if (chunk.End)
                {
                    break;
                }

                ContainerOutputStream kind = chunk.Kind == ContainerStreamKind.Stderr ? ContainerOutputStream.Stderr : ContainerOutputStream.Stdout;
                (kind == ContainerOutputStream.Stderr ? stderr : stdout).Add(buffer, 0, chunk.Count, lines);
                if (lines.Count > 0)
                {
                    foreach (string line in lines)
                    {
                        batch.Add(ShapeLogLine(line, kind, who, query.Timestamps, strip, raw, service));
                    }

                    lines.Clear();
                    if (batch.Count >= LogBatchLines || query.Follow)
                    {
                        await gate.SendAsync(batch, Post, WriteObject, ct).ConfigureAwait(false);
                        batch = new List<object>(LogBatchLines);
                    }
                }
            }

            foreach ((LineDecoder decoder, ContainerOutputStream kind) in new[] { (stdout, ContainerOutputStream.Stdout), (stderr, ContainerOutputStream.Stderr) })
            {
                string? last = decoder.Flush();
                if (last != null)
                {
                    batch.Add(ShapeLogLine(last, kind, who, query.Timestamps, strip, raw, service));
                }
            }

            if (batch.Count > 0)
            {
                await gate.SendAsync(batch, Post, WriteObject, ct).ConfigureAwait(false);
            }
        }

        private static object ShapeLogLine(string line, ContainerOutputStream kind, ContainerIdentity who, bool hasTimestamps, bool strip, bool raw, string? service)
        {
            System.DateTime? time = null;
            string text = line;
            if (hasTimestamps && TimeArgument.TrySplitTimestamp(line, out System.DateTime utc, out string rest))
            {
                time = utc.ToLocalTime();
                if (strip)
                {
                    text = rest;
                }
            }

            if (raw)
            {
                return text;
            }

            return new ContainerLogLine { Time = time, Stream = kind, Text = text, ContainerName = who.Name, ContainerId = who.Id, Service = service, Engine = who.Engine };
        }
    }
}
