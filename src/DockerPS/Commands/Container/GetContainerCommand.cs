using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Lists containers (docker ps). Without arguments it lists running containers, as docker ps does; -All lists
    /// every container, and naming containers (-Name, -Id) or a -Status searches all of them.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Container", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerContainer))]
    public sealed class GetContainerCommand : DockerCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        /// <summary>Container names; wildcards allowed.</summary>
        [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Full container ids or unique prefixes.</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>Include stopped containers (docker ps -a).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>Only containers in these states.</summary>
        [Parameter]
        [ValidateSet("created", "restarting", "running", "removing", "paused", "exited", "dead", IgnoreCase = true)]
        public string[]? Status { get; set; }

        /// <summary>Only containers with these labels: key, or key=value. All must match.</summary>
        [Parameter]
        public string[]? Label { get; set; }

        /// <summary>Other engine filters, as docker ps --filter takes them: @{ ancestor = 'busybox'; before = 'web' }.</summary>
        [Parameter]
        public Hashtable? Filter { get; set; }

        /// <summary>Also compute the containers' disk use (SizeRw, SizeRootFs); slower.</summary>
        [Parameter]
        public SwitchParameter Size { get; set; }

        protected override void ProcessRecord()
        {
            var query = new ContainerListQuery { Size = Size.IsPresent };
            try
            {
                if (Status != null)
                {
                    foreach (string s in Status)
                    {
                        EngineFilters.Add(query.Filters, "status", s.ToLowerInvariant());
                    }
                }

                EngineFilters.AddLabels(query.Filters, Label);
                EngineFilters.AddHashtable(query.Filters, Filter);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, "InvalidContainerFilter", ErrorCategory.InvalidArgument, Filter ?? (object?)Label));
            }

            query.All = All.IsPresent || Name != null || Id != null || Status != null || query.Filters.ContainsKey("status");

            foreach (var endpoint in ResolveEndpoints())
            {
                IDockerEngine engine = Connect(endpoint);
                IReadOnlyList<DockerContainer> containers = Call(ct => engine.ListContainersAsync(query, ct), "Container", Filter, "InvalidContainerFilter");
                WriteMatches(containers);
            }
        }

        private void WriteMatches(IReadOnlyList<DockerContainer> containers)
        {
            if (Name == null && Id == null)
            {
                WriteObject(containers, enumerateCollection: true);
                return;
            }

            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (string wanted in (IEnumerable<string>?)Name ?? Id!)
            {
                IEnumerable<DockerContainer> matches = Name != null
                    ? MatchName(containers, wanted)
                    : containers.Where(c => c.Id.StartsWith(wanted.ToLowerInvariant(), StringComparison.Ordinal));
                bool any = false;
                foreach (DockerContainer c in matches)
                {
                    any = true;
                    if (written.Add(c.Id))
                    {
                        WriteObject(c);
                    }
                }

                if (!any && (Id != null || !WildcardPattern.ContainsWildcardCharacters(wanted)))
                {
                    var e = new ItemNotFoundException($"No container with the {(Id != null ? "id" : "name")} '{wanted}' was found.");
                    WriteError(ErrorMapper.Record(e, "ContainerNotFound", ErrorCategory.ObjectNotFound, wanted));
                }
            }
        }

        private static IEnumerable<DockerContainer> MatchName(IReadOnlyList<DockerContainer> containers, string wanted)
        {
            WildcardPattern pattern = EngineFilters.Pattern(wanted.TrimStart('/'));
            return containers.Where(c => c.Names.Any(pattern.IsMatch));
        }
    }
}
