using System;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Joins the engine to a swarm as a worker or a manager (docker swarm join).</summary>
    [Cmdlet(VerbsCommon.Join, "DockerSwarm", DefaultParameterSetName = TokenSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class JoinDockerSwarmCommand : SwarmCmdlet
    {
        private const string TokenSet = "Token";
        private const string SwarmSet = "Swarm";

        /// <summary>Managers of the swarm to join: host:port (port 2377 when left out).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TokenSet)]
        [ValidateNotNullOrEmpty]
        public string[] RemoteAddress { get; set; } = Array.Empty<string>();

        /// <summary>The worker or manager join token; it decides the role the engine joins with.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = TokenSet)]
        [ValidateNotNullOrEmpty]
        public string Token { get; set; } = string.Empty;

        /// <summary>A swarm from Get-DockerSwarm (of a manager): its managers' addresses and tokens are used.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SwarmSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DockerSwarm? Swarm { get; set; }

        /// <summary>With -Swarm: join as a Worker (the default) or a Manager.</summary>
        [Parameter(ParameterSetName = SwarmSet)]
        [ValidateSet("Worker", "Manager", IgnoreCase = true)]
        public string Role { get; set; } = "Worker";

        /// <summary>The address the other nodes reach this node at.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AdvertiseAddress { get; set; }

        /// <summary>Where this node listens for swarm traffic (default 0.0.0.0:2377).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ListenAddress { get; set; } = "0.0.0.0:2377";

        /// <summary>The address overlay (data path) traffic uses.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DataPathAddress { get; set; }

        /// <summary>This node's availability once joined: active, pause or drain.</summary>
        [Parameter]
        [ValidateSet("active", "pause", "drain", IgnoreCase = true)]
        public string? Availability { get; set; }

        protected override void ProcessRecord()
        {
            // A piped swarm names the manager's engine; the engine that joins is -Host's (or the default), never that one.
            Engine = null;
            var request = new SwarmJoinRequest
            {
                ListenAddress = ListenAddress,
                AdvertiseAddress = AdvertiseAddress,
                DataPathAddress = DataPathAddress,
                Availability = Availability?.ToLowerInvariant(),
            };
            if (Swarm != null)
            {
                bool manager = string.Equals(Role, "Manager", StringComparison.OrdinalIgnoreCase);
                request.Token = manager ? Swarm.ManagerToken : Swarm.WorkerToken;
                foreach (string a in Swarm.ManagerAddresses)
                {
                    request.RemoteAddresses.Add(a);
                }

                if (request.Token.Length == 0 || request.RemoteAddresses.Count == 0)
                {
                    var e = new ArgumentException("The swarm object has no join token or manager address; get it from a manager with Get-DockerSwarm.");
                    ThrowTerminatingError(ErrorMapper.Record(e, SwarmErrorIds.InvalidSettings, ErrorCategory.InvalidArgument, Swarm));
                }
            }
            else
            {
                request.Token = Token;
                foreach (string a in RemoteAddress)
                {
                    request.RemoteAddresses.Add(a);
                }
            }

            IDockerEngine engine = ConnectDefault();
            string role = Swarm != null ? Role.ToLowerInvariant() : "node";
            if (ShouldProcess(engine.Endpoint.Address, $"Join the swarm at {string.Join(", ", request.RemoteAddresses)} as a {role}"))
            {
                SwarmCall(async ct =>
                {
                    await engine.JoinSwarmAsync(request, ct).ConfigureAwait(false);
                    return true;
                }, "Swarm", engine.Endpoint.Address, clusterWide: true);
            }
        }
    }
}
