using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Engine
{
    /// <summary>Gets the engine's version and the API version DockerPS negotiated with it (docker version).</summary>
    [Cmdlet(VerbsCommon.Get, "DockerVersion")]
    [OutputType(typeof(DockerVersion))]
    public sealed class GetDockerVersionCommand : DockerReadCmdlet
    {
        protected override void ProcessRecord()
        {
            ReadEachEngine((engine, ct) => engine.GetVersionAsync(ct), (_, version) => WriteObject(version), "Engine", null);
        }
    }
}
