using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Engine
{
    /// <summary>The container lifecycle over Docker.DotNet.</summary>
    internal sealed partial class DockerEngine
    {
        public async Task<DockerContainerDetail> InspectContainerAsync(string reference, CancellationToken cancellationToken)
        {
            ContainerInspectResponse c = await Call(() => _client.Containers.InspectContainerAsync(reference, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return ToDetail(c);
        }

        public async Task<ContainerCreated> CreateContainerAsync(ContainerCreateSpec spec, CancellationToken cancellationToken)
        {
            CreateContainerParameters parameters = ToCreateParameters(spec);
            if (spec.Extra != null && spec.Extra.Count > 0)
            {
                parameters = MergeExtra(parameters, spec.Extra);
            }

            CreateContainerResponse created = await Call(() => _client.Containers.CreateContainerAsync(parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return new ContainerCreated { Id = created.ID, Warnings = created.Warnings?.Where(w => !string.IsNullOrEmpty(w)).ToArray() ?? Array.Empty<string>() };
        }

        public Task<bool> StartContainerAsync(string reference, CancellationToken cancellationToken) =>
            Call(() => _client.Containers.StartContainerAsync(reference, new ContainerStartParameters(), cancellationToken), cancellationToken);

        public async Task<bool> StopContainerAsync(string reference, int? timeoutSeconds, string? signal, CancellationToken cancellationToken)
        {
            // Docker.DotNet leaves value-type defaults out of the query string, so WaitBeforeKillSeconds = 0 never reaches
            // the engine, which then waits its own default (10 s) per container. A zero timeout goes out as t=0 directly.
            if (timeoutSeconds == 0 && (signal == null || ApiAtLeast(1, 42)))
            {
                return await StopOrRestartRawAsync("stop", reference, signal, cancellationToken).ConfigureAwait(false);
            }

            if (signal == null || ApiAtLeast(1, 42))
            {
                var parameters = new ContainerStopParameters { WaitBeforeKillSeconds = (uint?)timeoutSeconds, Signal = signal };
                return await Call(() => _client.Containers.StopContainerAsync(reference, parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            // API < 1.42 has no stop signal: do what the engine does, in three steps.
            DockerContainerDetail before = await InspectContainerAsync(reference, cancellationToken).ConfigureAwait(false);
            if (!before.Running)
            {
                return false;
            }

            try
            {
                await KillContainerAsync(before.Id, signal ?? "SIGKILL", cancellationToken).ConfigureAwait(false);
            }
            catch (DockerEngineException e) when (e.StatusCode == 409)
            {
                return false; // it stopped on its own meanwhile: as the engine's 304
            }

            Task<long> wait = WaitContainerAsync(before.Id, cancellationToken);
            Task delay = Task.Delay(TimeSpan.FromSeconds(timeoutSeconds ?? before.StopTimeout ?? 10), cancellationToken);
            if (await Task.WhenAny(wait, delay).ConfigureAwait(false) != wait)
            {
                try
                {
                    await KillContainerAsync(before.Id, "SIGKILL", cancellationToken).ConfigureAwait(false);
                }
                catch (DockerEngineException e) when (e.StatusCode == 409)
                {
                    // It exited between the wait and the kill.
                }

                await wait.ConfigureAwait(false);
            }

            return true;
        }

        /// <summary>POST /containers/{id}/stop|restart?t=0 over the client's own transport; false when the engine answers 304 (already stopped).</summary>
        private async Task<bool> StopOrRestartRawAsync(string action, string reference, string? signal, CancellationToken cancellationToken)
        {
            var query = new Dictionary<string, string> { ["t"] = "0" };
            if (signal != null)
            {
                query["signal"] = signal;
            }

            try
            {
                using JsonDocument _ = await Call(() => Raw.SendAsync(HttpMethod.Post, "containers/" + Uri.EscapeDataString(reference) + "/" + action, query, Address, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
                return true;
            }
            catch (DockerEngineException e) when (e.StatusCode == 304)
            {
                return false;
            }
        }

        public Task KillContainerAsync(string reference, string? signal, CancellationToken cancellationToken) =>
            Call(() => _client.Containers.KillContainerAsync(reference, new ContainerKillParameters { Signal = signal }, cancellationToken), cancellationToken);

        public async Task RestartContainerAsync(string reference, int? timeoutSeconds, CancellationToken cancellationToken)
        {
            if (timeoutSeconds == 0)
            {
                // t=0 would not reach the engine through Docker.DotNet (see StopContainerAsync).
                await StopOrRestartRawAsync("restart", reference, null, cancellationToken).ConfigureAwait(false);
                return;
            }

            await Call(() => _client.Containers.RestartContainerAsync(reference, new ContainerRestartParameters { WaitBeforeKillSeconds = (uint?)timeoutSeconds }, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }

        public Task PauseContainerAsync(string reference, CancellationToken cancellationToken) =>
            Call(() => _client.Containers.PauseContainerAsync(reference, cancellationToken), cancellationToken);

        public Task UnpauseContainerAsync(string reference, CancellationToken cancellationToken) =>
            Call(() => _client.Containers.UnpauseContainerAsync(reference, cancellationToken), cancellationToken);

        public Task RemoveContainerAsync(string reference, bool force, bool volumes, CancellationToken cancellationToken) =>
            Call(() => _client.Containers.RemoveContainerAsync(reference, new ContainerRemoveParameters { Force = force, RemoveVolumes = volumes }, cancellationToken), cancellationToken);

        public async Task<long> WaitContainerAsync(string reference, CancellationToken cancellationToken)
        {
            ContainerWaitResponse r = await Call(() => _client.Containers.WaitContainerAsync(reference, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(r.Error?.Message))
            {
                throw new DockerEngineException(500, r.Error!.Message ?? "wait failed", Address);
            }

            return r.StatusCode;
        }

        public Task RenameContainerAsync(string reference, string newName, CancellationToken cancellationToken) =>
            Call(() => _client.Containers.RenameContainerAsync(reference, new ContainerRenameParameters { NewName = newName }, cancellationToken), cancellationToken);

        public async Task<string[]> UpdateContainerAsync(string reference, ContainerUpdateSpec update, CancellationToken cancellationToken)
        {
            // Fields left at zero are "unchanged" for the engine; Docker.DotNet omits defaults.
            var parameters = new ContainerUpdateParameters
            {
                Memory = update.Memory ?? 0,
                MemorySwap = update.MemorySwap ?? 0,
                NanoCPUs = update.NanoCpus ?? 0,
                CPUShares = update.CpuShares ?? 0,
                PidsLimit = update.PidsLimit,
            };
            if (update.RestartPolicy != null)
            {
                parameters.RestartPolicy = new RestartPolicy { Name = PolicyKind(update.RestartPolicy), MaximumRetryCount = update.RestartMaximumRetryCount };
            }

            ContainerUpdateResponse r = await Call(() => _client.Containers.UpdateContainerAsync(reference, parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return r.Warnings?.Where(w => !string.IsNullOrEmpty(w)).ToArray() ?? Array.Empty<string>();
        }

        public async Task<(string Stdout, string Stderr)> ReadContainerOutputAsync(string reference, CancellationToken cancellationToken)
        {
            var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true };
            using var stream = await Call(() => _client.Containers.GetContainerLogsAsync(reference, parameters, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            using (cancellationToken.Register(stream.Dispose))
            {
                return await Call(() => stream.ReadOutputToEndAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }

        private bool ApiAtLeast(int major, int minor) =>
            DockerEngineFactory.TryParseApiVersion(ApiVersion, out System.Version v) && v >= new System.Version(major, minor);

        private static RestartPolicyKind PolicyKind(string name) => name switch
        {
            "always" => RestartPolicyKind.Always,
            "unless-stopped" => RestartPolicyKind.UnlessStopped,
            "on-failure" => RestartPolicyKind.OnFailure,
            _ => RestartPolicyKind.No,
        };

        private static string PolicyName(RestartPolicyKind? kind) => kind switch
        {
            RestartPolicyKind.Always => "always",
            RestartPolicyKind.UnlessStopped => "unless-stopped",
            RestartPolicyKind.OnFailure => "on-failure",
            _ => "no",
        };

        private static CreateContainerParameters ToCreateParameters(ContainerCreateSpec spec)
        {
            var exposed = new Dictionary<string, EmptyStruct>(StringComparer.Ordinal);
            var bindings = new Dictionary<string, IList<PortBinding>>(StringComparer.Ordinal);
            foreach (string e in spec.Expose)
            {
                exposed[e] = default;
            }

            foreach (PortBindingSpec p in spec.Ports)
            {
                exposed[p.Key] = default;
                if (!bindings.TryGetValue(p.Key, out IList<PortBinding>? list))
                {
                    list = new List<PortBinding>();
                    bindings[p.Key] = list;
                }

                list.Add(new PortBinding { HostIP = p.HostIp ?? string.Empty, HostPort = p.HostPort?.ToString(CultureInfo.InvariantCulture) ?? string.Empty });
            }

            var host = new HostConfig
            {
                NetworkMode = spec.Network ?? string.Empty,
                PortBindings = bindings.Count > 0 ? bindings : null!,
                Mounts = spec.Mounts.Count > 0 ? spec.Mounts.Select(ToMount).ToList() : null!,
                AutoRemove = spec.AutoRemove,
                ReadonlyRootfs = spec.ReadOnlyRootFilesystem,
                Privileged = spec.Privileged,
                CapAdd = spec.CapAdd.Count > 0 ? spec.CapAdd : null!,
                CapDrop = spec.CapDrop.Count > 0 ? spec.CapDrop : null!,
                Memory = spec.Memory ?? 0,
                MemorySwap = spec.MemorySwap ?? 0,
                NanoCPUs = spec.NanoCpus ?? 0,
                CPUShares = spec.CpuShares ?? 0,
            };
            if (spec.RestartPolicy != null)
            {
                host.RestartPolicy = new RestartPolicy { Name = PolicyKind(spec.RestartPolicy), MaximumRetryCount = spec.RestartMaximumRetryCount };
            }

            var p2 = new CreateContainerParameters
            {
                Name = spec.Name,
                Image = spec.Image,
                Cmd = spec.Command!,
                Entrypoint = spec.Entrypoint!,
                Env = spec.Environment.Count > 0 ? spec.Environment : null!,
                Labels = spec.Labels.Count > 0 ? spec.Labels : null!,
                WorkingDir = spec.WorkingDirectory ?? string.Empty,
                User = spec.User ?? string.Empty,
                Hostname = spec.Hostname ?? string.Empty,
                Tty = spec.Tty,
                OpenStdin = spec.Interactive,
                AttachStdin = spec.Interactive,
                StdinOnce = spec.Interactive,
                ExposedPorts = exposed.Count > 0 ? exposed : null,
                StopSignal = spec.StopSignal,
                StopTimeout = spec.StopTimeoutSeconds.HasValue ? TimeSpan.FromSeconds(spec.StopTimeoutSeconds.Value) : (TimeSpan?)null,
                HostConfig = host,
            };
            if (spec.HealthCheck != null)
            {
                p2.Healthcheck = new HealthcheckConfig
                {
                    Test = spec.HealthCheck.Test,
                    Interval = spec.HealthCheck.Interval,
                    Timeout = spec.HealthCheck.Timeout,
                    StartPeriod = spec.HealthCheck.StartPeriod,
                    Retries = spec.HealthCheck.Retries,
                };
            }

            return p2;
        }

        private static Mount ToMount(MountSpecItem m)
        {
            var mount = new Mount { Type = m.Type, Source = m.Source ?? string.Empty, Target = m.Target, ReadOnly = m.ReadOnly };
            if (m.Type == "bind" && m.BindPropagation != null)
            {
                mount.BindOptions = new BindOptions { Propagation = m.BindPropagation };
            }

            if (m.Type == "volume" && (m.VolumeNoCopy || m.VolumeLabels.Count > 0 || m.VolumeDriver != null))
            {
                mount.VolumeOptions = new VolumeOptions
                {
                    NoCopy = m.VolumeNoCopy ? true : (bool?)null,
                    Labels = m.VolumeLabels.Count > 0 ? m.VolumeLabels : null,
                    DriverConfig = m.VolumeDriver != null ? new Driver { Name = m.VolumeDriver } : null,
                };
            }

            if (m.Type == "tmpfs" && (m.TmpfsSize != null || m.TmpfsMode != null))
            {
                mount.TmpfsOptions = new TmpfsOptions { SizeBytes = m.TmpfsSize, Mode = (uint?)m.TmpfsMode };
            }

            return mount;
        }

        /// <summary>
        /// The -Configuration escape hatch: Engine API field names merged over the create body. A field that the
        /// client's model does not know would be dropped silently, so it is refused instead.
        /// </summary>
        private static CreateContainerParameters MergeExtra(CreateContainerParameters parameters, IDictionary<string, object?> extra)
        {
            JsonNode body = JsonSerializer.SerializeToNode(parameters)!;
            JsonNode overlay = ToNode(extra)!;
            Merge(body, overlay);
            CreateContainerParameters merged;
            try
            {
                merged = body.Deserialize<CreateContainerParameters>()!;
            }
            catch (JsonException e)
            {
                throw new ArgumentException("-Configuration does not fit the Engine API's create body: " + e.Message, e);
            }

            JsonNode roundTrip = JsonSerializer.SerializeToNode(merged)!;
            string? lost = FirstMissing(overlay, roundTrip, string.Empty);
            if (lost != null)
            {
                throw new ArgumentException($"-Configuration names '{lost}', which is not a field of the Engine API's container create body that DockerPS knows.");
            }

            return merged;
        }

        private static void Merge(JsonNode target, JsonNode overlay)
        {
            if (target is JsonObject t && overlay is JsonObject o)
            {
                foreach (KeyValuePair<string, JsonNode?> pair in o.ToList())
                {
                    string key = t.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, pair.Key, StringComparison.OrdinalIgnoreCase)) ?? pair.Key;
                    if (t[key] is JsonObject && pair.Value is JsonObject)
                    {
                        Merge(t[key]!, pair.Value);
                    }
                    else
                    {
                        t[key] = pair.Value?.DeepClone();
                    }
                }
            }
        }

        private static string? FirstMissing(JsonNode overlay, JsonNode actual, string path)
        {
            if (overlay is not JsonObject o)
            {
                return null;
            }

            foreach (KeyValuePair<string, JsonNode?> pair in o)
            {
                JsonNode? match = actual is JsonObject a
                    ? a.FirstOrDefault(p => string.Equals(p.Key, pair.Key, StringComparison.OrdinalIgnoreCase)).Value
                    : null;
                bool present = actual is JsonObject ao && ao.Any(p => string.Equals(p.Key, pair.Key, StringComparison.OrdinalIgnoreCase));
                if (!present)
                {
                    return path + pair.Key;
                }

                if (pair.Value is JsonObject && match != null)
                {
                    string? deeper = FirstMissing(pair.Value, match, path + pair.Key + ".");
                    if (deeper != null)
                    {
                        return deeper;
                    }
                }
            }

            return null;
        }

        private static JsonNode? ToNode(object? value) => value switch
        {
            null => null,
            IDictionary<string, object?> d => new JsonObject(d.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, ToNode(p.Value)))),
            string s => JsonValue.Create(s),
            bool b => JsonValue.Create(b),
            int i => JsonValue.Create(i),
            long l => JsonValue.Create(l),
            double dbl => JsonValue.Create(dbl),
            System.Collections.IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToNode).ToArray()),
            _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
        };

        private DockerContainerDetail ToDetail(ContainerInspectResponse c)
        {
            ContainerConfig config = c.Config ?? new ContainerConfig();
            HostConfig host = c.HostConfig ?? new HostConfig();
            State state = c.State ?? new State();
            var ports = new List<PortMapping>();
            foreach (KeyValuePair<string, IList<PortBinding>> p in host.PortBindings ?? new Dictionary<string, IList<PortBinding>>())
            {
                (int port, string proto) = SplitPortKey(p.Key);
                foreach (PortBinding b in p.Value ?? new List<PortBinding>())
                {
                    ports.Add(new PortMapping
                    {
                        ContainerPort = port,
                        Protocol = proto,
                        HostIp = string.IsNullOrEmpty(b.HostIP) ? null : b.HostIP,
                        HostPort = int.TryParse(b.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out int hp) ? hp : (int?)null,
                    });
                }
            }

            foreach (string key in (config.ExposedPorts ?? new Dictionary<string, EmptyStruct>()).Keys)
            {
                (int port, string proto) = SplitPortKey(key);
                if (!ports.Any(x => x.ContainerPort == port && x.Protocol == proto))
                {
                    ports.Add(new PortMapping { ContainerPort = port, Protocol = proto });
                }
            }

            string[] entrypoint = config.Entrypoint?.ToArray() ?? Array.Empty<string>();
            string[] cmd = config.Cmd?.ToArray() ?? Array.Empty<string>();
            HealthcheckConfig? hc = config.Healthcheck;
            return new DockerContainerDetail
            {
                Id = c.ID ?? string.Empty,
                Name = (c.Name ?? string.Empty).TrimStart('/'),
                Image = config.Image ?? string.Empty,
                ImageId = c.Image ?? string.Empty,
                Created = Local(c.Created),
                State = state.Status ?? string.Empty,
                Running = state.Running,
                Paused = state.Paused,
                Restarting = state.Restarting,
                OomKilled = state.OOMKilled,
                Pid = (int)state.Pid,
                ExitCode = state.ExitCode,
                Error = string.IsNullOrEmpty(state.Error) ? null : state.Error,
                StartedAt = EngineTime(state.StartedAt),
                FinishedAt = EngineTime(state.FinishedAt),
                Health = state.Health?.Status,
                RestartCount = c.RestartCount,
                Command = entrypoint.Concat(cmd).ToArray(),
                Entrypoint = entrypoint,
                Cmd = cmd,
                Environment = config.Env?.ToArray() ?? Array.Empty<string>(),
                Labels = Copy(config.Labels),
                WorkingDirectory = config.WorkingDir ?? string.Empty,
                User = config.User ?? string.Empty,
                Hostname = config.Hostname ?? string.Empty,
                Tty = config.Tty,
                Interactive = config.OpenStdin,
                StopSignal = string.IsNullOrEmpty(config.StopSignal) ? null : config.StopSignal,
                StopTimeout = config.StopTimeout.HasValue ? (int)config.StopTimeout.Value.TotalSeconds : (int?)null,
                NetworkMode = host.NetworkMode ?? string.Empty,
                Networks = (c.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
                    .ToDictionary(n => n.Key, n => n.Value?.IPAddress ?? string.Empty, StringComparer.Ordinal),
                Ports = ports.OrderBy(p => p.ContainerPort).ThenBy(p => p.Protocol, StringComparer.Ordinal).ToArray(),
                Mounts = (c.Mounts ?? new List<MountPoint>()).Select(m => new MountSummary
                {
                    Type = m.Type ?? string.Empty,
                    Name = string.IsNullOrEmpty(m.Name) ? null : m.Name,
                    Source = string.IsNullOrEmpty(m.Source) ? null : m.Source,
                    Destination = m.Destination ?? string.Empty,
                    ReadOnly = !m.RW,
                }).ToArray(),
                RestartPolicy = PolicyName(host.RestartPolicy?.Name),
                RestartMaximumRetryCount = host.RestartPolicy?.MaximumRetryCount ?? 0,
                Memory = host.Memory,
                MemorySwap = host.MemorySwap,
                Cpus = host.NanoCPUs / 1e9,
                CpuShares = host.CPUShares,
                AutoRemove = host.AutoRemove,
                ReadOnlyRootFilesystem = host.ReadonlyRootfs,
                Privileged = host.Privileged,
                CapAdd = host.CapAdd?.ToArray() ?? Array.Empty<string>(),
                CapDrop = host.CapDrop?.ToArray() ?? Array.Empty<string>(),
                HealthCheck = hc == null || hc.Test == null ? null : new HealthCheckSpec
                {
                    Test = hc.Test.ToList(),
                    Interval = hc.Interval,
                    Timeout = hc.Timeout,
                    StartPeriod = hc.StartPeriod,
                    Retries = hc.Retries.HasValue ? (int)hc.Retries.Value : (int?)null,
                },
                LogPath = c.LogPath ?? string.Empty,
                Engine = Address,
            };
        }

        private static (int Port, string Protocol) SplitPortKey(string key)
        {
            int slash = key.IndexOf('/');
            string number = slash < 0 ? key : key.Substring(0, slash);
            return (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int port) ? port : 0, slash < 0 ? "tcp" : key.Substring(slash + 1));
        }

        /// <summary>Engine timestamps; the zero time (0001-01-01) means "never".</summary>
        private static DateTime? EngineTime(string? text)
        {
            DateTime? t = ParseTime(text);
            return t.HasValue && t.Value.Year > 1 ? t : null;
        }
    }
}
