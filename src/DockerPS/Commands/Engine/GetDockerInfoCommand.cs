using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Engine
{
    /// <summary>Gets the engine's system report (docker info).</summary>
    [Cmdlet(VerbsCommon.Get, "DockerInfo")]
    [OutputType(typeof(DockerSystemInfo))]
    public sealed class GetDockerInfoCommand : DockerReadCmdlet
    {
        protected override void ProcessRecord()
        {
            ReadEachEngine((engine, ct) => engine.GetInfoAsync(ct), (_, info) => WriteObject(info), "Engine", null);
        }
    }
}
