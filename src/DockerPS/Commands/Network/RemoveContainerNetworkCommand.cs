using System.Management.Automation;
using DockerPS.Engine;

namespace DockerPS.Commands.Network
{
    /// <summary>Removes networks (docker network rm).</summary>
    [Cmdlet(VerbsCommon.Remove, "ContainerNetwork", DefaultParameterSetName = NameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveContainerNetworkCommand : NetworkCmdlet
    {
        /// <summary>How many networks are removed at the same time (1 removes them one after another).</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = DefaultChangesInFlight;

        private protected override int ChangesInFlight => ThrottleLimit;

        private protected override void ProcessNetwork(string reference, string display, object userInput, IDockerEngine engine)
        {
            if (ShouldProcess(display, "Remove network"))
            {
                QueueChange(ct => engine.RemoveNetworkAsync(reference, ct), "Network", userInput, mapError: e => NetworkError(e, userInput));
            }
        }
    }
}
