using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Engine
{
    /// <summary>Gets the engine's version and the API version DockerPS negotiated with it (docker version).</summary>
    [Cmdlet(VerbsCommon.Get, "DockerVersion")]
    [OutputType(typeof(DockerVersion))]
    public sealed class GetDockerVersionCommand : DockerCmdlet
    {
        protected override void ProcessRecord()
        {
            foreach (var endpoint in ResolveEndpoints())
            {
                IDockerEngine engine = Connect(endpoint);
                WriteObject(Call(ct => engine.GetVersionAsync(ct), "Engine", endpoint.Address));
            }
        }
    }
}
