using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Lists the tasks of services or nodes (docker service ps, docker node ps), or inspects tasks by id.</summary>
    [Cmdlet(VerbsCommon.Get, "SwarmTask", DefaultParameterSetName = ServiceSet)]
    [OutputType(typeof(SwarmTask))]
    public sealed class GetSwarmTaskCommand : SwarmCmdlet
    {
        private const string ServiceSet = "Service";
        private const string IdSet = "Id";

        /// <summary>Service names or ids; piped SwarmService objects bind by their Name.</summary>
        [Parameter(Position = 0, ParameterSetName = ServiceSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "ServiceName")]
        [ArgumentCompleter(typeof(SwarmServiceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Service { get; set; }

        /// <summary>Only tasks on these nodes (host names or ids).</summary>
        [Parameter(ParameterSetName = ServiceSet)]
        [ArgumentCompleter(typeof(SwarmNodeNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Node { get; set; }

        /// <summary>Only tasks the orchestrator wants in this state: running, shutdown or accepted.</summary>
        [Parameter(ParameterSetName = ServiceSet)]
        [ValidateSet("running", "shutdown", "accepted", IgnoreCase = true)]
        public string? DesiredState { get; set; }

        /// <summary>Task ids (full or unique prefixes).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            if (ParameterSetName == IdSet)
            {
                foreach (string id in Id)
                {
                    if (TrySwarmCall(ct => engine.InspectTaskAsync(id, ct), "SwarmTask", id, out SwarmTask task))
                    {
                        WriteObject(task);
                    }
                }

                return;
            }

            var filters = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
            if (DesiredState != null)
            {
                filters["desired-state"] = new List<string> { DesiredState.ToLowerInvariant() };
            }

            if (Node != null)
            {
                var ids = new List<string>();
                foreach (string node in Node)
                {
                    if (TrySwarmCall(ct => engine.InspectNodeAsync(node, ct), "SwarmNode", node, out SwarmNode n))
                    {
                        ids.Add(n.Id);
                    }
                }

                if (ids.Count == 0)
                {
                    return;
                }

                filters["node"] = ids;
            }

            foreach (string? service in Service ?? new string?[] { null })
            {
                var these = new Dictionary<string, IList<string>>(filters, StringComparer.Ordinal);
                if (service != null)
                {
                    // The engine's service filter takes names and ids; check the service exists so a typo is an error, not silence.
                    if (!TrySwarmCall(ct => engine.InspectServiceAsync(service, ct), "SwarmService", service, out SwarmService found))
                    {
                        continue;
                    }

                    these["service"] = new List<string> { found.Id };
                }

                if (TrySwarmCall(ct => engine.ListTasksAsync(these, ct), "SwarmTask", service ?? engine.Endpoint.Address, out IReadOnlyList<SwarmTask> tasks, clusterWide: true))
                {
                    WriteObject(tasks, enumerateCollection: true);
                }
            }
        }
    }
}
