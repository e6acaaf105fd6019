using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>Image and registry operations (docker image …, build, commit, login), in the module's own types.</summary>
    internal partial interface IDockerEngine
    {
        /// <summary>GET /images/{name}/json.</summary>
        Task<DockerImageDetail> InspectImageAsync(string reference, CancellationToken cancellationToken);

        /// <summary>GET /images/{name}/history, newest layer first.</summary>
        Task<IReadOnlyList<DockerImageHistoryEntry>> GetImageHistoryAsync(string reference, CancellationToken cancellationToken);

        /// <summary>POST /images/{name}/tag.</summary>
        Task TagImageAsync(string source, string repository, string tag, CancellationToken cancellationToken);

        /// <summary>DELETE /images/{name}: what was untagged and what was deleted.</summary>
        Task<IReadOnlyList<DockerImageRemoval>> RemoveImageAsync(string reference, bool force, bool noPrune, CancellationToken cancellationToken);

        /// <summary>POST /images/prune.</summary>
        Task<DockerImagePruneResult> PruneImagesAsync(IDictionary<string, IList<string>> filters, CancellationToken cancellationToken);

        /// <summary>
        /// POST /images/create?fromImage=… (pull). Progress messages, including the errors the engine reports inside the
        /// stream, go to <paramref name="progress"/>; the call itself throws only for HTTP errors.
        /// </summary>
        Task PullImageAsync(string image, string? tag, string? platform, RegistryAuth? auth, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken);

        /// <summary>POST /images/{name}/push. A null tag pushes every tag of the repository.</summary>
        Task PushImageAsync(string repository, string? tag, string? platform, RegistryAuth? auth, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken);

        /// <summary>GET /images/get?names=…: the docker save tar as a stream the caller copies and disposes.</summary>
        Task<Stream> SaveImagesAsync(IReadOnlyList<string> references, CancellationToken cancellationToken);

        /// <summary>POST /images/load: streams <paramref name="tar"/> into the engine.</summary>
        Task LoadImagesAsync(Stream tar, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken);

        /// <summary>POST /images/create?fromSrc=- (docker import): a root filesystem tar becomes a one-layer image.</summary>
        Task ImportRootFileSystemAsync(Stream tar, ImageImportRequest request, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken);

        /// <summary>
        /// POST /build. The adapter writes <paramref name="context"/> (already filtered by .dockerignore) as a tar and
        /// streams it to the engine.
        /// </summary>
        Task BuildImageAsync(IReadOnlyList<BuildContextEntry> context, ImageBuildRequest request, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken);

        /// <summary>
        /// Whether the engine offers BuildKit through POST /build?version=2 without a session: GET /_ping's
        /// Builder-Version when the engine sends it, else a Linux Docker engine of API 1.39 or later (Podman builds
        /// with Buildah and has no BuildKit).
        /// </summary>
        Task<BuilderSupport> GetBuilderSupportAsync(CancellationToken cancellationToken);

        /// <summary>POST /commit: returns the new image id.</summary>
        Task<string> CommitContainerAsync(ContainerCommitRequest request, CancellationToken cancellationToken);

        /// <summary>POST /auth: checks the credentials against the registry through the engine; returns the engine's status text.</summary>
        Task<string> AuthenticateAsync(RegistryAuth auth, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Credentials for one registry. The password is only ever sent to the engine (in X-Registry-Auth or POST /auth);
    /// ToString never shows it.
    /// </summary>
    internal sealed class RegistryAuth
    {
        public RegistryAuth(string serverAddress, string? userName, string? password, string? identityToken = null)
        {
            ServerAddress = serverAddress;
            UserName = userName;
            Password = password;
            IdentityToken = identityToken;
        }

        public string ServerAddress { get; }

        public string? UserName { get; }

        public string? Password { get; }

        public string? IdentityToken { get; }

        /// <summary>Where these credentials came from: -Credential, the session's login, or the docker config file.</summary>
        public string Source { get; set; } = string.Empty;

        public override string ToString() => (UserName ?? "<token>") + "@" + ServerAddress;
    }

    /// <summary>One message of the engine's JSON progress stream (pull, push, load, import, build).</summary>
    internal sealed class EngineProgressMessage
    {
        /// <summary>The layer or item id the message is about (pull/push), or null.</summary>
        public string? Id { get; set; }

        public string? Status { get; set; }

        /// <summary>Build and load output text ("Step 1/3 : FROM …", "Loaded image: …").</summary>
        public string? Stream { get; set; }

        public long? Current { get; set; }

        public long? Total { get; set; }

        /// <summary>The error the engine reported inside the stream (the error / errorDetail fields).</summary>
        public string? Error { get; set; }

        /// <summary>The aux ID of a build (the built image id).</summary>
        public string? AuxId { get; set; }

        /// <summary>The protobuf StatusResponse of a BuildKit build's "moby.buildkit.trace" line, decoded from base64.</summary>
        public byte[]? BuildKitTrace { get; set; }

        /// <summary>The aux Digest of a push.</summary>
        public string? AuxDigest { get; set; }
    }

    /// <summary>docker import parameters.</summary>
    internal sealed class ImageImportRequest
    {
        public string? Repository { get; set; }

        public string? Tag { get; set; }

        public string? Message { get; set; }

        public IList<string> Changes { get; } = new List<string>();

        public string? Platform { get; set; }
    }

    /// <summary>One file or folder of a build context.</summary>
    internal sealed class BuildContextEntry
    {
        public BuildContextEntry(string relativePath, string fullPath, bool isDirectory)
        {
            RelativePath = relativePath;
            FullPath = fullPath;
            IsDirectory = isDirectory;
        }

        /// <summary>The path inside the context, with forward slashes and no leading slash.</summary>
        public string RelativePath { get; }

        public string FullPath { get; }

        public bool IsDirectory { get; }
    }

    /// <summary>docker build parameters.</summary>
    internal sealed class ImageBuildRequest
    {
        public string Dockerfile { get; set; } = "Dockerfile";

        public IList<string> Tags { get; } = new List<string>();

        public IDictionary<string, string> BuildArgs { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public string? Target { get; set; }

        public string? Platform { get; set; }

        public bool NoCache { get; set; }

        public bool Pull { get; set; }

        /// <summary>Build with BuildKit (version=2) rather than the legacy builder; see <see cref="IDockerEngine.GetBuilderSupportAsync"/>.</summary>
        public bool BuildKit { get; set; }

        /// <summary>The network of RUN steps (networkmode): default, none, host or a network name; null leaves it to the engine.</summary>
        public string? NetworkMode { get; set; }

        /// <summary>Images whose layers (or inline BuildKit cache) the build may reuse.</summary>
        public IList<string> CacheFrom { get; } = new List<string>();

        /// <summary>Registry credentials for FROM images, keyed by registry.</summary>
        public IList<RegistryAuth> Auths { get; } = new List<RegistryAuth>();

        /// <summary>A BuildKit session to open (POST /session) and name in the build (secrets); null for none.</summary>
        public DockerPS.Build.Session.BuildSession? Session { get; set; }

        /// <summary>A tar archive (optionally compressed) to send as the context as it is, instead of the entries; null for none.</summary>
        public string? ContextArchive { get; set; }

        /// <summary>host:ip entries for /etc/hosts of RUN steps (extrahosts).</summary>
        public IList<string> ExtraHosts { get; } = new List<string>();

        /// <summary>The isolation of RUN steps (Windows engines: process, hyperv or default).</summary>
        public string? Isolation { get; set; }

        /// <summary>Memory limit of RUN steps in bytes (memory).</summary>
        public long? Memory { get; set; }

        /// <summary>Memory plus swap limit in bytes, -1 unlimited (memswap).</summary>
        public long? MemorySwap { get; set; }

        /// <summary>Relative CPU weight (cpushares).</summary>
        public long? CpuShares { get; set; }

        /// <summary>CFS period in microseconds (cpuperiod).</summary>
        public long? CpuPeriod { get; set; }

        /// <summary>CFS quota in microseconds (cpuquota).</summary>
        public long? CpuQuota { get; set; }

        /// <summary>CPUs RUN steps may use (cpusetcpus).</summary>
        public string? CpusetCpus { get; set; }

        /// <summary>Memory nodes RUN steps may use (cpusetmems).</summary>
        public string? CpusetMems { get; set; }

        /// <summary>Size of /dev/shm in bytes (shmsize).</summary>
        public long? ShmSize { get; set; }

        /// <summary>True when a run option (add-host … ulimit) is set.</summary>
        public bool HasRunOptions => ExtraHosts.Count > 0 || Isolation != null || Memory != null || MemorySwap != null || CpuShares != null || CpuPeriod != null
            || CpuQuota != null || CpusetCpus != null || CpusetMems != null || ShmSize != null || Ulimits.Count > 0;

        /// <summary>Resource limits of RUN steps (ulimits, JSON).</summary>
        public IList<DockerPS.Models.UlimitSpec> Ulimits { get; } = new List<DockerPS.Models.UlimitSpec>();
    }

    /// <summary>Whether an engine builds with BuildKit through POST /build?version=2, and why (for -Verbose and errors).</summary>
    internal sealed class BuilderSupport
    {
        public BuilderSupport(bool buildKit, string reason)
        {
            BuildKit = buildKit;
            Reason = reason;
        }

        public bool BuildKit { get; }

        public string Reason { get; }

        /// <summary>The decision from GET /_ping's headers and the negotiated API version.</summary>
        public static BuilderSupport FromPing(IDictionary<string, string> headers, string apiVersion)
        {
            // Podman 4.3 sends an empty Builder-Version and ignores version=2 (it answers with Buildah's classic stream).
            if (headers.ContainsKey("Libpod-Api-Version") || (headers.TryGetValue("Server", out string? server) && server.IndexOf("Libpod", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return new BuilderSupport(false, "Podman builds with Buildah, not BuildKit");
            }

            if (headers.TryGetValue("Builder-Version", out string? builder) && builder.Trim().Length > 0)
            {
                return builder.Trim() == "2"
                    ? new BuilderSupport(true, "the engine's /_ping says Builder-Version 2")
                    : new BuilderSupport(false, "the engine's /_ping says Builder-Version " + builder.Trim());
            }

            string os = headers.TryGetValue("Ostype", out string? o) ? o.Trim() : string.Empty;
            if (os.Length > 0 && !string.Equals(os, "linux", StringComparison.OrdinalIgnoreCase))
            {
                return new BuilderSupport(false, "the engine runs " + os + " containers, and BuildKit builds Linux ones only");
            }

            // BuildKit came into dockerd with API 1.39 (Docker 18.09); older engines ignore version=2.
            if (!System.Version.TryParse(apiVersion, out System.Version? api) || api < new System.Version(1, 39))
            {
                return new BuilderSupport(false, "the engine's API " + apiVersion + " is older than 1.39");
            }

            return new BuilderSupport(true, "a Linux Docker engine with API " + apiVersion);
        }
    }

    /// <summary>docker commit parameters.</summary>
    internal sealed class ContainerCommitRequest
    {
        public string Container { get; set; } = string.Empty;

        public string? Repository { get; set; }

        public string? Tag { get; set; }

        public string? Message { get; set; }

        public string? Author { get; set; }

        public IList<string> Changes { get; } = new List<string>();

        public bool Pause { get; set; } = true;
    }
}
