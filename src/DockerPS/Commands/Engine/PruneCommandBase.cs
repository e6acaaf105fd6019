using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Arguments;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;

namespace DockerPS.Commands.Engine
{
    /// <summary>
    /// Base of the prune cmdlets: the until/label filters, and confirmation. Prunes are ConfirmImpact High, so they
    /// ask by default; -Force skips the question (but never -WhatIf), -Confirm asks even with -Force.
    /// </summary>
    public abstract class PruneCommandBase : DockerReadCmdlet
    {
        /// <summary>Only objects with these labels: key, or key=value. All must match.</summary>
        [Parameter]
        public string[]? Label { get; set; }

        /// <summary>Only objects created before this: a duration such as 24h or 10m, or a timestamp.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [PointInTimeTransformation]
        public DateTime? Until { get; set; }

        /// <summary>Other engine prune filters: @{ 'label!' = 'keep' }.</summary>
        [Parameter]
        public Hashtable? Filter { get; set; }

        /// <summary>Prune without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The engine filters from -Label, -Until and -Filter; a bad entry ends the command with InvalidPruneFilter.</summary>
        protected IDictionary<string, IList<string>> BuildFilters() => BuildFilters(null, ErrorIds.InvalidPruneFilter);

        /// <summary>The filters, after <paramref name="first"/> (a kind's own), with the kind's ErrorId for a bad entry.</summary>
        private protected IDictionary<string, IList<string>> BuildFilters(Action<IDictionary<string, IList<string>>>? first, string badFilterId)
        {
            var filters = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
            try
            {
                first?.Invoke(filters);
                EngineFilters.AddLabels(filters, Label);
                if (Until != null)
                {
                    EngineFilters.Add(filters, "until", DockerPS.Streams.TimeArgument.ToUnixSeconds(Until.Value));
                }

                EngineFilters.AddHashtable(filters, Filter);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, badFilterId, ErrorCategory.InvalidArgument, Filter ?? (object?)Label));
            }

            return filters;
        }

        /// <summary>Describes the filters for confirmation messages.</summary>
        protected static string Describe(IDictionary<string, IList<string>> filters)
        {
            if (filters.Count == 0)
            {
                return string.Empty;
            }

            var parts = new List<string>();
            foreach (KeyValuePair<string, IList<string>> f in filters)
            {
                foreach (string v in f.Value)
                {
                    parts.Add(f.Key + "=" + v);
                }
            }

            return " (filter " + string.Join(", ", parts) + ")";
        }

        /// <summary>
        /// Prunes every engine of this call: asks for each engine first (on the pipeline thread), then prunes the
        /// confirmed ones at once (-ThrottleLimit), each result or error written as its engine answers.
        /// </summary>
        private protected void PruneEachEngine<T>(string action, Func<IDockerEngine, CancellationToken, Task<T>> prune, string noun, string badFilterId = ErrorIds.InvalidPruneFilter)
        {
            var confirmed = new List<EngineEndpoint>();
            foreach (EngineEndpoint endpoint in ResolveEndpoints())
            {
                if (ConfirmPrune(endpoint.Address, action))
                {
                    confirmed.Add(endpoint);
                }
            }

            ReadEachEngine(confirmed, prune, (_, result) => WriteResult(result), noun, null, ThrottleLimit, badFilterId);
        }

        /// <summary>A result, or a list of results and error records (one engine's several prunes).</summary>
        private void WriteResult(object? result)
        {
            if (result is IEnumerable<object> several)
            {
                foreach (object item in several)
                {
                    WriteResult(item);
                }
            }
            else if (result is ErrorRecord error)
            {
                WriteError(error);
            }
            else
            {
                WriteObject(result);
            }
        }

        /// <summary>ShouldProcess that -Force answers yes without a prompt, unless -WhatIf or -Confirm is in effect.</summary>
        protected bool ConfirmPrune(string target, string action)
        {
            bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) ? ((SwitchParameter)w).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
            bool confirmAsked = MyInvocation.BoundParameters.TryGetValue("Confirm", out object? c) && ((SwitchParameter)c).IsPresent;
            if (Force.IsPresent && !whatIf && !confirmAsked)
            {
                return true;
            }

            return ShouldProcess(target, action);
        }
    }
}
