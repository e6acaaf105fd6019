using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Arguments;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Streams;

namespace DockerPS.Commands.Swarm
{
    /// <summary>
    /// Gets the logs of every task of services (docker service logs), from whichever nodes run them: one
    /// ContainerLogLine per line, with the task, node and container it came from.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SwarmServiceLog")]
    [OutputType(typeof(ContainerLogLine), typeof(string))]
    public sealed class GetSwarmServiceLogCommand : SwarmCmdlet
    {
        private const int BatchLines = 512;

        /// <summary>Service names or ids; piped SwarmService objects bind by their Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SwarmServiceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Only the last N lines of each task's log.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Tail { get; set; }

        /// <summary>Only lines written after this time, with docker's rules: a duration such as 10m (that long ago), a timestamp, unix seconds; or a DateTime or TimeSpan.</summary>
        [Parameter]
        [ValidateNotNull]
        [PointInTimeTransformation]
        public DateTime? Since { get; set; }

        /// <summary>Keep reading new lines until Ctrl+C.</summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        /// <summary>Write each line as a plain string instead of a ContainerLogLine object.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Only lines of these streams: Stdout, Stderr.</summary>
        [Parameter]
        public ContainerOutputStream[]? Stream { get; set; }

        protected override void ProcessRecord()
        {
            var query = new ContainerLogQuery { Follow = Follow.IsPresent, Timestamps = true };
            try
            {
                query.Since = Since.HasValue ? TimeArgument.ToUnixSeconds(TimeArgument.ToUtc(Since.Value, DateTime.UtcNow)) : null;
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidTimeArgument, ErrorCategory.InvalidArgument, Since));
            }

            if (Tail.HasValue)
            {
                query.Tail = Tail.Value.ToString(CultureInfo.InvariantCulture);
            }

            if (Stream != null && Stream.Length > 0)
            {
                query.Stdout = Array.IndexOf(Stream, ContainerOutputStream.Stdout) >= 0;
                query.Stderr = Array.IndexOf(Stream, ContainerOutputStream.Stderr) >= 0;
            }

            IDockerEngine engine = Connect(EndpointFor(Engine));
            foreach (string name in Name)
            {
                TrySwarmCall(ct => ReadAsync(engine, name, query, ct), "SwarmService", name, out bool _);
            }
        }

        private async Task<bool> ReadAsync(IDockerEngine engine, string name, ContainerLogQuery query, CancellationToken ct)
        {
            SwarmService service = await engine.InspectServiceAsync(name, ct).ConfigureAwait(false);
            var byService = new Dictionary<string, IList<string>> { ["service"] = new List<string> { service.Id } };
            Dictionary<string, SwarmTask> tasks = (await engine.ListTasksAsync(byService, ct).ConfigureAwait(false)).ToDictionary(t => t.Id, StringComparer.Ordinal);
            using IContainerStream stream = await engine.OpenServiceLogAsync(service.Id, query, ct).ConfigureAwait(false);
            DisposeOnStop(stream);
            var gate = new PostGate(4);
            var stdout = new LineDecoder();
            var stderr = new LineDecoder();
            var buffer = new byte[64 * 1024];
            var lines = new List<string>();
            var batch = new List<object>(BatchLines);
            while (true)
            {
                StreamChunk chunk = await stream.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
                if (chunk.End)
                {
                    break;
                }

                ContainerOutputStream kind = chunk.Kind == ContainerStreamKind.Stderr ? ContainerOutputStream.Stderr : ContainerOutputStream.Stdout;
                (kind == ContainerOutputStream.Stderr ? stderr : stdout).Add(buffer, 0, chunk.Count, lines);
                foreach (string line in lines)
                {
                    batch.Add(Shape(line, kind, service, tasks));
                }

                lines.Clear();
                if (batch.Count >= BatchLines || (Follow.IsPresent && batch.Count > 0))
                {
                    await gate.SendAsync(batch, Post, WriteObject, ct).ConfigureAwait(false);
                    batch = new List<object>(BatchLines);
                }
            }

            foreach ((LineDecoder decoder, ContainerOutputStream kind) in new[] { (stdout, ContainerOutputStream.Stdout), (stderr, ContainerOutputStream.Stderr) })
            {
                string? last = decoder.Flush();
                if (last != null)
                {
                    batch.Add(Shape(last, kind, service, tasks));
                }
            }

            if (batch.Count > 0)
            {
                await gate.SendAsync(batch, Post, WriteObject, ct).ConfigureAwait(false);
            }

            return true;
        }

        /// <summary>
        /// A line with details and timestamps reads "2024-01-02T03:04:05.6Z com.docker.swarm.node.id=..,com.docker.swarm.service.id=..,
        /// com.docker.swarm.task.id=.. text": the time, then the details that name the task, then the text.
        /// </summary>
        private object Shape(string line, ContainerOutputStream kind, SwarmService service, IDictionary<string, SwarmTask> tasks)
        {
            DateTime? time = null;
            string rest = line;
            if (TimeArgument.TrySplitTimestamp(line, out DateTime utc, out string afterTime))
            {
                time = utc.ToLocalTime();
                rest = afterTime;
            }

            string taskId = string.Empty;
            string nodeId = string.Empty;
            int space = rest.IndexOf(' ');
            string details = space >= 0 ? rest.Substring(0, space) : rest;
            if (details.StartsWith("com.docker.swarm.", StringComparison.Ordinal))
            {
                foreach (string pair in details.Split(','))
                {
                    int eq = pair.IndexOf('=');
                    string key = eq > 0 ? pair.Substring(0, eq) : pair;
                    string value = eq > 0 ? pair.Substring(eq + 1) : string.Empty;
                    if (key == "com.docker.swarm.task.id")
                    {
                        taskId = value;
                    }
                    else if (key == "com.docker.swarm.node.id")
                    {
                        nodeId = value;
                    }
                }

                rest = space >= 0 ? rest.Substring(space + 1) : string.Empty;
            }

            if (Raw.IsPresent)
            {
                return rest;
            }

            tasks.TryGetValue(taskId, out SwarmTask? task);
            return new ContainerLogLine
            {
                Time = time,
                Stream = kind,
                Text = rest,
                ContainerName = task?.Name ?? taskId,
                ContainerId = task?.ContainerId ?? string.Empty,
                TaskId = taskId,
                Node = task?.NodeName ?? nodeId,
                Service = service.Name,
                Engine = service.Engine,
            };
        }
    }
}
