using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
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
            JsonObject body = ClientJson(parameters);
            if (spec.MacAddress != null)
            {
                // API < 1.44 reads the MAC address from the config, which the client's model no longer has.
                body["MacAddress"] = spec.MacAddress;
            }

            if (spec.Extra != null && spec.Extra.Count > 0)
            {
                JsonNode overlay = ToNode(spec.Extra)!;
                CheckExtra(parameters, overlay);
                Merge(body, overlay);
            }

            // Sent directly: the create query takes a platform, and the body a MAC address, that the client cannot send.
            var query = new Dictionary<string, string>();
            if (!string.IsNullOrEmpty(spec.Name))
            {
                query["name"] = spec.Name!;
            }

            if (!string.IsNullOrEmpty(spec.Platform))
            {
                query["platform"] = spec.Platform!;
            }

            using JsonDocument answer = await Call(() => Raw.SendAsync(HttpMethod.Post, "containers/create", query, Address, cancellationToken, body.ToJsonString()), cancellationToken)
                .ConfigureAwait(false);
            JsonElement root = answer.RootElement;
            string id = root.TryGetProperty("Id", out JsonElement i) ? i.GetString() ?? string.Empty : string.Empty;
            var warnings = new List<string>();
            if (root.TryGetProperty("Warnings", out JsonElement w) && w.ValueKind == JsonValueKind.Array)
            {
                warnings.AddRange(w.EnumerateArray().Select(x => x.GetString() ?? string.Empty).Where(x => x.Length > 0));
            }

            return new ContainerCreated { Id = id, Warnings = warnings.ToArray() };
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
                Binds = spec.Binds.Count > 0 ? spec.Binds : null!,
                Mounts = spec.Mounts.Count > 0 ? spec.Mounts.Select(ToMount).ToList() : null!,
                Tmpfs = spec.Tmpfs.Count > 0 ? spec.Tmpfs : null!,
                AutoRemove = spec.AutoRemove,
                ReadonlyRootfs = spec.ReadOnlyRootFilesystem,
                Privileged = spec.Privileged,
                CapAdd = spec.CapAdd.Count > 0 ? spec.CapAdd : null!,
                CapDrop = spec.CapDrop.Count > 0 ? spec.CapDrop : null!,
                Memory = spec.Memory ?? 0,
                MemorySwap = spec.MemorySwap ?? 0,
                MemoryReservation = spec.MemoryReservation ?? 0,
                NanoCPUs = spec.NanoCpus ?? 0,
                CPUShares = spec.CpuShares ?? 0,
                CPUPeriod = spec.CpuPeriod ?? 0,
                CPUQuota = spec.CpuQuota ?? 0,
                CpusetCpus = spec.CpusetCpus ?? string.Empty,
                CpusetMems = spec.CpusetMems ?? string.Empty,
                BlkioWeight = spec.BlkioWeight ?? 0,
                OomKillDisable = spec.OomKillDisable,
                OomScoreAdj = spec.OomScoreAdj ?? 0,
                // 0 (no limit) unless given, as the docker CLI sends it: Podman applies its own default (pids_limit 2048)
                // to a create without one (measured), dockerd reads 0 and none alike.
                PidsLimit = spec.PidsLimit ?? 0,
                ShmSize = spec.ShmSize ?? 0,
                Isolation = spec.Isolation ?? string.Empty,
                PublishAllPorts = spec.PublishAllPorts,
                Init = spec.Init,
                ExtraHosts = spec.ExtraHosts.Count > 0 ? spec.ExtraHosts : null!,
                DNS = spec.Dns.Count > 0 ? spec.Dns : null!,
                DNSSearch = spec.DnsSearch.Count > 0 ? spec.DnsSearch : null!,
                DNSOptions = spec.DnsOptions.Count > 0 ? spec.DnsOptions : null!,
                Ulimits = spec.Ulimits.Count > 0 ? spec.Ulimits.Select(u => new Ulimit { Name = u.Name, Soft = u.Soft, Hard = u.Hard }).ToList() : null!,
                Devices = spec.Devices.Count > 0
                    ? spec.Devices.Select(d => new DeviceMapping { PathOnHost = d.PathOnHost, PathInContainer = d.PathInContainer, CgroupPermissions = d.CgroupPermissions }).ToList()
                    : null!,
                DeviceRequests = spec.Gpus == null ? null! : new List<DeviceRequest>
                {
                    new DeviceRequest
                    {
                        Driver = spec.Gpus.Driver,
                        Count = spec.Gpus.Count,
                        DeviceIDs = spec.Gpus.DeviceIds!,
                        Capabilities = new List<IList<string>> { spec.Gpus.Capabilities },
                        Options = spec.Gpus.Options,
                    },
                },
                LogConfig = spec.LogDriver != null || spec.LogOptions.Count > 0
                    ? new LogConfig { Type = spec.LogDriver ?? string.Empty, Config = spec.LogOptions }
                    : null!,
                Sysctls = spec.Sysctls.Count > 0 ? spec.Sysctls : null!,
                SecurityOpt = spec.SecurityOptions.Count > 0 ? spec.SecurityOptions : null!,
                StorageOpt = spec.StorageOptions.Count > 0 ? spec.StorageOptions : null!,
                IpcMode = spec.IpcMode ?? string.Empty,
                PidMode = spec.PidMode ?? string.Empty,
                UTSMode = spec.UtsMode ?? string.Empty,
                UsernsMode = spec.UsernsMode ?? string.Empty,
                CgroupnsMode = spec.CgroupnsMode ?? string.Empty,
                VolumesFrom = spec.VolumesFrom.Count > 0 ? spec.VolumesFrom : null!,
                Runtime = spec.Runtime ?? string.Empty,
                GroupAdd = spec.GroupAdd.Count > 0 ? spec.GroupAdd : null!,

                // docker create always sends a policy; an unset one is "no", which the engine then stores.
                RestartPolicy = new RestartPolicy { Name = PolicyKind(spec.RestartPolicy ?? "no"), MaximumRetryCount = spec.RestartMaximumRetryCount },
            };

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
                AttachStdin = spec.Interactive && spec.AttachOutput,
                AttachStdout = spec.AttachOutput,
                AttachStderr = spec.AttachOutput,
                StdinOnce = spec.Interactive && spec.AttachOutput,
                ExposedPorts = exposed.Count > 0 ? exposed : null,
                Volumes = spec.AnonymousVolumes.Count > 0 ? spec.AnonymousVolumes.ToDictionary(v => v, _ => default(EmptyStruct), StringComparer.Ordinal) : null!,
                StopSignal = spec.StopSignal,
                StopTimeout = spec.StopTimeoutSeconds.HasValue ? TimeSpan.FromSeconds(spec.StopTimeoutSeconds.Value) : (TimeSpan?)null,
                HostConfig = host,
            };
            if (spec.NetworkAliases.Count > 0 || spec.IPv4Address != null || spec.IPv6Address != null)
            {
                var endpoint = new EndpointSettings
                {
                    Aliases = spec.NetworkAliases.Count > 0 ? spec.NetworkAliases : null!,
                    IPAMConfig = spec.IPv4Address != null || spec.IPv6Address != null
                        ? new EndpointIPAMConfig { IPv4Address = spec.IPv4Address ?? string.Empty, IPv6Address = spec.IPv6Address ?? string.Empty }
                        : null!,
                };
                p2.NetworkingConfig = new NetworkingConfig
                {
                    EndpointsConfig = new Dictionary<string, EndpointSettings> { [string.IsNullOrEmpty(spec.Network) ? "default" : spec.Network!] = endpoint },
                };
            }

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
            var mount = new Mount { Type = m.Type, Source = m.Source ?? string.Empty, Target = m.Target, ReadOnly = m.ReadOnly, Consistency = m.Consistency ?? string.Empty };
            if (m.Type == "bind" && (m.BindPropagation != null || m.BindNonRecursive))
            {
                mount.BindOptions = new BindOptions { Propagation = m.BindPropagation ?? string.Empty, NonRecursive = m.BindNonRecursive };
            }

            if (m.Type == "volume" && (m.VolumeNoCopy || m.VolumeLabels.Count > 0 || m.VolumeDriver != null || m.VolumeDriverOptions.Count > 0))
            {
                mount.VolumeOptions = new VolumeOptions
                {
                    NoCopy = m.VolumeNoCopy ? true : (bool?)null,
                    Labels = m.VolumeLabels.Count > 0 ? m.VolumeLabels : null!,
                    DriverConfig = m.VolumeDriver != null || m.VolumeDriverOptions.Count > 0
                        ? new Driver { Name = m.VolumeDriver ?? string.Empty, Options = m.VolumeDriverOptions.Count > 0 ? m.VolumeDriverOptions : null! }
                        : null!,
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
        /// client's model does not know would be dropped silently, and a value of the wrong type would fail deep in
        /// the serializer, so both are refused here with the field's name.
        /// </summary>
        private static void CheckExtra(CreateContainerParameters parameters, JsonNode overlay)
        {
            JsonNode body = JsonSerializer.SerializeToNode(parameters)!;
            Merge(body, overlay);
            CreateContainerParameters merged;
            try
            {
                merged = body.Deserialize<CreateContainerParameters>()!;
            }
            catch (JsonException e)
            {
                string field = (e.Path ?? string.Empty).TrimStart('$', '.');
                string expected = ExpectedKind(typeof(CreateContainerParameters), field);
                throw new ArgumentException(field.Length > 0
                    ? $"-Configuration: the value of '{field}' has the wrong type; the Engine API expects {expected}."
                    : "-Configuration does not fit the Engine API's create body.", e);
            }

            JsonNode roundTrip = JsonSerializer.SerializeToNode(merged)!;
            string? lost = FirstMissing(overlay, roundTrip, string.Empty);
            if (lost != null)
            {
                throw new ArgumentException($"-Configuration names '{lost}', which is not a field of the Engine API's container create body that DockerPS knows.");
            }
        }

        /// <summary>Describes the JSON kind of the model property at a dotted path, for error messages.</summary>
        private static string ExpectedKind(Type type, string path)
        {
            Type current = type;
            foreach (string part in path.Split('.'))
            {
                string name = part.Split('[')[0];
                System.Reflection.PropertyInfo? property = current.GetProperties().FirstOrDefault(p =>
                    string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), true)
                        .Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().FirstOrDefault()?.Name, name, StringComparison.OrdinalIgnoreCase));
                if (property == null)
                {
                    return "another type";
                }

                current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            }

            if (current == typeof(string))
            {
                return "a string";
            }

            if (current == typeof(bool))
            {
                return "$true or $false";
            }

            if (current.IsPrimitive || current == typeof(TimeSpan))
            {
                return "a number";
            }

            if (typeof(System.Collections.IDictionary).IsAssignableFrom(current) || current.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
                || (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
            {
                return "a hashtable";
            }

            if (typeof(System.Collections.IEnumerable).IsAssignableFrom(current))
            {
                return "a list";
            }

            return "a hashtable of its fields";
        }

        /// <summary>The create body exactly as the client would send it (its own serializer settings and converters).</summary>
        private static JsonObject ClientJson(CreateContainerParameters parameters)
        {
            Type? serializer = typeof(DockerClient).Assembly.GetType("Docker.DotNet.JsonSerializer");
            object? instance = serializer?.GetProperty("Instance", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)?.GetValue(null);
            System.Reflection.MethodInfo? serialize = serializer?.GetMethod("Serialize", new[] { typeof(object), typeof(Type) });
            if (instance == null || serialize == null)
            {
                throw new NotSupportedException("This Docker.DotNet build does not expose its JSON serializer; DockerPS needs 4.3.3.");
            }

            string json = (string)serialize.Invoke(instance, new object[] { parameters, typeof(CreateContainerParameters) })!;
            JsonObject body = JsonNode.Parse(json)!.AsObject();
            body.Remove("Name"); // a query parameter, not a field
            return body;
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
                PublishedPorts = (c.NetworkSettings?.Ports ?? new Dictionary<string, IList<PortBinding>>())
                    .SelectMany(p => (p.Value ?? new List<PortBinding>()).Select(b => (Key: SplitPortKey(p.Key), Binding: b)))
                    .Select(x => new PortMapping
                    {
                        ContainerPort = x.Key.Item1,
                        Protocol = x.Key.Item2,
                        HostIp = x.Binding.HostIP ?? string.Empty,
                        HostPort = int.TryParse(x.Binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out int published) ? published : (int?)null,
                    })
                    .ToArray(),
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
