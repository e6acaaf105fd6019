using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>Engine-wide operations: disk usage and prune.</summary>
    internal partial interface IDockerEngine
    {
        /// <summary>GET /system/df, parsed from the raw answer (the client's model does not fit older engines).</summary>
        Task<DockerDiskUsage> GetDiskUsageAsync(CancellationToken cancellationToken);

        Task<DockerPruneResult> PruneContainersAsync(IDictionary<string, IList<string>> filters, CancellationToken cancellationToken);

        /// <summary>POST /images/prune; <paramref name="all"/> removes every unused image, not only dangling ones.</summary>
        Task<DockerPruneResult> PruneImagesAsync(IDictionary<string, IList<string>> filters, bool all, CancellationToken cancellationToken);

        /// <summary>POST /build/prune; <paramref name="all"/> removes all unused build cache, not only dangling entries.</summary>
        Task<DockerPruneResult> PruneBuildCacheAsync(IDictionary<string, IList<string>> filters, bool all, CancellationToken cancellationToken);
    }
}
