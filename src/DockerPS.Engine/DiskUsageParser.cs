using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>Reads GET /system/df as every API version from 1.24 writes it, and adds up docker system df's summary.</summary>
    internal static class DiskUsageParser
    {
        internal static DockerDiskUsage Parse(JsonElement root)
        {
            var usage = new DockerDiskUsage
            {
                LayersSize = Long(root, "LayersSize"),
                BuilderSize = Long(root, "BuilderSize"),
                Images = Items(root, "Images").Select(i => new DiskUsageImage
                {
                    Id = Str(i, "Id"),
                    RepoTags = Strings(i, "RepoTags").Where(t => t != "<none>:<none>").ToArray(),
                    Created = FromUnix(Long(i, "Created")),
                    Size = Long(i, "Size"),
                    SharedSize = Long(i, "SharedSize", -1),
                    Containers = Long(i, "Containers", -1),
                }).ToArray(),
                Containers = Items(root, "Containers").Select(c => new DiskUsageContainer
                {
                    Id = Str(c, "Id"),
                    Name = Strings(c, "Names").Select(n => n.TrimStart('/')).FirstOrDefault(n => n.IndexOf('/') < 0) ?? string.Empty,
                    Image = Str(c, "Image"),
                    State = Str(c, "State"),
                    Status = Str(c, "Status"),
                    Created = FromUnix(Long(c, "Created")),
                    SizeRw = Long(c, "SizeRw"),
                    SizeRootFs = Long(c, "SizeRootFs"),
                    Volumes = Items(c, "Mounts").Where(m => Str(m, "Type") == "volume" && Str(m, "Name").Length > 0).Select(m => Str(m, "Name")).ToArray(),
                }).ToArray(),
                Volumes = Items(root, "Volumes").Select(v => new DiskUsageVolume
                {
                    Name = Str(v, "Name"),
                    Driver = Str(v, "Driver"),
                    RefCount = v.TryGetProperty("UsageData", out JsonElement u) && u.ValueKind == JsonValueKind.Object ? Long(u, "RefCount", -1) : -1,
                    Size = v.TryGetProperty("UsageData", out JsonElement s) && s.ValueKind == JsonValueKind.Object ? Long(s, "Size", -1) : -1,
                }).ToArray(),
                BuildCache = Items(root, "BuildCache").Select(b => new DiskUsageBuildCache
                {
                    Id = Str(b, "ID"),
                    Type = Str(b, "Type"),
                    Description = Str(b, "Description"),
                    InUse = Bool(b, "InUse"),
                    Shared = Bool(b, "Shared"),
                    Size = Long(b, "Size"),
                    Created = Time(b, "CreatedAt"),
                    LastUsed = Time(b, "LastUsedAt"),
                    UsageCount = Long(b, "UsageCount"),
                }).ToArray(),
            };
            usage.Summary = Summarize(usage);
            return usage;
        }

        /// <summary>The four lines of docker system df.</summary>
        internal static DockerDiskUsageSummary[] Summarize(DockerDiskUsage u)
        {
            DiskUsageImage[] activeImages = u.Images.Where(i => i.Containers > 0).ToArray();
            return new[]
            {
                new DockerDiskUsageSummary
                {
                    Type = "Images",
                    Total = u.Images.Length,
                    Active = activeImages.Length,
                    Size = u.LayersSize,
                    // What only unused images hold: shared layers stay while any image needs them.
                    Reclaimable = u.Images.Where(i => i.Containers <= 0).Sum(i => Math.Max(0, i.UniqueSize)),
                },
                new DockerDiskUsageSummary
                {
                    Type = "Containers",
                    Total = u.Containers.Length,
                    Active = u.Containers.Count(c => c.State == "running"),
                    Size = u.Containers.Sum(c => Math.Max(0, c.SizeRw)),
                    Reclaimable = u.Containers.Where(c => c.State != "running").Sum(c => Math.Max(0, c.SizeRw)),
                },
                new DockerDiskUsageSummary
                {
                    Type = "Local Volumes",
                    Total = u.Volumes.Length,
                    Active = u.Volumes.Count(v => v.RefCount > 0),
                    Size = u.Volumes.Sum(v => Math.Max(0, v.Size)),
                    Reclaimable = u.Volumes.Where(v => v.RefCount == 0).Sum(v => Math.Max(0, v.Size)),
                },
                new DockerDiskUsageSummary
                {
                    Type = "Build Cache",
                    Total = u.BuildCache.Length,
                    Active = u.BuildCache.Count(b => b.InUse),
                    Size = u.BuildCache.Length > 0 ? u.BuildCache.Where(b => !b.Shared).Sum(b => b.Size) : u.BuilderSize,
                    Reclaimable = u.BuildCache.Where(b => !b.InUse && !b.Shared).Sum(b => b.Size),
                },
            };
        }

        internal static IEnumerable<JsonElement> Items(JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : Enumerable.Empty<JsonElement>();

        internal static string Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : string.Empty;

        internal static IEnumerable<string> Strings(JsonElement e, string name) =>
            Items(e, name).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!);

        internal static long Long(JsonElement e, string name, long missing = 0) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long l)
                ? l
                : missing;

        private static bool Bool(JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.True;

        private static DateTime? Time(JsonElement e, string name) => DockerEngine.ParseTime(Str(e, name));

        private static DateTime FromUnix(long seconds) =>
            seconds <= 0 ? default : DateTimeOffset.FromUnixTimeSeconds(seconds).LocalDateTime;
    }
}
