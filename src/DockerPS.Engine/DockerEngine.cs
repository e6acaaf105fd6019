using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerPS.Connection;
using DockerPS.Images;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>IDockerEngine over one Docker.DotNet client pinned to the negotiated API version.</summary>
    internal sealed partial class DockerEngine : IDockerEngine
    {
        private readonly DockerClient _client;

        internal DockerEngine(EngineEndpoint endpoint, DockerClient client, string apiVersion)
        {
            Endpoint = endpoint;
            _client = client;
            ApiVersion = apiVersion;
        }

        public EngineEndpoint Endpoint { get; }

        public string ApiVersion { get; }

        private string Address => Endpoint.Address;

        public async Task<DockerVersion> GetVersionAsync(CancellationToken cancellationToken)
        {
            VersionResponse v = await Call(() => _client.System.GetVersionAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            return new DockerVersion
            {
                Version = v.Version ?? string.Empty,
                ApiVersion = v.APIVersion ?? string.Empty,
                MinApiVersion = v.MinAPIVersion ?? string.Empty,
                ClientApiVersion = ApiVersion,
                Os = v.Os ?? string.Empty,
                Arch = v.Arch ?? string.Empty,
                KernelVersion = v.KernelVersion ?? string.Empty,
                GitCommit = v.GitCommit ?? string.Empty,
                GoVersion = v.GoVersion ?? string.Empty,
                BuildTime = ParseTime(v.BuildTime),
                Experimental = v.Experimental ?? false,
                Engine = Address,
            };
        }

        public async Task<DockerSystemInfo> GetInfoAsync(CancellationToken cancellationToken)
        {
            SystemInfoResponse i = await Call(() => _client.System.GetSystemInfoAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            return new DockerSystemInfo
            {
                Name = i.Name ?? string.Empty,
                Id = i.ID ?? string.Empty,
                ServerVersion = i.ServerVersion ?? string.Empty,
                OperatingSystem = i.OperatingSystem ?? string.Empty,
                OSType = i.OSType ?? string.Empty,
                Architecture = i.Architecture ?? string.Empty,
                KernelVersion = i.KernelVersion ?? string.Empty,
                Cpus = i.NCPU,
                MemoryTotal = i.MemTotal,
                Containers = i.Containers,
                ContainersRunning = i.ContainersRunning,
                ContainersPaused = i.ContainersPaused,
                ContainersStopped = i.ContainersStopped,
                Images = i.Images,
                StorageDriver = i.Driver ?? string.Empty,
                LoggingDriver = i.LoggingDriver ?? string.Empty,
                CgroupDriver = i.CgroupDriver ?? string.Empty,
                CgroupVersion = i.CgroupVersion ?? string.Empty,
                DockerRootDir = i.DockerRootDir ?? string.Empty,
                DefaultRuntime = i.DefaultRuntime ?? string.Empty,
                Runtimes = i.Runtimes?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>(),
                SecurityOptions = i.SecurityOptions?.ToArray() ?? Array.Empty<string>(),
                InsecureRegistries = i.RegistryConfig?.InsecureRegistryCIDRs?.ToArray() ?? Array.Empty<string>(),
                SwarmState = i.Swarm?.LocalNodeState ?? string.Empty,
                Debug = i.Debug,
                LiveRestoreEnabled = i.LiveRestoreEnabled,
                SystemTime = ParseTime(i.SystemTime),
                Labels = i.Labels?.ToArray() ?? Array.Empty<string>(),
                Warnings = i.Warnings?.ToArray() ?? Array.Empty<string>(),
                Engine = Address,
            };
        }

        public async Task<IReadOnlyList<DockerContainer>> ListContainersAsync(ContainerListQuery query, CancellationToken cancellationToken)
        {
            var parameters = new ContainersListParameters { All = query.All, Size = query.Size, Filters = ToFilters(query.Filters) };
            IList<ContainerListResponse> list = await Call(() => _client.Containers.ListContainersAsync(parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return list.Select(ToContainer).ToList();
        }

        public async Task<IReadOnlyList<DockerImage>> ListImagesAsync(ImageListQuery query, CancellationToken cancellationToken)
        {
            var parameters = new ImagesListParameters { All = query.All, Filters = ToFilters(query.Filters) };
            IList<ImagesListResponse> list = await Call(() => _client.Images.ListImagesAsync(parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            var rows = new List<DockerImage>();
            foreach (ImagesListResponse image in list)
            {
                string[] tags = (image.RepoTags ?? new List<string>()).Where(t => t != "<none>:<none>").Select(ImageReference.FamiliarOf).Distinct().ToArray();
                if (tags.Length == 0)
                {
                    rows.Add(ToImage(image, null, tags));
                    continue;
                }

                foreach (string tag in tags)
                {
                    rows.Add(ToImage(image, tag, tags));
                }
            }

            return rows;
        }

        public void Dispose() => _client.Dispose();

        private Task<T> Call<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
            Calls.Run(Endpoint, call, cancellationToken, cancellationToken);

        private Task Call(Func<Task> call, CancellationToken cancellationToken) =>
            Calls.Run(Endpoint, call, cancellationToken, cancellationToken);

        private static IDictionary<string, IDictionary<string, bool>>? ToFilters(IDictionary<string, IList<string>> filters)
        {
            if (filters.Count == 0)
            {
                return null;
            }

            var result = new Dictionary<string, IDictionary<string, bool>>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, IList<string>> f in filters)
            {
                result[f.Key] = f.Value.ToDictionary(v => v, _ => true, StringComparer.Ordinal);
            }

            return result;
        }

        private DockerContainer ToContainer(ContainerListResponse c)
        {
            string[] names = (c.Names ?? new List<string>()).Select(n => n.TrimStart('/')).ToArray();
            return new DockerContainer
            {
                Id = c.ID ?? string.Empty,
                Names = names,
                // Link aliases look like other/alias; the container's own name has no slash.
                Name = names.FirstOrDefault(n => n.IndexOf('/') < 0) ?? names.FirstOrDefault() ?? string.Empty,
                Image = c.Image ?? string.Empty,
                ImageId = c.ImageID ?? string.Empty,
                Command = c.Command ?? string.Empty,
                Created = Local(c.Created),
                State = c.State ?? string.Empty,
                Status = c.Status ?? string.Empty,
                Ports = (c.Ports ?? new List<PortSummary>())
                    .Select(p => new PortMapping
                    {
                        HostIp = string.IsNullOrEmpty(p.IP) ? null : p.IP,
                        HostPort = p.PublicPort,
                        ContainerPort = p.PrivatePort,
                        Protocol = string.IsNullOrEmpty(p.Type) ? "tcp" : p.Type,
                    })
                    .OrderBy(p => p.ContainerPort).ThenBy(p => p.Protocol, StringComparer.Ordinal).ThenBy(p => p.HostIp, StringComparer.Ordinal)
                    .ToArray(),
                Labels = Copy(c.Labels),
                Networks = c.NetworkSettings?.Networks?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>(),
                Mounts = (c.Mounts ?? new List<MountPoint>())
                    .Select(m => new MountSummary
                    {
                        Type = m.Type ?? string.Empty,
                        Name = string.IsNullOrEmpty(m.Name) ? null : m.Name,
                        Source = string.IsNullOrEmpty(m.Source) ? null : m.Source,
                        Destination = m.Destination ?? string.Empty,
                        ReadOnly = !m.RW,
                    })
                    .ToArray(),
                SizeRw = c.SizeRw,
                SizeRootFs = c.SizeRootFs,
                Engine = Address,
            };
        }

        private DockerImage ToImage(ImagesListResponse image, string? tag, string[] allTags)
        {
            string repository = "<none>";
            string tagName = "<none>";
            if (tag != null)
            {
                // The tag follows the last colon after the last slash (a registry port has a colon too).
                int slash = tag.LastIndexOf('/');
                int colon = tag.LastIndexOf(':');
                if (colon > slash)
                {
                    repository = tag.Substring(0, colon);
                    tagName = tag.Substring(colon + 1);
                }
                else
                {
                    repository = tag;
                }
            }

            return new DockerImage
            {
                Id = image.ID ?? string.Empty,
                Repository = repository,
                Tag = tagName,
                Reference = tag ?? image.ID ?? string.Empty,
                RepoTags = allTags,
                RepoDigests = image.RepoDigests?.Where(d => d != "<none>@<none>").ToArray() ?? Array.Empty<string>(),
                Created = Local(image.Created),
                Size = image.Size,
                SharedSize = image.SharedSize < 0 ? null : image.SharedSize, // -1: not computed
                Containers = image.Containers,
                ParentId = string.IsNullOrEmpty(image.ParentID) ? null : image.ParentID,
                Labels = Copy(image.Labels),
                Engine = Address,
            };
        }

        private static Dictionary<string, string> Copy(IDictionary<string, string>? labels) =>
            labels == null
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : new Dictionary<string, string>(labels, StringComparer.Ordinal);

        /// <summary>Engine times are UTC; PowerShell users read local time, as Get-Process shows it.</summary>
        internal static DateTime Local(DateTime time) =>
            time.Kind == DateTimeKind.Local ? time : DateTime.SpecifyKind(time, DateTimeKind.Utc).ToLocalTime();

        internal static DateTime? ParseTime(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t)
                ? t.LocalDateTime
                : (DateTime?)null;
    }
}
