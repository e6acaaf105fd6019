using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Engine
{
    /// <summary>Shows the engine's disk use (docker system df); -Detailed lists every object (docker system df -v).</summary>
    [Cmdlet(VerbsCommon.Get, "DockerDiskUsage")]
    [OutputType(typeof(DockerDiskUsageSummary), typeof(DockerDiskUsage))]
    public sealed class GetDockerDiskUsageCommand : DockerReadCmdlet
    {
        /// <summary>Write one DockerDiskUsage object with every image, container, volume and build cache entry.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            ReadEachEngine((engine, ct) => engine.GetDiskUsageAsync(ct), (_, usage) =>
            {
                if (Detailed.IsPresent)
                {
                    WriteObject(usage);
                }
                else
                {
                    WriteObject(usage.Summary, enumerateCollection: true);
                }
            }, "Engine", null);
        }
    }
}
