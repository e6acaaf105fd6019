using System;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Engine;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Makes the engine the first manager of a new swarm (docker swarm init).</summary>
    [Cmdlet(VerbsData.Initialize, "DockerSwarm", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DockerSwarm))]
    public sealed class InitializeDockerSwarmCommand : SwarmCmdlet
    {
        /// <summary>The address other nodes reach this manager at: an IP, an interface name, optionally with :port.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? AdvertiseAddress { get; set; }

        /// <summary>Where the manager listens for swarm traffic (default 0.0.0.0:2377).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ListenAddress { get; set; } = "0.0.0.0:2377";

        /// <summary>The address overlay (data path) traffic uses, when it differs from the advertise address.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DataPathAddress { get; set; }

        /// <summary>Pools, in CIDR notation, overlay networks get their subnets from.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? DefaultAddressPool { get; set; }

        /// <summary>The prefix length of each overlay subnet taken from the pools (default 24).</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public uint? SubnetSize { get; set; }

        /// <summary>This node's availability: active, pause or drain.</summary>
        [Parameter]
        [ValidateSet("active", "pause", "drain", IgnoreCase = true)]
        public string? Availability { get; set; }

        /// <summary>Lock the managers' raft data at restart; Get-DockerSwarmUnlockKey gives the key.</summary>
        [Parameter]
        public SwitchParameter AutoLock { get; set; }

        /// <summary>How many finished tasks per slot the swarm keeps (default 5).</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long? TaskHistoryLimit { get; set; }

        /// <summary>How often nodes report to the dispatcher: a TimeSpan, seconds, or a duration such as 5s.</summary>
        [Parameter]
        [ValidateNotNull]
        [DurationTransformation]
        public TimeSpan? DispatcherHeartbeat { get; set; }

        /// <summary>Start a new single-manager cluster from this manager's state, after the others were lost.</summary>
        [Parameter]
        public SwitchParameter ForceNewCluster { get; set; }

        protected override void ProcessRecord()
        {
            var request = new SwarmInitRequest
            {
                ListenAddress = ListenAddress,
                AdvertiseAddress = AdvertiseAddress,
                DataPathAddress = DataPathAddress,
                SubnetSize = SubnetSize,
                Availability = Availability?.ToLowerInvariant(),
                ForceNewCluster = ForceNewCluster.IsPresent,
            };
            request.Settings.AutoLock = AutoLock.IsPresent ? true : (bool?)null;
            request.Settings.TaskHistoryLimit = TaskHistoryLimit;
            try
            {
                request.Settings.DispatcherHeartbeat = DispatcherHeartbeat != null ? DurationSpec.Parse(DispatcherHeartbeat) : (TimeSpan?)null;
            }
            catch (ArgumentException e)
            {
                ThrowBadSettings(e, DispatcherHeartbeat);
            }

            foreach (string pool in DefaultAddressPool ?? Array.Empty<string>())
            {
                request.DefaultAddressPool.Add(pool);
            }

            IDockerEngine engine = ConnectDefault();
            if (!ShouldProcess(engine.Endpoint.Address, "Initialize a new swarm with this engine as its manager"))
            {
                return;
            }

            SwarmCall(ct => engine.InitSwarmAsync(request, ct), "Swarm", engine.Endpoint.Address, clusterWide: true);
            WriteObject(SwarmCall(ct => engine.InspectSwarmAsync(ct), "Swarm", engine.Endpoint.Address, clusterWide: true));
        }
    }
}
