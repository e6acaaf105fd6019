using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Lists the compose projects on an engine (docker compose ls), found by the com.docker.compose.project label of
    /// their containers; projects started by docker compose (v1 or v2) and by Start-ComposeProject alike.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ComposeProject")]
    [OutputType(typeof(DockerComposeProject))]
    public sealed class GetComposeProjectCommand : DockerReadCmdlet
    {
        /// <summary>Project names; wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Also projects whose containers are all stopped (docker compose ls -a).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            var query = new ContainerListQuery { All = true };
            query.Filters["label"] = new List<string> { ComposeCmdlet.ProjectLabel };
            var patterns = (Name ?? new[] { "*" }).Select(EngineFilters.Pattern).ToList();
            ReadEachEngine((engine, ct) => engine.ListContainersAsync(query, ct), (endpoint, containers) =>
            {
                foreach (IGrouping<string, DockerContainer> g in containers
                    .Where(c => !(c.Labels.TryGetValue(ComposeCmdlet.OneoffLabel, out string? o) && string.Equals(o, "True", StringComparison.OrdinalIgnoreCase)))
                    .GroupBy(c => c.Labels[ComposeCmdlet.ProjectLabel], StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    if (!patterns.Any(p => p.IsMatch(g.Key)) || (!All.IsPresent && !g.Any(c => c.State == "running")))
                    {
                        continue;
                    }

                    DockerContainer first = g.OrderBy(c => c.Created).First();
                    WriteObject(new DockerComposeProject
                    {
                        Project = g.Key,
                        Status = string.Join(", ", g.GroupBy(c => c.State).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}({s.Count()})")),
                        ConfigFiles = first.Labels.TryGetValue(ComposeCmdlet.ConfigFilesLabel, out string? files) ? files.Split(',') : Array.Empty<string>(),
                        WorkingDirectory = first.Labels.TryGetValue(ComposeCmdlet.WorkingDirLabel, out string? wd) ? wd : string.Empty,
                        Services = g.Select(c => c.Labels.TryGetValue(ComposeCmdlet.ServiceLabel, out string? s) ? s : string.Empty).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray(),
                        Name = g.Select(c => c.Name).ToArray(),
                        Id = g.Select(c => c.Id).ToArray(),
                        Engine = first.Engine,
                    });
                }
            }, "Container", null);
        }
    }
}
