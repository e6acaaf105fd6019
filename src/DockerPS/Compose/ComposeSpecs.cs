using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerPS.Commands.Compose;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Compose
{
    /// <summary>A compose service as a create request: the same spec New-Container builds, with Compose's labels and names.</summary>
    internal static class ComposeSpecs
    {
        /// <summary>project-service-n, as Compose v2 names containers (container_name wins).</summary>
        public static string ContainerName(string project, ComposeService s, int number) =>
            s.ContainerName ?? $"{project}-{s.Name}-{number}";

        public static ContainerCreateSpec Build(ComposeProjectConfig project, ComposeService s, int number, string? imageId, IDictionary<string, List<string>> started)
        {
            var spec = new ContainerCreateSpec
            {
                Image = s.Image,
                Name = ContainerName(project.Name, s, number),
                Command = s.Command?.ToList(),
                Entrypoint = s.Entrypoint?.ToList(),
                Environment = s.Environment.Where(e => e.Value != null).Select(e => e.Key + "=" + e.Value).ToList(),
                WorkingDirectory = s.WorkingDirectory,
                User = s.User,
                Hostname = s.Hostname,
                Tty = s.Tty,
                Interactive = s.StdinOpen,
                Init = s.Init ? true : (bool?)null,
                Privileged = s.Privileged,
                ReadOnlyRootFilesystem = s.ReadOnly,
                CapAdd = s.CapAdd.ToList(),
                CapDrop = s.CapDrop.ToList(),
                Dns = s.Dns.ToList(),
                ExtraHosts = s.ExtraHosts.ToList(),
                SecurityOptions = s.SecurityOpt.ToList(),
                Memory = s.MemLimit,
                NanoCpus = s.Cpus.HasValue ? SizeSpec.CpusToNano(s.Cpus.Value) : (long?)null,
                ShmSize = s.ShmSize,
                HealthCheck = s.HealthCheck,
                StopSignal = s.StopSignal,
                StopTimeoutSeconds = s.StopGracePeriod.HasValue ? (int)Math.Ceiling(s.StopGracePeriod.Value.TotalSeconds) : (int?)null,
                Expose = s.Expose.Select(e => e.Contains("/") ? e : e + "/tcp").ToList(),
            };

            RuntimeOptions(spec, s, started);

            foreach (KeyValuePair<string, string> l in s.Labels)
            {
                spec.Labels[l.Key] = l.Value;
            }

            spec.Labels[ComposeCmdlet.ProjectLabel] = project.Name;
            spec.Labels[ComposeCmdlet.ServiceLabel] = s.Name;
            spec.Labels[ComposeCmdlet.NumberLabel] = number.ToString(CultureInfo.InvariantCulture);
            spec.Labels[ComposeCmdlet.OneoffLabel] = "False";
            spec.Labels[ComposeCmdlet.HashLabel] = s.ConfigHash;
            spec.Labels[ComposeCmdlet.WorkingDirLabel] = project.WorkingDirectory;
            spec.Labels[ComposeCmdlet.ConfigFilesLabel] = string.Join(",", project.ConfigFiles);
            spec.Labels[ComposeCmdlet.VersionLabel] = ComposeCmdlet.ComposeVersion;
            // As v2 writes it: service:condition:restart, comma-separated.
            spec.Labels[ComposeCmdlet.DependsOnLabel] = string.Join(",", s.DependsOn.Select(d => $"{d.Service}:{d.Condition}:{(d.Restart ? "true" : "false")}"));
            if (imageId != null)
            {
                spec.Labels[ComposeCmdlet.ImageLabel] = imageId;
            }

            foreach (string p in s.Ports)
            {
                spec.Ports.AddRange(PortSpec.Parse(p));
            }

            foreach (ComposeServiceVolume v in s.Volumes)
            {
                switch (v.Type)
                {
                    case "bind":
                        spec.Binds.Add(v.Source + ":" + v.Target + (v.ReadOnly ? ":ro" : string.Empty));
                        break;
                    case "tmpfs":
                        spec.Tmpfs[v.Target] = string.Empty;
                        break;
                    default:
                        if (v.Source == null)
                        {
                            spec.AnonymousVolumes.Add(v.Target);
                        }
                        else
                        {
                            string name = project.Volumes.First(x => x.Key == v.Source).Name;
                            spec.Mounts.Add(new MountSpecItem { Type = "volume", Source = name, Target = v.Target, ReadOnly = v.ReadOnly });
                        }

                        break;
                }
            }

            foreach (string t in s.Tmpfs)
            {
                (string path, string options) = MountSpec.ParseTmpfs(t);
                spec.Tmpfs[path] = options;
            }

            if (s.Restart != null)
            {
                (string policy, long retries) = RestartPolicySpec.Parse(s.Restart);
                spec.RestartPolicy = policy;
                spec.RestartMaximumRetryCount = retries;
            }

            if (s.NetworkMode != null)
            {
                // service:x shares the namespace of x's first container, as compose resolves it.
                spec.Network = s.NetworkMode.StartsWith("service:", StringComparison.Ordinal)
                    && started.TryGetValue(s.NetworkMode.Substring(8), out List<string>? ids) && ids.Count > 0
                    ? "container:" + ids[0]
                    : s.NetworkMode;
            }
            else if (s.Networks.Length > 0)
            {
                // The first network at create time; the others are connected before the start.
                spec.Network = project.Networks.First(n => n.Key == s.Networks[0]).Name;
                spec.NetworkAliases.Add(s.Name);
            }

            return spec;
        }

        /// <summary>The service keys that map one to one onto New-Container's create options.</summary>
        private static void RuntimeOptions(ContainerCreateSpec spec, ComposeService s, IDictionary<string, List<string>> started)
        {
            spec.Ulimits.AddRange(s.Ulimits.Select(UlimitParser.Parse));
            foreach (KeyValuePair<string, string> kv in s.Sysctls)
            {
                spec.Sysctls[kv.Key] = kv.Value;
            }

            spec.Devices.AddRange(s.Devices.Select(DeviceParser.Parse));
            spec.PidsLimit = s.PidsLimit;
            spec.CpuShares = s.CpuShares;
            spec.CpuQuota = s.CpuQuota;
            spec.CpuPeriod = s.CpuPeriod;
            spec.CpusetCpus = s.Cpuset;
            spec.MemoryReservation = s.MemReservation;
            spec.MemorySwap = s.MemswapLimit;
            spec.OomKillDisable = s.OomKillDisable ? true : (bool?)null;
            spec.OomScoreAdj = s.OomScoreAdj;
            spec.IpcMode = ServiceMode(s.Ipc, started);
            spec.PidMode = ServiceMode(s.Pid, started);
            spec.UtsMode = s.Uts;
            spec.UsernsMode = s.UsernsMode;
            spec.CgroupnsMode = s.Cgroup;
            spec.Runtime = s.Runtime;
            spec.DnsOptions.AddRange(s.DnsOpt);
            spec.DnsSearch.AddRange(s.DnsSearch);
            spec.GroupAdd.AddRange(s.GroupAdd);
            spec.MacAddress = s.MacAddress;
            spec.LogDriver = s.LogDriver;
            foreach (KeyValuePair<string, string> kv in s.LogOptions)
            {
                spec.LogOptions[kv.Key] = kv.Value;
            }
        }

        /// <summary>ipc and pid: service:x shares the namespace of x's first container, as compose resolves it.</summary>
        private static string? ServiceMode(string? mode, IDictionary<string, List<string>> started) =>
            mode != null && mode.StartsWith("service:", StringComparison.Ordinal)
            && started.TryGetValue(mode.Substring(8), out List<string>? ids) && ids.Count > 0
                ? "container:" + ids[0]
                : mode;
    }
}
