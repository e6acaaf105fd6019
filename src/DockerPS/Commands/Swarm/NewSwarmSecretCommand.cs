using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Creates a swarm secret (docker secret create) from a file, a string or a SecureString. The data goes only to the engine: it is not written to any stream and cannot be read back.</summary>
    [Cmdlet(VerbsCommon.New, "SwarmSecret", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SwarmSecret))]
    public sealed class NewSwarmSecretCommand : SwarmDataCmdlet
    {
        private const string SecureSet = "SecureValue";

        /// <summary>The secret as a SecureString, e.g. from Read-Host -AsSecureString; it is never turned into a string.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecureSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecureString? SecureValue { get; set; }

        private protected override string Kind => "secret";

        private protected override byte[] ReadData() =>
            ParameterSetName == SecureSet ? SwarmData.FromSecure(SecureValue!) : base.ReadData();

        private protected override bool TryCreate(IDockerEngine engine, Dictionary<string, string> labels, byte[] data, out object created)
        {
            bool ok = TrySwarmCall(ct => engine.CreateSecretAsync(Name, labels, data, ct), "SwarmSecret", Name, out SwarmSecret secret);
            created = secret;
            return ok;
        }
    }
}
