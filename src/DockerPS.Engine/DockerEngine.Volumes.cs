using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using DockerPS.Models;

namespace DockerPS.Engine
{
    internal sealed partial class DockerEngine
    {
        public async Task<IReadOnlyList<DockerVolume>> ListVolumesAsync(VolumeListQuery query, CancellationToken cancellationToken)
        {
            var parameters = new VolumesListParameters { Filters = ToFilters(query.Filters) };
            VolumesListResponse list = await Call(() => _client.Volumes.ListAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
            List<DockerVolume> volumes = (list.Volumes ?? new List<VolumeResponse>()).Select(ToVolume).OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
            if (query.WithUsage && volumes.Count > 0)
            {
                AddUsage(volumes, await GetDiskUsageAsync(cancellationToken).ConfigureAwait(false));
            }

            return volumes;
        }

        public async Task<DockerVolume> InspectVolumeAsync(string name, CancellationToken cancellationToken)
        {
            VolumeResponse v = await Call(() => _client.Volumes.InspectAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false);
            DockerVolume volume = ToVolume(v);
            AddUsage(new[] { volume }, await GetDiskUsageAsync(cancellationToken).ConfigureAwait(false));
            return volume;
        }

        public async Task<DockerVolume> CreateVolumeAsync(VolumeCreateRequest request, CancellationToken cancellationToken)
        {
            var parameters = new VolumesCreateParameters
            {
                Name = string.IsNullOrEmpty(request.Name) ? null! : request.Name!,
                Driver = string.IsNullOrEmpty(request.Driver) ? null! : request.Driver!,
                Labels = request.Labels.Count > 0 ? new Dictionary<string, string>(request.Labels) : null!,
                DriverOpts = request.Options.Count > 0 ? new Dictionary<string, string>(request.Options) : null!,
            };
            VolumeResponse v = await Call(() => _client.Volumes.CreateAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
            DockerVolume volume = ToVolume(v);
            volume.RefCount = 0;
            return volume;
        }

        public Task RemoveVolumeAsync(string name, bool force, CancellationToken cancellationToken) =>
            Call(() => _client.Volumes.RemoveAsync(name, force ? true : (bool?)null, cancellationToken), cancellationToken);

        public async Task<DockerPruneResult> PruneVolumesAsync(IDictionary<string, IList<string>> filters, bool all, CancellationToken cancellationToken)
        {
            var withAll = new Dictionary<string, IList<string>>(filters, StringComparer.Ordinal);
            if (all && !withAll.ContainsKey("all") && DockerEngineFactory.TryParseApiVersion(ApiVersion, out System.Version v) && v >= new System.Version(1, 42))
            {
                // From API 1.42 prune keeps named volumes unless all=true (docker volume prune -a); older engines prune them anyway.
                withAll["all"] = new List<string> { "true" };
            }

            var parameters = new VolumesPruneParameters { Filters = ToFilters(withAll) };
            VolumesPruneResponse r = await Call(() => _client.Volumes.PruneAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new DockerPruneResult
            {
                Type = "Volume",
                Deleted = r.VolumesDeleted?.ToArray() ?? Array.Empty<string>(),
                ReclaimedBytes = (long)r.SpaceReclaimed,
                Engine = Address,
            };
        }

        private DockerVolume ToVolume(VolumeResponse v) => new DockerVolume
        {
            Name = v.Name ?? string.Empty,
            Driver = v.Driver ?? string.Empty,
            Mountpoint = v.Mountpoint ?? string.Empty,
            Scope = v.Scope ?? string.Empty,
            Labels = Copy(v.Labels),
            Options = Copy(v.Options),
            Created = ParseTime(v.CreatedAt),
            RefCount = v.UsageData != null && v.UsageData.RefCount >= 0 ? v.UsageData.RefCount : (long?)null,
            Size = v.UsageData != null && v.UsageData.Size >= 0 ? v.UsageData.Size : (long?)null,
            Engine = Address,
        };

        /// <summary>Fills UsedBy, RefCount and Size from one disk usage answer.</summary>
        private static void AddUsage(IEnumerable<DockerVolume> volumes, DockerDiskUsage usage)
        {
            Dictionary<string, DiskUsageVolume> byName = usage.Volumes.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (DockerVolume volume in volumes)
            {
                if (byName.TryGetValue(volume.Name, out DiskUsageVolume? du))
                {
                    volume.RefCount = du.RefCount >= 0 ? du.RefCount : volume.RefCount;
                    volume.Size = du.Size >= 0 ? du.Size : volume.Size;
                }

                volume.UsedBy = usage.Containers
                    .Where(c => c.Volumes.Contains(volume.Name, StringComparer.Ordinal))
                    .Select(c => new VolumeUser { Id = c.Id, Name = c.Name })
                    .OrderBy(u => u.Name, StringComparer.Ordinal)
                    .ToArray();
            }
        }
    }
}
