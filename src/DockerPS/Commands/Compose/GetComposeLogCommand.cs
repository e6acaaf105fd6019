using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// The logs of a project's containers (docker compose logs), each line with its service and container, read
    /// with Get-ContainerLog's reader. Without -Follow the containers come one after another (by service and number);
    /// with -Follow all are followed at once and lines arrive as they are written.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ComposeLog")]
    [OutputType(typeof(ContainerLogLine))]
    public sealed class GetComposeLogCommand : ProjectCmdlet
    {
        /// <summary>Only these services' logs.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[]? Service { get; set; }

        /// <summary>Only the last lines of each container (docker compose logs --tail).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Tail { get; set; }

        /// <summary>Keep reading until the containers stop or Ctrl+C (docker compose logs -f).</summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        protected override void ProcessRecord()
        {
            string project = ProjectNameOrLoad();
            IDockerEngine engine = ConnectDefault();
            List<DockerContainer> containers = ProjectContainers(engine, project)
                .Where(c => Service == null || Service.Contains(ServiceOf(c), StringComparer.Ordinal))
                .OrderBy(ServiceOf, StringComparer.Ordinal).ThenBy(NumberOf).ToList();
            var query = new ContainerLogQuery { Follow = Follow.IsPresent, Timestamps = true };
            if (Tail.HasValue)
            {
                query.Tail = Tail.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (Follow.IsPresent)
            {
                TryCall(ct => Task.WhenAll(containers.Select(c => ReadAsync(engine, c, query, ct))), "Container", project);
                return;
            }

            foreach (DockerContainer c in containers)
            {
                TryCall(ct => ReadAsync(engine, c, query, ct), "Container", c.Name);
            }
        }

        private async Task ReadAsync(IDockerEngine engine, DockerContainer c, ContainerLogQuery query, System.Threading.CancellationToken ct)
        {
            ContainerIdentity who = await engine.ResolveContainerAsync(c.Id, ct).ConfigureAwait(false);
            await ReadLogLinesAsync(engine, who, query, raw: false, keepTimestamp: false, ct, ServiceOf(c)).ConfigureAwait(false);
        }
    }
}
