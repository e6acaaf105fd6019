using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>
    /// One row of Get-Image, as in docker images: an image under one of its tags (or &lt;none&gt;). An image with
    /// three tags gives three objects with the same Id, so piping one on acts on that tag.
    /// </summary>
    public sealed class DockerImage
    {
        public DockerImage()
        {
        }

        /// <summary>An image known only by reference (repository:tag or id): lets PowerShell turn a typed reference into an image.</summary>
        public DockerImage(string reference)
        {
            Reference = reference ?? string.Empty;
        }

        /// <summary>The image id, sha256:…</summary>
        public string Id { get; set; } = string.Empty;

        /// <summary>The repository of this row's tag, or &lt;none&gt;.</summary>
        public string Repository { get; set; } = "<none>";

        /// <summary>This row's tag, or &lt;none&gt;.</summary>
        public string Tag { get; set; } = "<none>";

        /// <summary>repository:tag, or the id for untagged images: what other cmdlets take.</summary>
        public string Reference { get; set; } = string.Empty;

        /// <summary>Every repository:tag of the image.</summary>
        public string[] RepoTags { get; set; } = Array.Empty<string>();

        /// <summary>Every repository@digest of the image.</summary>
        public string[] RepoDigests { get; set; } = Array.Empty<string>();

        /// <summary>When the image was built, in local time.</summary>
        public DateTime Created { get; set; }

        /// <summary>Bytes of all layers of the image.</summary>
        public long Size { get; set; }

        /// <summary>
        /// Bytes shared with other images; $null when the engine did not compute it (docker's image list does not:
        /// (Get-DockerDiskUsage -Detailed).Images has them).
        /// </summary>
        public long? SharedSize { get; set; }

        /// <summary>Containers created from the image, stopped ones included (Get-Image counts them from one container list).</summary>
        public long Containers { get; set; }

        /// <summary>The parent image id (local builds only).</summary>
        public string? ParentId { get; set; }

        /// <summary>Labels set on the image.</summary>
        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The engine this image lives on.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Reference;
    }
}
