using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>Volume operations (docker volume ...).</summary>
    internal partial interface IDockerEngine
    {
        /// <summary>GET /volumes; with <see cref="VolumeListQuery.WithUsage"/> one GET /system/df fills UsedBy and Size.</summary>
        Task<IReadOnlyList<DockerVolume>> ListVolumesAsync(VolumeListQuery query, CancellationToken cancellationToken);

        /// <summary>GET /volumes/{name}, with usage from GET /system/df.</summary>
        Task<DockerVolume> InspectVolumeAsync(string name, CancellationToken cancellationToken);

        Task<DockerVolume> CreateVolumeAsync(VolumeCreateRequest request, CancellationToken cancellationToken);

        Task RemoveVolumeAsync(string name, bool force, CancellationToken cancellationToken);

        /// <summary>POST /volumes/prune. <paramref name="all"/> also removes named volumes on engines (API 1.42+) that keep them by default.</summary>
        Task<DockerPruneResult> PruneVolumesAsync(IDictionary<string, IList<string>> filters, bool all, CancellationToken cancellationToken);
    }

    /// <summary>GET /volumes parameters.</summary>
    internal sealed class VolumeListQuery
    {
        /// <summary>Also ask GET /system/df for the containers using each volume and its size.</summary>
        public bool WithUsage { get; set; } = true;

        public IDictionary<string, IList<string>> Filters { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
    }

    /// <summary>POST /volumes/create body.</summary>
    internal sealed class VolumeCreateRequest
    {
        /// <summary>Empty for a generated name.</summary>
        public string? Name { get; set; }

        public string? Driver { get; set; }

        public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public IDictionary<string, string> Options { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }
}
