using System;
using System.Collections.Generic;

namespace DockerPS.Models
{
    /// <summary>Get-ImageDetail: what docker image inspect shows.</summary>
    public sealed class DockerImageDetail
    {
        /// <summary>The image id, sha256:…</summary>
        public string Id { get; set; } = string.Empty;

        /// <summary>The reference the image was asked for by.</summary>
        public string Reference { get; set; } = string.Empty;

        public string[] RepoTags { get; set; } = Array.Empty<string>();

        public string[] RepoDigests { get; set; } = Array.Empty<string>();

        /// <summary>When the image was built, in local time.</summary>
        public DateTime? Created { get; set; }

        public string Author { get; set; } = string.Empty;

        public string Comment { get; set; } = string.Empty;

        public string Os { get; set; } = string.Empty;

        public string Architecture { get; set; } = string.Empty;

        public string Variant { get; set; } = string.Empty;

        /// <summary>Bytes of all layers.</summary>
        public long Size { get; set; }

        public string User { get; set; } = string.Empty;

        public string WorkingDir { get; set; } = string.Empty;

        public string[] Entrypoint { get; set; } = Array.Empty<string>();

        public string[] Cmd { get; set; } = Array.Empty<string>();

        /// <summary>NAME=value entries.</summary>
        public string[] Env { get; set; } = Array.Empty<string>();

        /// <summary>port/protocol entries, such as 80/tcp.</summary>
        public string[] ExposedPorts { get; set; } = Array.Empty<string>();

        public string[] Volumes { get; set; } = Array.Empty<string>();

        public string StopSignal { get; set; } = string.Empty;

        public Dictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The layer digests of the root filesystem, lowest first.</summary>
        public string[] Layers { get; set; } = Array.Empty<string>();

        public string StorageDriver { get; set; } = string.Empty;

        /// <summary>The engine this image lives on.</summary>
        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Reference;
    }

    /// <summary>One row of Get-ImageHistory (docker history): a layer and the instruction that made it.</summary>
    public sealed class DockerImageHistoryEntry
    {
        /// <summary>The id of the image this step made, or &lt;missing&gt; for layers that came from a registry.</summary>
        public string Id { get; set; } = string.Empty;

        public DateTime Created { get; set; }

        public string CreatedBy { get; set; } = string.Empty;

        /// <summary>Bytes this layer adds.</summary>
        public long Size { get; set; }

        public string Comment { get; set; } = string.Empty;

        public string[] Tags { get; set; } = Array.Empty<string>();

        /// <summary>The image whose history this is.</summary>
        public string Image { get; set; } = string.Empty;

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => CreatedBy;
    }

    /// <summary>What Remove-Image and Invoke-ImagePrune did to one image: Untagged a reference or Deleted an image or layer.</summary>
    public sealed class DockerImageRemoval
    {
        /// <summary>Untagged or Deleted.</summary>
        public string Action { get; set; } = string.Empty;

        /// <summary>The untagged reference, or the deleted image or layer id.</summary>
        public string Target { get; set; } = string.Empty;

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Action + ": " + Target;
    }

    /// <summary>The result of Invoke-ImagePrune (docker image prune).</summary>
    public sealed class DockerImagePruneResult
    {
        public DockerImageRemoval[] Deleted { get; set; } = Array.Empty<DockerImageRemoval>();

        /// <summary>Bytes of disk space freed.</summary>
        public long ReclaimedBytes { get; set; }

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Deleted.Length + " removed, " + ReclaimedBytes + " bytes reclaimed";
    }

    /// <summary>Connect-DockerRegistry's answer: the registry, the user and where the login is kept. The password is never kept here.</summary>
    public sealed class DockerRegistryLogin
    {
        public string Registry { get; set; } = string.Empty;

        public string UserName { get; set; } = string.Empty;

        /// <summary>The engine's answer, such as "Login Succeeded".</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>Where the login is kept: the config.json path, the credential helper (docker-credential-…), or Session (-SessionOnly).</summary>
        public string Store { get; set; } = string.Empty;

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => UserName + "@" + Registry;
    }
}
