using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Arguments;
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
        /// <summary>Only the last N lines of the log.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Tail { get; set; }

        /// <summary>Only lines written after this time, with docker's rules: a duration such as 10m (that long ago), a timestamp, unix seconds; or a DateTime or TimeSpan.</summary>
        [Parameter]
        [ValidateNotNull]
        [PointInTimeTransformation]
        public DateTime? Since { get; set; }

        /// <summary>Only lines written before this time; the same values as -Since.</summary>
        [Parameter]
        [ValidateNotNull]
        [PointInTimeTransformation]
        public DateTime? Until { get; set; }

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
                query.Since = Since.HasValue ? TimeArgument.ToUnixSeconds(TimeArgument.ToUtc(Since.Value, now)) : null;
                query.Until = Until.HasValue ? TimeArgument.ToUnixSeconds(TimeArgument.ToUtc(Until.Value, now)) : null;
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidTimeArgument, ErrorCategory.InvalidArgument, Since ?? Until));
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
            await ReadLogLinesAsync(engine, who, query, Raw.IsPresent, Timestamps.IsPresent, ct).ConfigureAwait(false);
            return true;
        }
    }
}
