using System.Management.Automation;
using DockerPS.Engine;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Makes the engine leave its swarm (docker swarm leave).</summary>
    [Cmdlet(VerbsCommon.Exit, "DockerSwarm", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class ExitDockerSwarmCommand : SwarmCmdlet
    {
        /// <summary>Leave even as a manager (the last manager's leave ends the swarm, others risk quorum).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            IDockerEngine engine = ConnectDefault();
            if (ShouldProcess(engine.Endpoint.Address, "Leave the swarm"))
            {
                SwarmCall(async ct =>
                {
                    await engine.LeaveSwarmAsync(Force.IsPresent, ct).ConfigureAwait(false);
                    return true;
                }, "Swarm", engine.Endpoint.Address, clusterWide: true);
            }
        }
    }
}
