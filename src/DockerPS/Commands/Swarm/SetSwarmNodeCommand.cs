using System;
using System.Collections;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Changes a node's availability, role or labels (docker node update, promote, demote).</summary>
    [Cmdlet(VerbsCommon.Set, "SwarmNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SwarmNode))]
    public sealed class SetSwarmNodeCommand : SwarmCmdlet
    {
        /// <summary>Host names or node ids; piped SwarmNode objects bind by their Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Hostname")]
        [ArgumentCompleter(typeof(SwarmNodeNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>active (takes tasks), pause (keeps its tasks, takes no new ones) or drain (its tasks move to other nodes).</summary>
        [Parameter]
        [ValidateSet("active", "pause", "drain", IgnoreCase = true)]
        public string? Availability { get; set; }

        /// <summary>manager (promote) or worker (demote).</summary>
        [Parameter]
        [ValidateSet("worker", "manager", IgnoreCase = true)]
        public string? Role { get; set; }

        /// <summary>Labels to add or change: @{ zone = 'east' }.</summary>
        [Parameter]
        [KeyValueTransformation(Bare = BareKey.Empty, What = "label")]
        public Hashtable? Label { get; set; }

        /// <summary>Label keys to remove.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveLabel { get; set; }

        /// <summary>Write the node after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var change = new NodeChange { Availability = Availability?.ToLowerInvariant(), Role = Role?.ToLowerInvariant() };
            try
            {
                Hashtables.CopyInto(Label, change.AddLabels, "-Label");
            }
            catch (ArgumentException e)
            {
                ThrowBadSettings(e, Label);
            }

            foreach (string key in RemoveLabel ?? Array.Empty<string>())
            {
                change.RemoveLabels.Add(key);
            }

            IDockerEngine engine = Connect(EndpointFor(Engine));
            foreach (string node in Name)
            {
                if (ShouldProcess(node, "Update swarm node") &&
                    TrySwarmCall(ct => engine.UpdateNodeAsync(node, change, ct), "SwarmNode", node, out SwarmNode updated) && PassThru.IsPresent)
                {
                    WriteObject(updated);
                }
            }
        }
    }
}
