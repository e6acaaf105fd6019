using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using DockerPS.Images;
using DockerPS.Models;

namespace DockerPS.Engine
{
    internal sealed partial class DockerEngine
    {
        private RawApi? _raw;

        private RawApi Raw => _raw ??= RawApi.For(_client, ApiVersion);

        public async Task<DockerDiskUsage> GetDiskUsageAsync(CancellationToken cancellationToken)
        {
            using JsonDocument doc = await Call(() => Raw.SendAsync(HttpMethod.Get, "system/df", null, Address, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            DockerDiskUsage usage = DiskUsageParser.Parse(doc.RootElement);
            usage.Engine = Address;
            foreach (DockerDiskUsageSummary row in usage.Summary)
            {
                row.Engine = Address;
            }

            return usage;
        }

        public async Task<DockerPruneResult> PruneContainersAsync(IDictionary<string, IList<string>> filters, CancellationToken cancellationToken)
        {
            var parameters = new ContainersPruneParameters { Filters = ToFilters(filters) };
            ContainersPruneResponse r = await Call(() => _client.Containers.PruneContainersAsync(parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return new DockerPruneResult
            {
                Type = "Container",
                Deleted = r.ContainersDeleted?.ToArray() ?? Array.Empty<string>(),
                ReclaimedBytes = (long)r.SpaceReclaimed,
                Engine = Address,
            };
        }

        public async Task<DockerPruneResult> PruneImagesAsync(IDictionary<string, IList<string>> filters, bool all, CancellationToken cancellationToken)
        {
            var withAll = new Dictionary<string, IList<string>>(filters, StringComparer.Ordinal);
            if (!withAll.ContainsKey("dangling"))
            {
                // docker image prune -a sends dangling=false: every image no container uses.
                withAll["dangling"] = new List<string> { all ? "false" : "true" };
            }

            var parameters = new ImagesPruneParameters { Filters = ToFilters(withAll) };
            ImagesPruneResponse r = await Call(() => _client.Images.PruneImagesAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
            IList<ImageDeleteResponse> items = r.ImagesDeleted ?? new List<ImageDeleteResponse>();
            return new DockerPruneResult
            {
                Type = "Image",
                Deleted = items.Where(i => !string.IsNullOrEmpty(i.Deleted)).Select(i => i.Deleted!).ToArray(),
                Untagged = items.Where(i => !string.IsNullOrEmpty(i.Untagged)).Select(i => ImageReference.FamiliarOf(i.Untagged!)).Distinct().ToArray(),
                ReclaimedBytes = (long)r.SpaceReclaimed,
                Engine = Address,
            };
        }

        public async Task<DockerPruneResult> PruneBuildCacheAsync(IDictionary<string, IList<string>> filters, bool all, CancellationToken cancellationToken)
        {
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            if (filters.Count > 0)
            {
                query["filters"] = RawApi.FiltersJson(filters);
            }

            if (all)
            {
                query["all"] = "true";
            }

            using JsonDocument doc = await Call(() => Raw.SendAsync(HttpMethod.Post, "build/prune", query, Address, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            JsonElement root = doc.RootElement;
            string[] deleted = root.TryGetProperty("CachesDeleted", out JsonElement d) && d.ValueKind == JsonValueKind.Array
                ? d.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
                : Array.Empty<string>();
            return new DockerPruneResult
            {
                Type = "BuildCache",
                Deleted = deleted,
                ReclaimedBytes = DiskUsageParser.Long(root, "SpaceReclaimed"),
                Engine = Address,
            };
        }
    }
}
