using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Creates a swarm config (docker config create) from a file or a string.</summary>
    [Cmdlet(VerbsCommon.New, "SwarmConfig", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SwarmConfig))]
    public sealed class NewSwarmConfigCommand : SwarmDataCmdlet
    {
        private protected override string Kind => "config";

        private protected override bool TryCreate(IDockerEngine engine, Dictionary<string, string> labels, byte[] data, out object created)
        {
            bool ok = TrySwarmCall(ct => engine.CreateConfigAsync(Name, labels, data, ct), "SwarmConfig", Name, out SwarmConfig config);
            created = config;
            return ok;
        }
    }
}
