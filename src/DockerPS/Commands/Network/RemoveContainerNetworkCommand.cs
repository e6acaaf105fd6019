using System.Management.Automation;
using DockerPS.Engine;

namespace DockerPS.Commands.Network
{
    /// <summary>Removes networks (docker network rm).</summary>
    [Cmdlet(VerbsCommon.Remove, "ContainerNetwork", DefaultParameterSetName = NameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveContainerNetworkCommand : NetworkCmdlet
    {
        private protected override void ProcessNetwork(string reference, string display, object userInput, IDockerEngine engine)
        {
            if (ShouldProcess(display, "Remove network"))
            {
                TryNetworkCall(async ct =>
                {
                    await engine.RemoveNetworkAsync(reference, ct).ConfigureAwait(false);
                    return true;
                }, userInput, out bool _);
            }
        }
    }
}
