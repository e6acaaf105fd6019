using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using DockerPS.Engine;

namespace DockerPS.Progress
{
    /// <summary>
    /// Turns the engine's JSON message stream (pull, push, load, import, build) into Write-Progress records: one
    /// parent activity, one child per layer id, at most one update per layer every 100 ms, all completed at the
    /// end. Errors the engine reports inside the stream (the client library does not throw for them) are kept for
    /// the cmdlet to write as error records. Report runs on thread-pool threads; records reach the pipeline
    /// thread through the cmdlet's Post.
    /// </summary>
    internal sealed class LayerProgress : IProgress<EngineProgressMessage>
    {
        /// <summary>The least time between two updates of one layer (10 updates per second).</summary>
        internal const long ThrottleMilliseconds = 100;

        private static int s_nextActivityId = 1000;

        private readonly object _lock = new object();
        private readonly string _activity;
        private readonly Action<ProgressRecord> _post;
        private readonly Func<long> _clock;
        private readonly int _parentId;
        private readonly Dictionary<string, Child> _children = new Dictionary<string, Child>(StringComparer.Ordinal);
        private readonly List<string> _errors = new List<string>();
        private readonly List<string> _lines = new List<string>();
        private long _parentLast = long.MinValue / 2;

        /// <param name="activity">The parent activity, such as "Pulling 127.0.0.1:5000/app:1".</param>
        /// <param name="post">Queues a record for WriteProgress on the pipeline thread (the cmdlet's Post).</param>
        /// <param name="clock">Milliseconds; tests pass their own.</param>
        public LayerProgress(string activity, Action<ProgressRecord> post, Func<long>? clock = null)
        {
            _activity = activity;
            _post = post;
            var watch = Stopwatch.StartNew();
            _clock = clock ?? (() => watch.ElapsedMilliseconds);
            _parentId = Interlocked.Add(ref s_nextActivityId, 1000);
        }

        /// <summary>Called for every message, on the reporting thread (build output, loaded image names).</summary>
        public Action<EngineProgressMessage>? OnMessage { get; set; }

        /// <summary>The errors the engine reported in the stream, in order.</summary>
        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_lock)
                {
                    return _errors.ToArray();
                }
            }
        }

        /// <summary>The text lines of "stream" messages (build steps, "Loaded image: …").</summary>
        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lock)
                {
                    return _lines.ToArray();
                }
            }
        }

        /// <summary>The last aux ID (a build's image id).</summary>
        public string? AuxId { get; private set; }

        /// <summary>The last plain status without a layer id (an import's image id, a push's digest line).</summary>
        public string? LastStatus { get; private set; }

        /// <summary>How many records were posted (for tests of the throttle).</summary>
        public int Posted { get; private set; }

        public void Report(EngineProgressMessage value)
        {
            OnMessage?.Invoke(value);
            lock (_lock)
            {
                if (!string.IsNullOrEmpty(value.Error))
                {
                    _errors.Add(value.Error!.Trim());
                    return;
                }

                if (!string.IsNullOrEmpty(value.AuxId))
                {
                    AuxId = value.AuxId;
                }

                if (!string.IsNullOrEmpty(value.Stream))
                {
                    foreach (string line in value.Stream!.Split('\n'))
                    {
                        if (line.Trim().Length > 0)
                        {
                            _lines.Add(line.TrimEnd('\r'));
                        }
                    }

                    string last = value.Stream.Trim();
                    if (last.Length > 0)
                    {
                        UpdateParent(last, force: last.StartsWith("Step ", StringComparison.Ordinal));
                    }

                    return;
                }

                if (string.IsNullOrEmpty(value.Id))
                {
                    if (!string.IsNullOrEmpty(value.Status))
                    {
                        LastStatus = value.Status;
                        UpdateParent(value.Status!, force: false);
                    }

                    return;
                }

                UpdateChild(value);
            }
        }

        /// <summary>The records that close every child and the parent; write them on the pipeline thread at the end.</summary>
        public IReadOnlyList<ProgressRecord> Completion()
        {
            var records = new List<ProgressRecord>();
            lock (_lock)
            {
                foreach (Child child in _children.Values)
                {
                    records.Add(new ProgressRecord(child.ActivityId, Truncate(child.Id), "Done") { ParentActivityId = _parentId, RecordType = ProgressRecordType.Completed });
                }

                records.Add(new ProgressRecord(_parentId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            return records;
        }

        private void UpdateParent(string status, bool force)
        {
            long now = _clock();
            if (!force && now - _parentLast < ThrottleMilliseconds)
            {
                return;
            }

            _parentLast = now;
            Post(new ProgressRecord(_parentId, _activity, Truncate(status)));
        }

        /// <summary>
        /// One build step as a child record (BuildKit); a step's final state (<paramref name="final"/>) is never
        /// throttled away, or a step that is waiting and cached within 100 ms would show as waiting.
        /// </summary>
        public void ReportStep(string step, string status, bool final)
        {
            lock (_lock)
            {
                UpdateChild(new EngineProgressMessage { Id = step, Status = status }, final);
            }
        }

        private void UpdateChild(EngineProgressMessage value, bool force = false)
        {
            if (!_children.TryGetValue(value.Id!, out Child? child))
            {
                child = new Child(value.Id!, _parentId + 1 + _children.Count);
                _children.Add(value.Id!, child);
            }

            long now = _clock();
            if (!force && now - child.Last < ThrottleMilliseconds)
            {
                return;
            }

            child.Last = now;
            string status = value.Status ?? string.Empty;
            var record = new ProgressRecord(child.ActivityId, Truncate(child.Id), status.Length == 0 ? " " : status) { ParentActivityId = _parentId };
            if (value.Total.HasValue && value.Total.Value > 0 && value.Current.HasValue)
            {
                record.PercentComplete = (int)Math.Max(0, Math.Min(100, value.Current.Value * 100 / value.Total.Value));
                record.StatusDescription = string.Format(CultureInfo.InvariantCulture, "{0} {1} / {2}", status, Display.Size(value.Current.Value), Display.Size(value.Total.Value));
            }

            Post(record);
        }

        private void Post(ProgressRecord record)
        {
            Posted++;
            try
            {
                _post(record);
            }
            catch (InvalidOperationException)
            {
                // The cmdlet's wait already ended (a late message after a stop): progress is best effort.
            }
        }

        private static string Truncate(string text) => text.Length <= 200 ? text : text.Substring(0, 200);

        private sealed class Child
        {
            internal Child(string id, int activityId)
            {
                Id = id;
                ActivityId = activityId;
            }

            internal string Id { get; }

            internal int ActivityId { get; }

            internal long Last { get; set; } = long.MinValue / 2;
        }
    }
}
