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
    public sealed class GetContainerCommand : DockerReadCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";
        private const string NetworkSet = "Network";
        private const string VolumeSet = "Volume";
        private const string ImageSet = "Image";
        private const string TaskSet = "Task";

        /// <summary>Container names; wildcards allowed.</summary>
        [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Full container ids or unique prefixes.</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>Containers attached to these networks (piped from Get-ContainerNetwork, or names); searches stopped containers too.</summary>
        [Parameter(ParameterSetName = NetworkSet, Mandatory = true, ValueFromPipeline = true)]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        [ValidateNotNullOrEmpty]
        public DockerNetwork[]? Network { get; set; }

        /// <summary>Containers that mount these volumes (piped from Get-ContainerVolume, or names); searches stopped containers too.</summary>
        [Parameter(ParameterSetName = VolumeSet, Mandatory = true, ValueFromPipeline = true)]
        [ArgumentCompleter(typeof(VolumeNameCompleter))]
        [ValidateNotNullOrEmpty]
        public DockerVolume[]? Volume { get; set; }

        /// <summary>Containers created from these images or their descendants (piped from Get-Image, or references); searches stopped containers too.</summary>
        [Parameter(ParameterSetName = ImageSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageReferenceCompleter))]
        public DockerImage[]? Image { get; set; }

        /// <summary>
        /// The containers of these swarm tasks (piped from Get-SwarmTask). A task's container is on its node's engine:
        /// name the nodes' engines with -Host (each is searched), or the piped task's own engine (the manager) is asked.
        /// </summary>
        [Parameter(ParameterSetName = TaskSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public SwarmTask[]? Task { get; set; }

        /// <summary>Include stopped containers (docker ps -a).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>
        /// Only containers in these states: it filters the State property (running, exited ...), as docker ps --filter
        /// status= does, not the Status text ("Exited (0) 2 minutes ago"). -State is its alias.
        /// </summary>
        [Parameter]
        [Alias("State")]
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
                AddObjectFilters(query.Filters);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidContainerFilter, ErrorCategory.InvalidArgument, Filter ?? (object?)Label));
            }

            query.All = All.IsPresent || Name != null || Id != null || Status != null || query.Filters.ContainsKey("status")
                || Network != null || Volume != null || Image != null || Task != null;
            if (Task != null && !query.Filters.ContainsKey("id"))
            {
                // No piped task has a container yet: nothing to list (an empty id filter would list every container).
                return;
            }

            var matcher = new NameMatcher<DockerContainer>((IReadOnlyList<string>?)Name ?? Id, Name != null ? NameMatch : IdMatch, c => c.Id, literal: Id != null);
            bool everyEngine = ReadEachEngine((engine, ct) => engine.ListContainersAsync(query, ct), (_, containers) => WriteObject(matcher.Select(containers), enumerateCollection: true),
                "Container", Filter, ErrorIds.InvalidContainerFilter);
            foreach (string wanted in everyEngine ? matcher.Missing() : Array.Empty<string>())
            {
                var e = new ItemNotFoundException($"No container with the {(Id != null ? "id" : "name")} '{wanted}' was found.");
                WriteError(ErrorMapper.Record(e, ErrorIds.ContainerNotFound, ErrorCategory.ObjectNotFound, wanted));
            }
        }

        /// <summary>Piped networks, volumes, images and swarm tasks become the engine's network=, volume=, ancestor= and id= filters.</summary>
        private void AddObjectFilters(IDictionary<string, IList<string>> filters)
        {
            foreach (DockerNetwork n in Network ?? Array.Empty<DockerNetwork>())
            {
                // By name: the engine matches a network id only against started containers' endpoints, so a
                // container created on the network but never started would be missed (docker ps filters by name too).
                EngineFilters.Add(filters, "network", n.Name.Length > 0 ? n.Name : n.Id);
            }

            foreach (DockerVolume v in Volume ?? Array.Empty<DockerVolume>())
            {
                EngineFilters.Add(filters, "volume", v.Name);
            }

            foreach (DockerImage i in Image ?? Array.Empty<DockerImage>())
            {
                // The id as 64 hex digits without sha256:: dockerd takes either form, Podman 4.3 matches only this one
                // (observed: ancestor=sha256:<id> and a short id list nothing) besides the exact name a container was created with.
                EngineFilters.Add(filters, "ancestor", i.Id.Length > 0 ? StripAlgorithm(i.Id) : i.Reference);
            }

            foreach (SwarmTask t in Task ?? Array.Empty<SwarmTask>())
            {
                // By the task's container id: several id= values are alternatives (label= values would all have to match).
                if (t.ContainerId.Length > 0)
                {
                    EngineFilters.Add(filters, "id", t.ContainerId);
                }
            }
        }

        private static string StripAlgorithm(string id) => id.StartsWith("sha256:", StringComparison.Ordinal) ? id.Substring("sha256:".Length) : id;

        private static Func<DockerContainer, bool> NameMatch(string wanted)
        {
            WildcardPattern pattern = EngineFilters.Pattern(wanted.TrimStart('/'));
            return c => c.Names.Any(pattern.IsMatch);
        }

        private static Func<DockerContainer, bool> IdMatch(string wanted)
        {
            string prefix = wanted.ToLowerInvariant();
            return c => c.Id.StartsWith(prefix, StringComparison.Ordinal);
        }
    }
}
