using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using DockerPS.Engine;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Unlocks an autolocked manager after its restart (docker swarm unlock).</summary>
    [Cmdlet(VerbsCommon.Unlock, "DockerSwarm", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class UnlockDockerSwarmCommand : SwarmCmdlet
    {
        /// <summary>The unlock key, as Get-DockerSwarmUnlockKey returns it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecureString? UnlockKey { get; set; }

        protected override void ProcessRecord()
        {
            IDockerEngine engine = ConnectDefault();
            if (!ShouldProcess(engine.Endpoint.Address, "Unlock the swarm manager"))
            {
                return;
            }

            IntPtr text = Marshal.SecureStringToGlobalAllocUnicode(UnlockKey!);
            try
            {
                string key = Marshal.PtrToStringUni(text) ?? string.Empty;
                SwarmCall(async ct =>
                {
                    await engine.UnlockSwarmAsync(key, ct).ConfigureAwait(false);
                    return true;
                }, "Swarm", engine.Endpoint.Address, clusterWide: true);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(text);
            }
        }
    }
}
