using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Engine;
using DockerPS.Filters;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Changes the swarm's settings and rotates its join tokens or unlock key (docker swarm update, join-token --rotate, unlock-key --rotate).</summary>
    [Cmdlet(VerbsData.Update, "DockerSwarm", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DockerSwarm))]
    public sealed class UpdateDockerSwarmCommand : SwarmCmdlet
    {
        /// <summary>Turn autolock on (-AutoLock) or off (-AutoLock:$false).</summary>
        [Parameter]
        public SwitchParameter AutoLock { get; set; }

        /// <summary>How many finished tasks per slot the swarm keeps.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long? TaskHistoryLimit { get; set; }

        /// <summary>How often nodes report to the dispatcher: a TimeSpan, seconds, or a duration such as 5s.</summary>
        [Parameter]
        [ValidateNotNull]
        [DurationTransformation]
        public TimeSpan? DispatcherHeartbeat { get; set; }

        /// <summary>Raft log entries between snapshots.</summary>
        [Parameter]
        public ulong? SnapshotInterval { get; set; }

        /// <summary>How long node certificates are valid: a TimeSpan or a duration such as 2160h.</summary>
        [Parameter]
        [ValidateNotNull]
        [DurationTransformation]
        public TimeSpan? CertificateExpiry { get; set; }

        /// <summary>The swarm's labels, replacing the current ones: @{ key = 'value' }.</summary>
        [Parameter]
        [KeyValueTransformation(Bare = BareKey.Empty, What = "label")]
        public Hashtable? Label { get; set; }

        /// <summary>Issue a new worker join token; the old one stops working.</summary>
        [Parameter]
        public SwitchParameter RotateWorkerToken { get; set; }

        /// <summary>Issue a new manager join token; the old one stops working.</summary>
        [Parameter]
        public SwitchParameter RotateManagerToken { get; set; }

        /// <summary>Issue a new unlock key (autolock swarms).</summary>
        [Parameter]
        public SwitchParameter RotateUnlockKey { get; set; }

        /// <summary>Write the swarm after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var settings = new SwarmSettings
            {
                AutoLock = MyInvocation.BoundParameters.ContainsKey(nameof(AutoLock)) ? AutoLock.IsPresent : (bool?)null,
                TaskHistoryLimit = TaskHistoryLimit,
                SnapshotInterval = SnapshotInterval,
                RotateWorkerToken = RotateWorkerToken.IsPresent,
                RotateManagerToken = RotateManagerToken.IsPresent,
                RotateUnlockKey = RotateUnlockKey.IsPresent,
            };
            try
            {
                settings.DispatcherHeartbeat = DispatcherHeartbeat != null ? DurationSpec.Parse(DispatcherHeartbeat) : (TimeSpan?)null;
                settings.CertificateExpiry = CertificateExpiry != null ? DurationSpec.Parse(CertificateExpiry) : (TimeSpan?)null;
                if (Label != null)
                {
                    settings.Labels = new Dictionary<string, string>(StringComparer.Ordinal);
                    Hashtables.CopyInto(Label, settings.Labels, "-Label");
                }
            }
            catch (ArgumentException e)
            {
                ThrowBadSettings(e, null);
            }

            IDockerEngine engine = ConnectDefault();
            if (!ShouldProcess(engine.Endpoint.Address, "Update the swarm's settings"))
            {
                return;
            }

            SwarmCall(async ct =>
            {
                await engine.UpdateSwarmAsync(settings, ct).ConfigureAwait(false);
                return true;
            }, "Swarm", engine.Endpoint.Address, clusterWide: true);
            if (PassThru.IsPresent)
            {
                WriteObject(SwarmCall(ct => engine.InspectSwarmAsync(ct), "Swarm", engine.Endpoint.Address, clusterWide: true));
            }
        }
    }
}
