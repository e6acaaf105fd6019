using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DockerPS.Build
{
    /// <summary>
    /// Folds BuildKit's StatusResponse messages into steps, as docker build's plain progress does: each vertex (step)
    /// with its state, and its log lines whole (a message may end mid-line). Not thread-safe: one reporting thread.
    /// </summary>
    internal sealed class BuildKitProgress
    {
        /// <summary>How many log lines of a step are kept for the error of a failed step.</summary>
        internal const int TailLines = 10;

        private readonly Dictionary<string, Step> _steps = new Dictionary<string, Step>(StringComparer.Ordinal);
        private readonly List<Step> _order = new List<Step>();

        /// <summary>The steps in the order BuildKit first named them.</summary>
        public IReadOnlyList<Step> Steps => _order;

        /// <summary>
        /// Applies one message. Returns the steps whose state changed and the whole log lines it completed, each with
        /// its step name (the last partial line of a step waits for the next message or <see cref="Flush"/>).
        /// </summary>
        public IReadOnlyList<Step> Apply(BuildKitStatus status, List<KeyValuePair<string, string>> lines)
        {
            var changed = new List<Step>();
            foreach (BuildKitVertex v in status.Vertexes)
            {
                Step step = Get(v.Digest);
                string before = step.Name + "\n" + step.State;
                if (v.Name.Length > 0)
                {
                    step.Name = v.Name;
                }

                step.Cached |= v.Cached;
                step.Started = v.Started ?? step.Started;
                step.Completed = v.Completed ?? step.Completed;
                step.Error = v.Error ?? step.Error;
                if (step.Name + "\n" + step.State != before && !changed.Contains(step))
                {
                    changed.Add(step);
                }
            }

            foreach (BuildKitLog log in status.Logs)
            {
                Step step = Get(log.Vertex);
                step.Pending.Append(log.Text);
                string text = step.Pending.ToString();
                int cut = text.LastIndexOf('\n');
                if (cut < 0)
                {
                    continue;
                }

                step.Pending.Clear().Append(text.Substring(cut + 1));
                foreach (string raw in text.Substring(0, cut).Split('\n'))
                {
                    AddLine(step, raw.TrimEnd('\r'), lines);
                }
            }

            foreach (BuildKitWarning w in status.Warnings)
            {
                if (w.Short.Length > 0)
                {
                    lines.Add(new KeyValuePair<string, string>(Get(w.Vertex).Name, "WARNING: " + w.Short.TrimEnd()));
                }
            }

            return changed;
        }

        /// <summary>The partial last lines of every step, at the end of the build.</summary>
        public void Flush(List<KeyValuePair<string, string>> lines)
        {
            foreach (Step step in _order)
            {
                if (step.Pending.Length > 0)
                {
                    string rest = step.Pending.ToString();
                    step.Pending.Clear();
                    AddLine(step, rest.TrimEnd('\r'), lines);
                }
            }
        }

        /// <summary>The step that failed: the one BuildKit marked with an error, else the last started and unfinished one.</summary>
        public Step? Failed =>
            _order.LastOrDefault(s => s.Error != null) ?? _order.LastOrDefault(s => s.Started != null && s.Completed == null);

        private static void AddLine(Step step, string line, List<KeyValuePair<string, string>> lines)
        {
            step.Tail.Enqueue(line);
            while (step.Tail.Count > TailLines)
            {
                step.Tail.Dequeue();
            }

            lines.Add(new KeyValuePair<string, string>(step.Name, line));
        }

        private Step Get(string digest)
        {
            if (!_steps.TryGetValue(digest, out Step? step))
            {
                step = new Step(digest, _order.Count + 1);
                _steps.Add(digest, step);
                _order.Add(step);
            }

            return step;
        }

        internal sealed class Step
        {
            internal Step(string digest, int number)
            {
                Digest = digest;
                Name = digest;
                Number = number;
            }

            public string Digest { get; }

            /// <summary>The step's number in this build (#1, #2 …), as docker build's plain progress counts them.</summary>
            public int Number { get; }

            public string Name { get; set; }

            public bool Cached { get; set; }

            public DateTimeOffset? Started { get; set; }

            public DateTimeOffset? Completed { get; set; }

            public string? Error { get; set; }

            /// <summary>The last whole log lines (up to <see cref="TailLines"/>).</summary>
            public Queue<string> Tail { get; } = new Queue<string>();

            internal StringBuilder Pending { get; } = new StringBuilder();

            /// <summary>What docker build's plain progress says of the step: CACHED, DONE 0.3s, ERROR, running or waiting.</summary>
            public string State
            {
                get
                {
                    if (Error != null)
                    {
                        return "ERROR";
                    }

                    if (Cached)
                    {
                        return "CACHED";
                    }

                    if (Completed != null)
                    {
                        double seconds = Started != null ? Math.Max(0, (Completed.Value - Started.Value).TotalSeconds) : 0;
                        return "DONE " + seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "s";
                    }

                    return Started != null ? "running" : "waiting";
                }
            }
        }
    }
}
