using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>
    /// What the cmdlets need from an engine, in the module's own types. The adapter in DockerPS.Engine.dll
    /// implements it over Docker.DotNet and throws only <see cref="Errors.DockerEngineException"/> and
    /// <see cref="Errors.DockerConnectionException"/>, so no Docker.DotNet type crosses into the cmdlets.
    /// Split by noun into partial files (IDockerEngine.&lt;Noun&gt;.cs), as the adapter is (DockerEngine.&lt;Noun&gt;.cs).
    /// </summary>
    internal partial interface IDockerEngine : IDisposable
    {
        EngineEndpoint Endpoint { get; }

        /// <summary>The API version every request is pinned to, negotiated once on connect.</summary>
        string ApiVersion { get; }

        Task<DockerVersion> GetVersionAsync(CancellationToken cancellationToken);

        Task<DockerSystemInfo> GetInfoAsync(CancellationToken cancellationToken);

        Task<IReadOnlyList<DockerContainer>> ListContainersAsync(ContainerListQuery query, CancellationToken cancellationToken);

        Task<IReadOnlyList<DockerImage>> ListImagesAsync(ImageListQuery query, CancellationToken cancellationToken);
    }

    /// <summary>Creates connected engines; the one entry point the loader looks up by name.</summary>
    internal interface IDockerEngineFactory
    {
        /// <summary>Connects, negotiates the API version and returns a ready engine.</summary>
        Task<IDockerEngine> ConnectAsync(EngineEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken);

        /// <summary>The YAML reader and writer of compose files; needs no engine, so Get-ComposeConfig works offline.</summary>
        Compose.IYamlCodec Yaml { get; }
    }

    /// <summary>GET /containers/json parameters.</summary>
    internal sealed class ContainerListQuery
    {
        public bool All { get; set; }

        public bool Size { get; set; }

        /// <summary>Engine filters: name → accepted values (values are OR-ed, names AND-ed).</summary>
        public IDictionary<string, IList<string>> Filters { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
    }

    /// <summary>GET /images/json parameters.</summary>
    internal sealed class ImageListQuery
    {
        public bool All { get; set; }

        public IDictionary<string, IList<string>> Filters { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
    }
}
