using System;
using System.Collections.Generic;
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
    /// Gets a container's log (docker logs): one object per line with its stream, time and text, or the plain lines
    /// with -Raw. Lines stream as they are decoded; -Follow keeps reading until the container stops or Ctrl+C.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ContainerLog", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(ContainerLogLine), typeof(string))]
    public sealed class GetContainerLogCommand : WildcardContainerCmdlet
    {
        private const int BatchLines = 512;

        /// <summary>Only the last N lines of the log.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Tail { get; set; }

        /// <summary>Only lines written after this time: a DateTime, a TimeSpan (that long ago) or a duration such as 10m.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Since { get; set; }

        /// <summary>Only lines written before this time: a DateTime, a TimeSpan (that long ago) or a duration such as 10m.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Until { get; set; }

        /// <summary>With -Raw: start each line with the engine's RFC 3339 timestamp, as docker logs -t does.</summary>
        [Parameter]
        public SwitchParameter Timestamps { get; set; }

        /// <summary>Keep reading new lines until the container stops or Ctrl+C is pressed.</summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        /// <summary>Write each line as a plain string instead of a ContainerLogLine object.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Only lines of these streams: Stdout, Stderr.</summary>
        [Parameter]
        public ContainerOutputStream[]? Stream { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            var query = new ContainerLogQuery { Follow = Follow.IsPresent, Timestamps = !Raw.IsPresent || Timestamps.IsPresent };
            try
            {
                DateTime now = DateTime.UtcNow;
                query.Since = Since != null ? TimeArgument.ToUnixSeconds(TimeArgument.ToUtc(Since, now)) : null;
                query.Until = Until != null ? TimeArgument.ToUnixSeconds(TimeArgument.ToUtc(Until, now)) : null;
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, "InvalidTimeArgument", ErrorCategory.InvalidArgument, Since ?? Until));
            }

            if (Tail.HasValue)
            {
                query.Tail = Tail.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (Stream != null && Stream.Length > 0)
            {
                query.Stdout = Array.IndexOf(Stream, ContainerOutputStream.Stdout) >= 0;
                query.Stderr = Array.IndexOf(Stream, ContainerOutputStream.Stderr) >= 0;
            }

            TryCall(ct => ReadAsync(target, engine, query, ct), "Container", target.UserInput, out bool _);
        }

        private async Task<bool> ReadAsync(ItemTarget target, IDockerEngine engine, ContainerLogQuery query, CancellationToken ct)
        {
            ContainerIdentity who = await engine.ResolveContainerAsync(target.Reference, ct).ConfigureAwait(false);
            using IContainerStream stream = await engine.OpenContainerLogAsync(who.Id, query, ct).ConfigureAwait(false);
            DisposeOnStop(stream);
            var gate = new PostGate(4);
            var stdout = new LineDecoder();
            var stderr = new LineDecoder();
            var buffer = new byte[64 * 1024];
            var lines = new List<string>();
            var batch = new List<object>(BatchLines);
            bool strip = !Raw.IsPresent || !Timestamps.IsPresent;
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
                        batch.Add(Shape(line, kind, who, query.Timestamps, strip));
                    }

                    lines.Clear();
                    if (batch.Count >= BatchLines || Follow.IsPresent)
                    {
                        await gate.SendAsync(batch, Post, WriteObject, ct).ConfigureAwait(false);
                        batch = new List<object>(BatchLines);
                    }
                }
            }

            foreach ((LineDecoder decoder, ContainerOutputStream kind) in new[] { (stdout, ContainerOutputStream.Stdout), (stderr, ContainerOutputStream.Stderr) })
            {
                string? last = decoder.Flush();
                if (last != null)
                {
                    batch.Add(Shape(last, kind, who, query.Timestamps, strip));
                }
            }

            if (batch.Count > 0)
            {
                await gate.SendAsync(batch, Post, WriteObject, ct).ConfigureAwait(false);
            }

            return true;
        }

        private object Shape(string line, ContainerOutputStream kind, ContainerIdentity who, bool hasTimestamps, bool strip)
        {
            DateTime? time = null;
            string text = line;
            if (hasTimestamps && TimeArgument.TrySplitTimestamp(line, out DateTime utc, out string rest))
            {
                time = utc.ToLocalTime();
                if (strip)
                {
                    text = rest;
                }
            }

            if (Raw.IsPresent)
            {
                return text;
            }

            return new ContainerLogLine { Time = time, Stream = kind, Text = text, ContainerName = who.Name, ContainerId = who.Id, Engine = who.Engine };
        }
    }
}
