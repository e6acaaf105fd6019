using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>
    /// Waits until services converged, as docker service create/update do before they return: every task the
    /// orchestrator wants is running (jobs: completed), and no update or rollback is still in progress.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "SwarmService")]
    [OutputType(typeof(SwarmService))]
    public sealed class WaitSwarmServiceCommand : SwarmCmdlet
    {
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

        /// <summary>Service names or ids; piped SwarmService objects bind by their Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SwarmServiceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Seconds to wait for each service before SwarmServiceWaitTimeout (default 120).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; } = 120;

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            foreach (string name in Name)
            {
                if (TrySwarmCall(ct => WaitAsync(engine, name, ct), "SwarmService", name, out (SwarmService Service, bool Converged) r))
                {
                    if (r.Converged)
                    {
                        WriteObject(r.Service);
                        continue;
                    }

                    var e = new TimeoutException(
                        $"Service {name} did not converge within {Timeout} s: {r.Service.RunningTasks}/{r.Service.DesiredTasks} tasks running" +
                        (r.Service.UpdateState != null ? $", update {r.Service.UpdateState}" : string.Empty) + ". Get-SwarmTask shows why.");
                    WriteError(ErrorMapper.Record(e, SwarmErrorIds.WaitTimeout, ErrorCategory.OperationTimeout, name));
                }
            }
        }

        private async Task<(SwarmService, bool)> WaitAsync(IDockerEngine engine, string name, CancellationToken ct)
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(Timeout);
            while (true)
            {
                SwarmService service = await engine.InspectServiceAsync(name, ct).ConfigureAwait(false);
                var filters = new Dictionary<string, IList<string>> { ["service"] = new List<string> { service.Id } };
                IReadOnlyList<SwarmTask> tasks = await engine.ListTasksAsync(filters, ct).ConfigureAwait(false);
                if (Converged(service, tasks))
                {
                    return (service, true);
                }

                if (DateTime.UtcNow >= deadline)
                {
                    return (service, false);
                }

                await Task.Delay(Poll, ct).ConfigureAwait(false);
            }
        }

        /// <summary>Whether the service is where the orchestrator wants it.</summary>
        internal static bool Converged(SwarmService service, IReadOnlyList<SwarmTask> tasks)
        {
            if (service.UpdateState == "updating" || service.UpdateState == "rollback_started")
            {
                return false;
            }

            bool job = service.Mode.EndsWith("job", StringComparison.Ordinal);
            if (job)
            {
                // A job is done when no task is still meant to run and the ones asked for completed.
                return tasks.All(t => t.DesiredState != "running" || t.State == "complete") &&
                       (service.Mode == "global-job" || (ulong)tasks.Count(t => t.State == "complete") >= (service.Replicas ?? 1));
            }

            List<SwarmTask> wanted = tasks.Where(t => t.DesiredState == "running").ToList();
            bool allRunning = wanted.All(t => t.State == "running" && t.Image == service.Image);
            if (service.Mode == "replicated")
            {
                return allRunning && (ulong)wanted.Count == (service.Replicas ?? 0) && service.RunningTasks == (service.Replicas ?? 0);
            }

            return allRunning && wanted.Count > 0 && service.RunningTasks == service.DesiredTasks;
        }
    }
}
