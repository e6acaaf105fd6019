using System;

namespace DockerPS.Models
{
    /// <summary>One line of docker system df: a kind of object, how many there are, how many are used, their size.</summary>
    public sealed class DockerDiskUsageSummary
    {
        /// <summary>Images, Containers, Local Volumes or Build Cache.</summary>
        public string Type { get; set; } = string.Empty;

        public long Total { get; set; }

        /// <summary>Images used by a container, running containers, volumes used by a container, build cache in use.</summary>
        public long Active { get; set; }

        public long Size { get; set; }

        /// <summary>Bytes that pruning the unused objects of this type would free.</summary>
        public long Reclaimable { get; set; }

        public string Engine { get; set; } = string.Empty;
    }

    /// <summary>docker system df -v: every image, container, volume and build cache entry with its size.</summary>
    public sealed class DockerDiskUsage
    {
        /// <summary>Bytes of all image layers, shared layers counted once.</summary>
        public long LayersSize { get; set; }

        /// <summary>Bytes of the build cache.</summary>
        public long BuilderSize { get; set; }

        public DockerDiskUsageSummary[] Summary { get; set; } = Array.Empty<DockerDiskUsageSummary>();

        public DiskUsageImage[] Images { get; set; } = Array.Empty<DiskUsageImage>();

        public DiskUsageContainer[] Containers { get; set; } = Array.Empty<DiskUsageContainer>();

        public DiskUsageVolume[] Volumes { get; set; } = Array.Empty<DiskUsageVolume>();

        public DiskUsageBuildCache[] BuildCache { get; set; } = Array.Empty<DiskUsageBuildCache>();

        public string Engine { get; set; } = string.Empty;
    }

    /// <summary>An image in the disk usage data.</summary>
    public sealed class DiskUsageImage
    {
        public string Id { get; set; } = string.Empty;

        public string[] RepoTags { get; set; } = Array.Empty<string>();

        public DateTime Created { get; set; }

        public long Size { get; set; }

        /// <summary>Bytes shared with other images (-1 when unknown).</summary>
        public long SharedSize { get; set; }

        /// <summary>Bytes only this image holds.</summary>
        public long UniqueSize => SharedSize >= 0 ? Size - SharedSize : Size;

        /// <summary>How many containers use the image.</summary>
        public long Containers { get; set; }

        public override string ToString() => RepoTags.Length > 0 ? RepoTags[0] : Id;
    }

    /// <summary>A container in the disk usage data.</summary>
    public sealed class DiskUsageContainer
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Image { get; set; } = string.Empty;

        public string State { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public DateTime Created { get; set; }

        /// <summary>Bytes written in the container's own layer.</summary>
        public long SizeRw { get; set; }

        /// <summary>Bytes of all layers, image included.</summary>
        public long SizeRootFs { get; set; }

        /// <summary>Names of the volumes the container mounts.</summary>
        public string[] Volumes { get; set; } = Array.Empty<string>();

        public override string ToString() => Name.Length > 0 ? Name : Id;
    }

    /// <summary>A volume in the disk usage data.</summary>
    public sealed class DiskUsageVolume
    {
        public string Name { get; set; } = string.Empty;

        public string Driver { get; set; } = string.Empty;

        /// <summary>How many containers reference the volume (-1 when unknown).</summary>
        public long RefCount { get; set; }

        /// <summary>Bytes in the volume (-1 when unknown).</summary>
        public long Size { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>A build cache entry in the disk usage data.</summary>
    public sealed class DiskUsageBuildCache
    {
        public string Id { get; set; } = string.Empty;

        public string Type { get; set; } = string.Empty;

        public string Description { get; set; } = string.Empty;

        public bool InUse { get; set; }

        public bool Shared { get; set; }

        public long Size { get; set; }

        public DateTime? Created { get; set; }

        public DateTime? LastUsed { get; set; }

        public long UsageCount { get; set; }

        public override string ToString() => Id;
    }
}
