using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using DockerPS.Build.Session;
using DockerPS.Images;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>Images, build and commit over Docker.DotNet.</summary>
    internal sealed partial class DockerEngine
    {
        public async Task<DockerImageDetail> InspectImageAsync(string reference, CancellationToken cancellationToken)
        {
            ImageInspectResponse i = await Call(() => _client.Images.InspectImageAsync(reference, cancellationToken), cancellationToken).ConfigureAwait(false);
            DockerOCIImageConfig? c = i.Config;
            return new DockerImageDetail
            {
                Id = i.ID ?? string.Empty,
                Reference = reference,
                RepoTags = i.RepoTags?.ToArray() ?? Array.Empty<string>(),
                RepoDigests = i.RepoDigests?.ToArray() ?? Array.Empty<string>(),
                Created = i.Created.HasValue ? Local(i.Created.Value) : (DateTime?)null,
                Author = i.Author ?? string.Empty,
                Comment = i.Comment ?? string.Empty,
                Os = i.Os ?? string.Empty,
                Architecture = i.Architecture ?? string.Empty,
                Variant = i.Variant ?? string.Empty,
                Size = i.Size,
                User = c?.User ?? string.Empty,
                WorkingDir = c?.WorkingDir ?? string.Empty,
                Entrypoint = c?.Entrypoint?.ToArray() ?? Array.Empty<string>(),
                Cmd = c?.Cmd?.ToArray() ?? Array.Empty<string>(),
                Env = c?.Env?.ToArray() ?? Array.Empty<string>(),
                ExposedPorts = c?.ExposedPorts?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>(),
                Volumes = c?.Volumes?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>(),
                StopSignal = c?.StopSignal ?? string.Empty,
                Labels = Copy(c?.Labels),
                Layers = i.RootFS?.Layers?.ToArray() ?? Array.Empty<string>(),
                StorageDriver = i.GraphDriver?.Name ?? string.Empty,
                Engine = Address,
            };
        }

        public async Task<IReadOnlyList<DockerImageHistoryEntry>> GetImageHistoryAsync(string reference, CancellationToken cancellationToken)
        {
            IList<ImageHistoryResponse> rows = await Call(() => _client.Images.GetImageHistoryAsync(reference, cancellationToken), cancellationToken).ConfigureAwait(false);
            return rows.Select(h => new DockerImageHistoryEntry
            {
                Id = HistoryId(h.ID),
                Created = Local(h.Created),
                CreatedBy = h.CreatedBy ?? string.Empty,
                Size = h.Size,
                Comment = h.Comment ?? string.Empty,
                Tags = h.Tags?.ToArray() ?? Array.Empty<string>(),
                Image = reference,
                Engine = Address,
            }).ToList();
        }

        /// <summary>
        /// A history row's image id as dockerd and inspect give it: Podman 4.3 lists the bare hex digest (observed), so the
        /// "sha256:" prefix is added to a 64-digit hex id; anything else (dockerd's "&lt;missing&gt;") stays as it is.
        /// </summary>
        private static string HistoryId(string? id) =>
            id != null && id.Length == 64 && id.All(Uri.IsHexDigit) ? "sha256:" + id : id ?? string.Empty;

        public Task TagImageAsync(string source, string repository, string tag, CancellationToken cancellationToken) =>
            Call(() => _client.Images.TagImageAsync(source, new ImageTagParameters { RepositoryName = repository, Tag = tag }, cancellationToken), cancellationToken);

        public async Task<IReadOnlyList<DockerImageRemoval>> RemoveImageAsync(string reference, bool force, bool noPrune, CancellationToken cancellationToken)
        {
            IList<IDictionary<string, string>> rows = await Call(
                () => _client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = force, NoPrune = noPrune }, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            // Podman answers an untag with the stored, fully qualified name (docker.io/me/x:a); dockerd with the familiar
            // one (me/x:a). The familiar form, once each, is what docker rmi prints on both.
            var result = new List<DockerImageRemoval>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (IDictionary<string, string> row in rows)
            {
                foreach (KeyValuePair<string, string> pair in row)
                {
                    string target = pair.Key == "Untagged" ? ImageReference.FamiliarOf(pair.Value) : pair.Value;
                    if (seen.Add(pair.Key + " " + target))
                    {
                        result.Add(new DockerImageRemoval { Action = pair.Key, Target = target, Engine = Address });
                    }
                }
            }

            return result;
        }

        public async Task<DockerImagePruneResult> PruneImagesAsync(IDictionary<string, IList<string>> filters, CancellationToken cancellationToken)
        {
            ImagesPruneResponse r = await Call(
                () => _client.Images.PruneImagesAsync(new ImagesPruneParameters { Filters = ToFilters(filters) }, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            var deleted = new List<DockerImageRemoval>();
            foreach (ImageDeleteResponse d in r.ImagesDeleted ?? new List<ImageDeleteResponse>())
            {
                if (!string.IsNullOrEmpty(d.Untagged))
                {
                    deleted.Add(new DockerImageRemoval { Action = "Untagged", Target = ImageReference.FamiliarOf(d.Untagged!), Engine = Address });
                }

                if (!string.IsNullOrEmpty(d.Deleted))
                {
                    deleted.Add(new DockerImageRemoval { Action = "Deleted", Target = d.Deleted!, Engine = Address });
                }
            }

            return new DockerImagePruneResult { Deleted = deleted.ToArray(), ReclaimedBytes = (long)r.SpaceReclaimed, Engine = Address };
        }

        public Task PullImageAsync(string image, string? tag, string? platform, RegistryAuth? auth, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken)
        {
            var parameters = new ImagesCreateParameters { FromImage = image, Tag = tag, Platform = platform };
            return Call(() => _client.Images.CreateImageAsync(parameters, ToAuthConfig(auth), new ProgressAdapter(progress), cancellationToken), cancellationToken);
        }

        public Task PushImageAsync(string repository, string? tag, string? platform, RegistryAuth? auth, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken)
        {
            var parameters = new ImagePushParameters { Tag = tag, Platform = platform };
            return Call(() => _client.Images.PushImageAsync(repository, parameters, ToAuthConfig(auth), new ProgressAdapter(progress), cancellationToken), cancellationToken);
        }

        public async Task<Stream> SaveImagesAsync(IReadOnlyList<string> references, CancellationToken cancellationToken)
        {
            Stream body = await Call(() => _client.Images.SaveImagesAsync(references.ToArray(), cancellationToken), cancellationToken).ConfigureAwait(false);
            // A body cut off by a dying engine fails its reads with transport errors: those become ConnectionErrors too.
            return new TranslatingStream(body, Endpoint, cancellationToken);
        }

        public Task LoadImagesAsync(Stream tar, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken) =>
            Call(() => _client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = false }, tar, new ProgressAdapter(progress), cancellationToken), cancellationToken);

        public Task ImportRootFileSystemAsync(Stream tar, ImageImportRequest request, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken)
        {
            var parameters = new ImagesCreateParameters
            {
                FromSrc = "-",
                // The tag goes inside repo ("The repo may include a tag", API docs): dockerd takes either form, and
                // Podman 4.3 ignores the separate tag parameter of an import (it would store repo:latest).
                Repo = string.IsNullOrEmpty(request.Repository) || string.IsNullOrEmpty(request.Tag) ? request.Repository : request.Repository + ":" + request.Tag,
                Tag = string.IsNullOrEmpty(request.Repository) ? request.Tag : null,
                Message = request.Message,
                Platform = request.Platform,
                Changes = request.Changes.Count > 0 ? request.Changes.ToList() : null,
            };
            return Call(() => _client.Images.CreateImageAsync(parameters, tar, null, new ProgressAdapter(progress), cancellationToken), cancellationToken);
        }

        public async Task BuildImageAsync(IReadOnlyList<BuildContextEntry> context, ImageBuildRequest request, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken)
        {
            var parameters = new ImageBuildParameters
            {
                Dockerfile = request.Dockerfile,
                Tags = request.Tags.Count > 0 ? request.Tags.ToList() : null,
                BuildArgs = request.BuildArgs.Count > 0 ? new Dictionary<string, string>(request.BuildArgs) : null,
                Labels = request.Labels.Count > 0 ? new Dictionary<string, string>(request.Labels) : null,
                Target = request.Target,
                Platform = request.Platform,
                NoCache = request.NoCache ? true : (bool?)null,
                Pull = request.Pull ? "1" : null,
                NetworkMode = request.NetworkMode,
                CacheFrom = request.CacheFrom.Count > 0 ? request.CacheFrom.ToList() : null,
                Remove = true,
            };
            IEnumerable<AuthConfig> auths = request.Auths.Select(a => ToAuthConfig(a)!).ToList();

            // The context goes to a temp file first: a build context can be large, and a file streams to the engine
            // without holding the tar in memory.
            // A given archive (docker build - < ctx.tar) goes as it is: the engine reads plain and compressed tars.
            bool spooled = request.ContextArchive == null;
            string tarPath = request.ContextArchive ?? Path.Combine(Path.GetTempPath(), "dockerps-context-" + Guid.NewGuid().ToString("N") + ".tar");
            try
            {
                if (spooled)
                {
                    using var file = new FileStream(tarPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.None);
                    await ContextTar.WriteAsync(file, context, cancellationToken).ConfigureAwait(false);
                }

                using var tar = new FileStream(tarPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
                if (request.BuildKit)
                {
                    // Docker.DotNet reads aux as an object, and BuildKit's trace aux is a base64 string: the raw stream it is.
                    await Call(
                        () => request.Session != null ? BuildWithSessionAsync(tar, request, progress, cancellationToken) : BuildRawAsync(tar, request, progress, cancellationToken),
                        cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (request.HasRunOptions)
                {
                    // Docker.DotNet's build parameters lack isolation, cpusetmems and ulimits: the raw request sends them all.
                    await Call(() => BuildRawAsync(tar, request, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
                    return;
                }

                await Call(
                    () => _client.Images.BuildImageFromDockerfileAsync(parameters, tar, auths, new Dictionary<string, string>(), new ProgressAdapter(progress), cancellationToken),
                    cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                try
                {
                    if (spooled)
                    {
                        File.Delete(tarPath);
                    }
                }
                catch (IOException)
                {
                }
            }
        }

        public async Task<BuilderSupport> GetBuilderSupportAsync(CancellationToken cancellationToken)
        {
            IDictionary<string, string> headers = await Call(() => Raw.PingHeadersAsync(Address, cancellationToken), cancellationToken).ConfigureAwait(false);
            return BuilderSupport.FromPing(headers, ApiVersion);
        }

        /// <summary>
        /// A BuildKit build with a session: POST /session first (the engine upgrades it to HTTP/2 and calls back the
        /// methods the session serves), then the build names the session. The session ends with the build; one that
        /// ends before (the engine dropped it) is recorded in BuildSession.Lost for the error.
        /// </summary>
        private async Task BuildWithSessionAsync(Stream tar, ImageBuildRequest request, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken)
        {
            BuildSession session = request.Session!;
            Stream connection = await Raw.OpenSessionAsync(session.Headers(), Address, cancellationToken).ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bool buildOver = false;
            Task serving = Task.Run(async () =>
            {
                try
                {
                    await session.RunAsync(connection, stop.Token).ConfigureAwait(false);
                    if (!Volatile.Read(ref buildOver))
                    {
                        session.Lost = "the engine closed the session connection";
                    }
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    session.Lost = e is IOException || e is InvalidDataException ? e.Message : "the session failed (" + e.GetType().Name + ")";
                }
                catch (Exception)
                {
                    // Stopped on purpose: the build is over or cancelled.
                }
            });
            try
            {
                await BuildRawAsync(tar, request, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref buildOver, true);
                stop.Cancel();
                // Closing the connection ends the session in the engine and wakes a read that ignores the token.
                connection.Dispose();
                await Task.WhenAny(serving, Task.Delay(1000)).ConfigureAwait(false);
            }
        }

        /// <summary>POST /build over the raw stream (version=2 for BuildKit, whose progress is protobuf in base64 aux strings; else the legacy builder).</summary>
        private Task BuildRawAsync(Stream tar, ImageBuildRequest request, IProgress<EngineProgressMessage> progress, CancellationToken cancellationToken)
        {
            var query = new List<KeyValuePair<string, string>>();
            if (request.BuildKit)
            {
                query.Add(new KeyValuePair<string, string>("version", "2"));
            }

            void Add(string key, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    query.Add(new KeyValuePair<string, string>(key, value!));
                }
            }

            foreach (string t in request.Tags)
            {
                Add("t", t);
            }

            Add("dockerfile", request.Dockerfile);
            Add("target", request.Target);
            Add("platform", request.Platform);
            Add("networkmode", request.NetworkMode);
            Add("nocache", request.NoCache ? "1" : null);
            // pull=1 makes BuildKit resolve every FROM at its registry; without it a local image is used as it is.
            Add("pull", request.Pull ? "1" : null);
            Add("rm", "1");
            Add("buildargs", request.BuildArgs.Count > 0 ? JsonSerializer.Serialize(request.BuildArgs) : null);
            Add("labels", request.Labels.Count > 0 ? JsonSerializer.Serialize(request.Labels) : null);
            Add("cachefrom", request.CacheFrom.Count > 0 ? JsonSerializer.Serialize(request.CacheFrom) : null);
            foreach (string h in request.ExtraHosts)
            {
                Add("extrahosts", h);
            }

            Add("isolation", request.Isolation);
            Add("memory", request.Memory?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("memswap", request.MemorySwap?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("cpushares", request.CpuShares?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("cpuperiod", request.CpuPeriod?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("cpuquota", request.CpuQuota?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("cpusetcpus", request.CpusetCpus);
            Add("cpusetmems", request.CpusetMems);
            Add("shmsize", request.ShmSize?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("ulimits", request.Ulimits.Count > 0 ? JsonSerializer.Serialize(request.Ulimits.Select(u => new Dictionary<string, object> { ["Name"] = u.Name, ["Soft"] = u.Soft, ["Hard"] = u.Hard }).ToList()) : null);
            Add("session", request.Session?.Id);
            Add("outputs", request.Session?.Output?.QueryJson);

            var body = new System.Net.Http.StreamContent(tar, 81920);
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
            if (request.Auths.Count > 0)
            {
                // X-Registry-Config: base64url JSON of registry → auth config, as the CLI sends it.
                var configs = request.Auths.ToDictionary(a => a.ServerAddress, a => new Dictionary<string, string?>
                {
                    ["username"] = a.UserName,
                    ["password"] = a.Password,
                    ["identitytoken"] = a.IdentityToken,
                    ["serveraddress"] = a.ServerAddress,
                });
                string json = JsonSerializer.Serialize(configs);
                body.Headers.TryAddWithoutValidation("X-Registry-Config", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).Replace('+', '-').Replace('/', '_'));
            }

            return Raw.PostStreamAsync("build", query, body, Address, line => progress.Report(ToBuildMessage(line)), cancellationToken);
        }

        /// <summary>One line of a BuildKit build stream: a trace (protobuf in base64), the image id, output text or an error.</summary>
        internal static EngineProgressMessage ToBuildMessage(JsonElement line)
        {
            var message = new EngineProgressMessage();
            string? id = line.TryGetProperty("id", out JsonElement i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            if (line.TryGetProperty("stream", out JsonElement stream) && stream.ValueKind == JsonValueKind.String)
            {
                message.Stream = stream.GetString();
            }

            if (line.TryGetProperty("status", out JsonElement status) && status.ValueKind == JsonValueKind.String)
            {
                message.Status = status.GetString();
            }

            if (line.TryGetProperty("errorDetail", out JsonElement detail) && detail.ValueKind == JsonValueKind.Object
                && detail.TryGetProperty("message", out JsonElement dm) && dm.ValueKind == JsonValueKind.String)
            {
                message.Error = dm.GetString();
            }
            else if (line.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String)
            {
                message.Error = error.GetString();
            }

            if (line.TryGetProperty("aux", out JsonElement aux))
            {
                if (id == "moby.buildkit.trace" && aux.ValueKind == JsonValueKind.String)
                {
                    try
                    {
                        message.BuildKitTrace = Convert.FromBase64String(aux.GetString() ?? string.Empty);
                    }
                    catch (FormatException)
                    {
                        // A trace that is not base64 is progress lost, not a failed build.
                    }

                    return message; // no Id: the trace is not a layer row
                }

                if (aux.ValueKind == JsonValueKind.Object && aux.TryGetProperty("ID", out JsonElement imageId) && imageId.ValueKind == JsonValueKind.String)
                {
                    message.AuxId = imageId.GetString();
                    return message;
                }
            }

            message.Id = id;
            return message;
        }

        public async Task<string> CommitContainerAsync(ContainerCommitRequest request, CancellationToken cancellationToken)
        {
            var parameters = new CommitContainerChangesParameters
            {
                ContainerID = request.Container,
                RepositoryName = request.Repository,
                Tag = request.Tag,
                Comment = request.Message,
                Author = request.Author,
                Changes = request.Changes.Count > 0 ? request.Changes.ToList() : null,
                Pause = request.Pause,
            };
            CommitContainerChangesResponse r = await Call(() => _client.Images.CommitContainerChangesAsync(parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return r.ID ?? string.Empty;
        }

        public async Task<string> AuthenticateAsync(RegistryAuth auth, CancellationToken cancellationToken)
        {
            await Call(() => _client.System.AuthenticateAsync(ToAuthConfig(auth)!, cancellationToken), cancellationToken).ConfigureAwait(false);
            return "Login Succeeded";
        }

        private static AuthConfig? ToAuthConfig(RegistryAuth? auth) =>
            auth == null
                ? null
                : new AuthConfig
                {
                    Username = auth.UserName,
                    Password = auth.Password,
                    IdentityToken = auth.IdentityToken,
                    ServerAddress = auth.ServerAddress,
                };

        /// <summary>
        /// Forwards each JSONMessage as the module's own type, synchronously and in order (Progress&lt;T&gt; would post
        /// to the thread pool and could reorder messages).
        /// </summary>
        private sealed class ProgressAdapter : IProgress<JSONMessage>
        {
            private readonly IProgress<EngineProgressMessage> _target;

            internal ProgressAdapter(IProgress<EngineProgressMessage> target) => _target = target;

            public void Report(JSONMessage value)
            {
                var message = new EngineProgressMessage
                {
                    Id = value.ID,
                    Status = value.Status,
                    Stream = value.Stream,
                    Current = value.Progress?.Current,
                    Total = value.Progress?.Total,
                    Error = value.Error?.Message,
                };
                IDictionary<string, object>? aux = value.Aux?.ExtensionData;
                if (aux != null)
                {
                    message.AuxId = AuxString(aux, "ID");
                    message.AuxDigest = AuxString(aux, "Digest");
                }

                _target.Report(message);
            }

            private static string? AuxString(IDictionary<string, object> aux, string key)
            {
                if (!aux.TryGetValue(key, out object? value) || value == null)
                {
                    return null;
                }

                if (value is JsonElement e)
                {
                    return e.ValueKind == JsonValueKind.String ? e.GetString() : e.ToString();
                }

                return value.ToString();
            }
        }
    }
}
