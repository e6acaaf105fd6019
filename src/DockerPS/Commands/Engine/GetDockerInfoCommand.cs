using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Engine
{
    /// <summary>Gets the engine's system report (docker info).</summary>
    [Cmdlet(VerbsCommon.Get, "DockerInfo")]
    [OutputType(typeof(DockerSystemInfo))]
    public sealed class GetDockerInfoCommand : DockerCmdlet
    {
        protected override void ProcessRecord()
        {
            foreach (var endpoint in ResolveEndpoints())
            {
                IDockerEngine engine = Connect(endpoint);
                WriteObject(Call(ct => engine.GetInfoAsync(ct), "Engine", endpoint.Address));
            }
        }
    }
}
