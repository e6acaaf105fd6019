using System.Management.Automation;
using System.Security;
using DockerPS.Engine;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Gets the key that unlocks an autolocked swarm's managers (docker swarm unlock-key), as a SecureString.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerSwarmUnlockKey")]
    [OutputType(typeof(SecureString))]
    public sealed class GetDockerSwarmUnlockKeyCommand : SwarmCmdlet
    {
        protected override void ProcessRecord()
        {
            IDockerEngine engine = ConnectDefault();
            // The key goes straight into a SecureString: it is a credential and must not reach any stream as text.
            SecureString key = SwarmCall(async ct =>
            {
                string text = await engine.GetSwarmUnlockKeyAsync(ct).ConfigureAwait(false);
                var secure = new SecureString();
                foreach (char ch in text)
                {
                    secure.AppendChar(ch);
                }

                secure.MakeReadOnly();
                return secure;
            }, "Swarm", engine.Endpoint.Address, clusterWide: true);
            WriteObject(key);
        }
    }
}
