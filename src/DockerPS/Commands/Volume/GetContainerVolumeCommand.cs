using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Volume
{
    /// <summary>
    /// Lists volumes (docker volume ls), each with the containers that use it and its size; or the volumes piped
    /// containers mount.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ContainerVolume", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerVolume))]
    public sealed class GetContainerVolumeCommand : DockerReadCmdlet
    {
        private const string NameSet = "Name";
        private const string ContainerSet = "Container";

        /// <summary>Volume names; wildcards allowed.</summary>
        [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VolumeNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Containers (from Get-Container): the volumes they mount.</summary>
        [Parameter(ParameterSetName = ContainerSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DockerContainer[]? Container { get; set; }

        /// <summary>Only volumes of these drivers.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Driver { get; set; }

        /// <summary>Only volumes with these labels: key, or key=value. All must match.</summary>
        [Parameter]
        public string[]? Label { get; set; }

        /// <summary>Only volumes no container uses.</summary>
        [Parameter]
        public SwitchParameter Dangling { get; set; }

        /// <summary>Other engine filters, as docker volume ls --filter takes them.</summary>
        [Parameter]
        public Hashtable? Filter { get; set; }

        protected override void ProcessRecord()
        {
            var query = new VolumeListQuery();
            try
            {
                foreach (string d in Driver ?? Array.Empty<string>())
                {
                    EngineFilters.Add(query.Filters, "driver", d);
                }

                if (Dangling.IsPresent)
                {
                    EngineFilters.Add(query.Filters, "dangling", "true");
                }

                EngineFilters.AddLabels(query.Filters, Label);
                EngineFilters.AddHashtable(query.Filters, Filter);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidVolumeFilter, ErrorCategory.InvalidArgument, Filter ?? (object?)Label));
            }

            if (Container != null)
            {
                foreach (DockerContainer c in Container)
                {
                    WriteContainerVolumes(c, query);
                }

                return;
            }

            var matcher = new NameMatcher<DockerVolume>(Name, NameMatch, v => v.Name, literal: false);
            bool everyEngine = ReadEachEngine((engine, ct) => ListWithUsersAsync(engine, query, ct), (_, volumes) => WriteObject(matcher.Select(volumes), enumerateCollection: true),
                "Volume", Filter, ErrorIds.InvalidVolumeFilter);
            foreach (string wanted in everyEngine ? matcher.Missing() : Array.Empty<string>())
            {
                var e = new ItemNotFoundException($"No volume with the name '{wanted}' was found.");
                WriteError(ErrorMapper.Record(e, ErrorIds.VolumeNotFound, ErrorCategory.ObjectNotFound, wanted));
            }
        }

        private void WriteContainerVolumes(DockerContainer container, VolumeListQuery query)
        {
            string[] names = container.Mounts.Where(m => m.Type == "volume" && !string.IsNullOrEmpty(m.Name)).Select(m => m.Name!).Distinct(StringComparer.Ordinal).ToArray();
            if (names.Length == 0)
            {
                return;
            }

            IDockerEngine? engine = ConnectForRead(EndpointFor(container.Engine));
            if (engine == null || !TryCall(ct => ListWithUsersAsync(engine, query, ct), "Volume", container, out IReadOnlyList<DockerVolume> volumes))
            {
                return;
            }

            foreach (string name in names)
            {
                DockerVolume? volume = volumes.FirstOrDefault(v => v.Name == name);
                if (volume != null)
                {
                    foreach (MountSummary m in container.Mounts.Where(m => m.Name == name))
                    {
                        foreach (VolumeUser u in volume.UsedBy.Where(u => u.Id == container.Id))
                        {
                            u.Destination = m.Destination;
                        }
                    }

                    WriteObject(volume);
                }
            }
        }

        /// <summary>
        /// The volumes with their users. Podman 4.3's disk usage lists every container with Mounts null (observed with
        /// curl on /system/df) while counting the volume's RefCount, so a used volume came without UsedBy: its users
        /// then come from the container list, whose Mounts both engines fill. dockerd's answer is kept as it is.
        /// </summary>
        private static async Task<IReadOnlyList<DockerVolume>> ListWithUsersAsync(IDockerEngine engine, VolumeListQuery query, CancellationToken ct)
        {
            IReadOnlyList<DockerVolume> volumes = await engine.ListVolumesAsync(query, ct).ConfigureAwait(false);
            List<DockerVolume> withoutUsers = volumes.Where(v => v.RefCount > 0 && v.UsedBy.Length == 0).ToList();
            if (query.WithUsage && withoutUsers.Count > 0)
            {
                IReadOnlyList<DockerContainer> containers = await engine.ListContainersAsync(new ContainerListQuery { All = true }, ct).ConfigureAwait(false);
                foreach (DockerVolume v in withoutUsers)
                {
                    v.UsedBy = containers.Where(c => c.Mounts.Any(m => m.Type == "volume" && m.Name == v.Name))
                        .Select(c => new VolumeUser { Id = c.Id, Name = c.Name })
                        .OrderBy(u => u.Name, StringComparer.Ordinal)
                        .ToArray();
                }
            }

            return volumes;
        }

        private static Func<DockerVolume, bool> NameMatch(string wanted)
        {
            WildcardPattern pattern = EngineFilters.Pattern(wanted);
            return v => pattern.IsMatch(v.Name);
        }
    }
}
