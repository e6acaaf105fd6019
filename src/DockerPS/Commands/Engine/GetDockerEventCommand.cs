using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Completers;
using DockerPS.Connection;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;
using DockerPS.Streams;

namespace DockerPS.Commands.Engine
{
    /// <summary>
    /// Gets engine events (docker events). Without -Follow it reads the events up to now and returns; with -Follow it
    /// writes new events as they happen until Ctrl+C (or -Until).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DockerEvent")]
    [OutputType(typeof(DockerEvent))]
    public sealed class GetDockerEventCommand : DockerReadCmdlet
    {
        /// <summary>Only events after this time, with docker's rules: a duration such as 10m (that long ago), a timestamp, unix seconds; or a DateTime or TimeSpan.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNull]
        [PointInTimeTransformation]
        public DateTime? Since { get; set; }

        /// <summary>Only events before this time; the same values as -Since.</summary>
        [Parameter]
        [ValidateNotNull]
        [PointInTimeTransformation]
        public DateTime? Until { get; set; }

        /// <summary>Only events about these kinds of objects.</summary>
        [Parameter]
        [ValidateSet("container", "image", "volume", "network", "daemon", "plugin", "node", "service", "secret", "config", "builder", IgnoreCase = true)]
        public string[]? Type { get; set; }

        /// <summary>Only these actions: create, start, die, destroy, exec_start ...</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Event { get; set; }

        /// <summary>Only events about these containers (names or ids).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[]? Container { get; set; }

        /// <summary>Only events about these images (names or ids).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageReferenceCompleter))]
        public string[]? Image { get; set; }

        /// <summary>Only events about objects with these labels: key or key=value.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Label { get; set; }

        /// <summary>Other engine filters, as docker events --filter takes them: @{ volume = 'data'; network = 'front' }.</summary>
        [Parameter]
        public Hashtable? Filter { get; set; }

        /// <summary>Keep writing new events until Ctrl+C (or until -Until).</summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        protected override void ProcessRecord()
        {
            var query = new EventQuery();
            try
            {
                DateTime now = DateTime.UtcNow;
                if (Since != null)
                {
                    query.Since = TimeArgument.ToUnixSeconds(TimeArgument.ToUtc(Since.Value, now));
                }

                if (Until != null)
                {
                    query.Until = TimeArgument.ToUnixSeconds(TimeArgument.ToUtc(Until.Value, now));
                }
                else if (!Follow.IsPresent)
                {
                    // Without -Follow the command must end: read what happened up to now.
                    query.Until = TimeArgument.ToUnixSeconds(now);
                }
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidTimeArgument, ErrorCategory.InvalidArgument, Since ?? Until));
            }

            try
            {
                Add(query, "type", Type, lower: true);
                Add(query, "event", Event, lower: false);
                Add(query, "container", Container, lower: false);
                Add(query, "image", Image, lower: false);
                EngineFilters.AddLabels(query.Filters, Label);
                EngineFilters.AddHashtable(query.Filters, Filter);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidEventFilter, ErrorCategory.InvalidArgument, Filter ?? (object?)Label));
            }

            // Every engine at once: with -Follow each stream stays open, so all of them are read together
            // (-ThrottleLimit cannot leave an engine waiting for one that never ends).
            IReadOnlyList<EngineEndpoint> endpoints = ResolveEndpoints();
            ReadEachEngine(endpoints, (engine, ct) => ReadAsync(engine, query, ct), (_, __) => { }, "Engine", Filter,
                Follow.IsPresent ? Math.Max(ThrottleLimit, endpoints.Count) : ThrottleLimit, ErrorIds.InvalidEventFilter);
        }

        private static void Add(EventQuery query, string name, string[]? values, bool lower)
        {
            if (values == null)
            {
                return;
            }

            foreach (string v in values)
            {
                EngineFilters.Add(query.Filters, name, lower ? v.ToLowerInvariant() : v);
            }
        }

        private async Task<bool> ReadAsync(IDockerEngine engine, EventQuery query, CancellationToken ct)
        {
            using IRecordReader<DockerEvent> reader = await engine.OpenEventsAsync(query, ct).ConfigureAwait(false);
            DisposeOnStop(reader);
            DockerEvent? e;
            while ((e = await reader.ReadAsync(ct).ConfigureAwait(false)) != null)
            {
                DockerEvent item = e;
                Post(() => WriteObject(item));
            }

            return true;
        }
    }
}
