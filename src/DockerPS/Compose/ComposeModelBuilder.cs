using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Compose
{
    /// <summary>Turns the merged document into the public model: typed values, profiles, defaults, dependency order.</summary>
    internal sealed partial class ComposeModelBuilder
    {
        private readonly string _name;
        private readonly string _workingDir;
        private readonly YamlNode _doc;
        private readonly string[] _profiles;
        private readonly Func<string, string?> _lookup;

        public ComposeModelBuilder(string name, string workingDir, YamlNode doc, string[] profiles, Func<string, string?> lookup)
        {
            _name = name;
            _workingDir = workingDir;
            _doc = doc;
            _profiles = profiles;
            _lookup = lookup;
        }

        public ComposeProject Build()
        {
            var all = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (KeyValuePair<YamlNode, YamlNode> s in ComposeLoader.Entries(_doc.Get("services"), "services"))
            {
                all[s.Key.Value ?? string.Empty] = s.Value.IsNull ? YamlNode.Map(s.Value) : s.Value;
            }

            // A service with profiles runs only when one of them is active.
            var enabled = all.Where(s => StrList(s.Value.Get("profiles"), "services." + s.Key + ".profiles").Length == 0
                                         || StrList(s.Value.Get("profiles"), "services." + s.Key + ".profiles").Any(p => _profiles.Contains(p) || p == "*" && _profiles.Length > 0))
                             .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

            var networks = new Dictionary<string, ComposeNetwork>(StringComparer.Ordinal);
            foreach (KeyValuePair<YamlNode, YamlNode> n in ComposeLoader.Entries(_doc.Get("networks"), "networks"))
            {
                networks[n.Key.Value ?? string.Empty] = Network(n.Key.Value ?? string.Empty, n.Value);
            }

            var volumes = new Dictionary<string, ComposeVolume>(StringComparer.Ordinal);
            foreach (KeyValuePair<YamlNode, YamlNode> v in ComposeLoader.Entries(_doc.Get("volumes"), "volumes"))
            {
                volumes[v.Key.Value ?? string.Empty] = Volume(v.Key.Value ?? string.Empty, v.Value);
            }

            ReadFileObjects();
            var services = enabled.Select(s => Service(s.Key, s.Value, networks, volumes)).ToList();
            foreach (ComposeService s in services)
            {
                foreach (ComposeDependency d in s.DependsOn.Where(d => d.Required && !enabled.ContainsKey(d.Service)))
                {
                    YamlNode at = enabled[s.Name].Get("depends_on")!;
                    string why = all.ContainsKey(d.Service) ? $"service '{d.Service}' is not enabled by the active profiles" : $"service '{d.Service}' is not defined";
                    throw new ComposeFileException($"{s.Name} depends on {d.Service}, but {why}.", at.File, at.Line, "services." + s.Name + ".depends_on");
                }
            }

            if (services.Any(s => s.NetworkMode == null && s.Networks.Contains("default")) && !networks.ContainsKey("default"))
            {
                networks["default"] = new ComposeNetwork { Key = "default", Name = _name + "_default" };
            }

            // Only what the enabled services use is created (compose does the same for networks).
            var usedNetworks = new HashSet<string>(services.SelectMany(s => s.Networks), StringComparer.Ordinal);
            var ordered = Order(services);
            var doc = YamlNode.Map();
            doc.Set("name", YamlNode.Scalar(_name));
            var servicesNode = YamlNode.Map();
            foreach (ComposeService s in ordered)
            {
                servicesNode.Set(s.Name, enabled[s.Name]);
            }

            doc.Set("services", servicesNode);
            foreach (string key in new[] { "networks", "volumes", "secrets", "configs" })
            {
                if (_doc.Get(key) is YamlNode n && !n.IsNull)
                {
                    doc.Set(key, n);
                }
            }

            return new ComposeProject
            {
                Document = doc,
                Config = new ComposeProjectConfig
                {
                    Name = _name,
                    WorkingDirectory = _workingDir,
                    Services = ordered.ToArray(),
                    Networks = networks.Values.Where(n => usedNetworks.Contains(n.Key)).ToArray(),
                    Volumes = volumes.Values.ToArray(),
                    Secrets = _secrets.Values.ToArray(),
                    Configs = _configs.Values.ToArray(),
                    Profiles = _profiles,
                },
            };
        }

        private ComposeNetwork Network(string key, YamlNode node)
        {
            string at = "networks." + key;
            bool external = Bool(node.Get("external"), at + ".external");
            string? name = Str(node.Get("name"), at + ".name");
            return new ComposeNetwork
            {
                Key = key,
                Name = name ?? (external ? key : _name + "_" + key),
                External = external,
                Driver = Str(node.Get("driver"), at + ".driver"),
                Internal = Bool(node.Get("internal"), at + ".internal"),
                Attachable = Bool(node.Get("attachable"), at + ".attachable"),
                DriverOpts = Map(node.Get("driver_opts"), at + ".driver_opts"),
                Labels = Map(node.Get("labels"), at + ".labels"),
            };
        }

        private ComposeVolume Volume(string key, YamlNode node)
        {
            string at = "volumes." + key;
            bool external = Bool(node.Get("external"), at + ".external");
            string? name = Str(node.Get("name"), at + ".name");
            return new ComposeVolume
            {
                Key = key,
                Name = name ?? (external ? key : _name + "_" + key),
                External = external,
                Driver = Str(node.Get("driver"), at + ".driver"),
                DriverOpts = Map(node.Get("driver_opts"), at + ".driver_opts"),
                Labels = Map(node.Get("labels"), at + ".labels"),
            };
        }

        private ComposeService Service(string name, YamlNode node, Dictionary<string, ComposeNetwork> networks, Dictionary<string, ComposeVolume> volumes)
        {
            string at = "services." + name;
            var s = new ComposeService { Name = name };
            s.Build = BuildSection(node.Get("build"), at + ".build");
            // Without image:, a built image is named <project>-<service>, as Compose v2 names it.
            s.Image = Str(node.Get("image"), at + ".image") ?? (s.Build != null ? DefaultImageName(name) : throw Error(node, at, "has neither image nor build."));
            s.ContainerName = Str(node.Get("container_name"), at + ".container_name");
            s.Command = Words(node.Get("command"), at + ".command");
            s.Entrypoint = Words(node.Get("entrypoint"), at + ".entrypoint");

            // env_file first, environment over it.
            foreach (YamlNode f in Listed(node.Get("env_file")))
            {
                string path = Path.GetFullPath(Path.Combine(_workingDir, (f.Kind == YamlNodeKind.Mapping ? f.Get("path")?.Value : f.Value) ?? string.Empty));
                if (!File.Exists(path))
                {
                    throw Error(f, at + ".env_file", $"the env file {path} does not exist.");
                }

                foreach (KeyValuePair<string, string> e in DotEnv.Parse(File.ReadAllText(path), path, _lookup))
                {
                    s.Environment[e.Key] = e.Value;
                }
            }

            foreach (KeyValuePair<YamlNode, YamlNode> e in ComposeLoader.Entries(node.Get("environment"), at + ".environment"))
            {
                // KEY with no value takes the shell's (or .env's) value, and is left out when neither has it.
                string key = e.Key.Value ?? string.Empty;
                string? value = e.Value.IsNull ? _lookup(key) : Scalar(e.Value, at + ".environment." + key);
                if (value != null || !e.Value.IsNull)
                {
                    s.Environment[key] = value;
                }
            }

            s.Labels = Map(node.Get("labels"), at + ".labels");
            s.Ports = Listed(node.Get("ports")).Select(p => Port(p, at + ".ports")).ToArray();
            s.Expose = Listed(node.Get("expose")).Select(p => Scalar(p, at + ".expose")!).ToArray();
            s.Volumes = Listed(node.Get("volumes")).Select(v => Mount(v, at + ".volumes", volumes)).ToArray();
            s.Tmpfs = Listed(node.Get("tmpfs")).Select(t => Scalar(t, at + ".tmpfs")!).ToArray();

            var deps = new List<ComposeDependency>();
            foreach (KeyValuePair<YamlNode, YamlNode> d in ComposeLoader.Entries(node.Get("depends_on"), at + ".depends_on"))
            {
                string dat = at + ".depends_on." + d.Key.Value;
                var dep = new ComposeDependency { Service = d.Key.Value ?? string.Empty };
                if (!d.Value.IsNull)
                {
                    ComposeLoader.RequireMap(d.Value, dat);
                    foreach (KeyValuePair<YamlNode, YamlNode> k in d.Value.Entries.Where(k => !ComposeSchema.DependsOnKeys.Contains(k.Key.Value)))
                    {
                        throw Error(k.Key, dat + "." + k.Key.Value, "unknown key; depends_on takes condition, required and restart.");
                    }

                    dep.Condition = Str(d.Value.Get("condition"), dat + ".condition") ?? "service_started";
                    dep.Required = d.Value.Get("required") == null || Bool(d.Value.Get("required"), dat + ".required");
                    dep.Restart = Bool(d.Value.Get("restart"), dat + ".restart");
                    if (!new[] { "service_started", "service_healthy", "service_completed_successfully" }.Contains(dep.Condition))
                    {
                        throw Error(d.Value.Get("condition")!, dat + ".condition",
                            $"'{dep.Condition}' is not a condition: use service_started, service_healthy or service_completed_successfully.");
                    }
                }

                deps.Add(dep);
            }

            s.DependsOn = deps.ToArray();
            s.NetworkMode = Str(node.Get("network_mode"), at + ".network_mode");
            var serviceNetworks = ComposeLoader.Entries(node.Get("networks"), at + ".networks").ToList();
            if (s.NetworkMode != null && serviceNetworks.Count > 0)
            {
                throw Error(node.Get("networks")!, at + ".networks", "network_mode and networks cannot both be set.");
            }

            foreach (KeyValuePair<YamlNode, YamlNode> n in serviceNetworks)
            {
                if (!networks.ContainsKey(n.Key.Value ?? string.Empty) && n.Key.Value != "default")
                {
                    throw Error(n.Key, at + ".networks." + n.Key.Value, $"the service refers to the undefined network {n.Key.Value}.");
                }

                if (!n.Value.IsNull)
                {
                    foreach (KeyValuePair<YamlNode, YamlNode> k in n.Value.Entries.Where(k => !ComposeSchema.ServiceNetworkKeys.Contains(k.Key.Value)))
                    {
                        throw Error(k.Key, at + ".networks." + n.Key.Value + "." + k.Key.Value, "unknown key; a service's network takes aliases, ipv4_address and ipv6_address.");
                    }
                }
            }

            ReadStackParts(s, node, at);
            s.Networks = s.NetworkMode != null ? Array.Empty<string>() : serviceNetworks.Count > 0 ? serviceNetworks.Select(n => n.Key.Value!).ToArray() : new[] { "default" };

            YamlNode? replicas = node.Get("deploy")?.Get("replicas") ?? node.Get("scale");
            s.Replicas = replicas != null ? Int(replicas, at + ".deploy.replicas") : 1;
            if (s.ContainerName != null && s.Replicas > 1)
            {
                throw Error(node.Get("container_name")!, at + ".container_name", "a service with container_name cannot have more than one replica.");
            }

            s.Profiles = StrList(node.Get("profiles"), at + ".profiles");
            s.HealthCheck = Health(node.Get("healthcheck"), at + ".healthcheck");
            s.Restart = Str(node.Get("restart"), at + ".restart");
            if (s.Restart != null)
            {
                Check(node.Get("restart")!, at + ".restart", () => RestartPolicySpec.Parse(s.Restart));
            }

            s.WorkingDirectory = Str(node.Get("working_dir"), at + ".working_dir");
            s.User = Str(node.Get("user"), at + ".user");
            s.Hostname = Str(node.Get("hostname"), at + ".hostname");
            s.StopSignal = Str(node.Get("stop_signal"), at + ".stop_signal");
            s.StopGracePeriod = Duration(node.Get("stop_grace_period"), at + ".stop_grace_period");
            s.Tty = Bool(node.Get("tty"), at + ".tty");
            s.StdinOpen = Bool(node.Get("stdin_open"), at + ".stdin_open");
            s.Init = Bool(node.Get("init"), at + ".init");
            s.Privileged = Bool(node.Get("privileged"), at + ".privileged");
            s.ReadOnly = Bool(node.Get("read_only"), at + ".read_only");
            s.CapAdd = StrList(node.Get("cap_add"), at + ".cap_add");
            s.CapDrop = StrList(node.Get("cap_drop"), at + ".cap_drop");
            s.Dns = StrList(node.Get("dns"), at + ".dns");
            s.SecurityOpt = StrList(node.Get("security_opt"), at + ".security_opt");
            YamlNode? hosts = node.Get("extra_hosts");
            s.ExtraHosts = hosts?.Kind == YamlNodeKind.Mapping
                ? hosts.Entries.Select(e => e.Key.Value + ":" + e.Value.Value).ToArray()
                : StrList(hosts, at + ".extra_hosts").Select(h => h.Replace('=', ':')).ToArray();
            s.MemLimit = Bytes(node.Get("mem_limit"), at + ".mem_limit");
            s.ShmSize = Bytes(node.Get("shm_size"), at + ".shm_size");
            if (node.Get("cpus") is YamlNode cpus)
            {
                s.Cpus = Check(cpus, at + ".cpus", () => double.Parse(cpus.Value ?? string.Empty, NumberStyles.Float, CultureInfo.InvariantCulture));
            }

            string pull = Str(node.Get("pull_policy"), at + ".pull_policy") ?? "missing";
            s.PullPolicy = pull == "if_not_present" ? "missing" : pull;
            if (!new[] { "missing", "always", "never", "build" }.Contains(s.PullPolicy))
            {
                throw Error(node.Get("pull_policy")!, at + ".pull_policy", $"'{pull}' is not supported: use missing, always, never or build.");
            }

            RuntimeOptions(s, node, at);

            if (s.PullPolicy == "build" && s.Build == null)
            {
                throw Error(node.Get("pull_policy")!, at + ".pull_policy", "pull_policy: build needs a build: section.");
            }

            // The hash leaves out what does not need a new container: the replica count and the build (as compose
            // does; a rebuilt image recreates the container through the image label instead).
            YamlNode hashed = YamlNode.Map(node);
            foreach (KeyValuePair<YamlNode, YamlNode> e in node.Entries.Where(e => e.Key.Value != "scale" && e.Key.Value != "deploy" && e.Key.Value != "build"))
            {
                hashed.Set(e.Key.Value ?? string.Empty, e.Value);
            }

            s.ConfigHash = ComposeLoader.Hash(ComposeLoader.Canonical(hashed));
            return s;
        }

        /// <summary>
        /// The service keys that are container create options New-Container has too (limits, namespaces, kernel
        /// settings, logging), parsed as the compose specification writes them.
        /// </summary>
        private static void RuntimeOptions(ComposeService s, YamlNode node, string at)
        {
            var ulimits = new List<string>();
            foreach (KeyValuePair<YamlNode, YamlNode> u in ComposeLoader.Entries(node.Get("ulimits"), at + ".ulimits"))
            {
                string uat = at + ".ulimits." + u.Key.Value;
                string limit;
                if (u.Value.Kind == YamlNodeKind.Mapping)
                {
                    foreach (KeyValuePair<YamlNode, YamlNode> k in u.Value.Entries.Where(k => k.Key.Value != "soft" && k.Key.Value != "hard"))
                    {
                        throw Error(k.Key, uat + "." + k.Key.Value, "unknown key; a ulimit takes soft and hard.");
                    }

                    string soft = Str(u.Value.Get("soft"), uat + ".soft") ?? throw Error(u.Value, uat, "a ulimit in the long syntax needs soft and hard.");
                    string hard = Str(u.Value.Get("hard"), uat + ".hard") ?? throw Error(u.Value, uat, "a ulimit in the long syntax needs soft and hard.");
                    limit = u.Key.Value + "=" + soft + ":" + hard;
                }
                else
                {
                    limit = u.Key.Value + "=" + Scalar(u.Value, uat);
                }

                UlimitSpec parsed = Check(u.Value, uat, () => UlimitParser.Parse(limit));
                ulimits.Add(parsed.Name + "=" + parsed.Soft.ToString(CultureInfo.InvariantCulture) + ":" + parsed.Hard.ToString(CultureInfo.InvariantCulture));
            }

            s.Ulimits = ulimits.ToArray();
            s.Sysctls = Map(node.Get("sysctls"), at + ".sysctls");
            s.Devices = Listed(node.Get("devices")).Select(d => Device(d, at + ".devices")).ToArray();
            s.PidsLimit = Long(node.Get("pids_limit"), at + ".pids_limit");
            s.CpuShares = Long(node.Get("cpu_shares"), at + ".cpu_shares");
            s.CpuQuota = Long(node.Get("cpu_quota"), at + ".cpu_quota");
            s.CpuPeriod = Long(node.Get("cpu_period"), at + ".cpu_period");
            s.Cpuset = Str(node.Get("cpuset"), at + ".cpuset");
            s.MemReservation = Bytes(node.Get("mem_reservation"), at + ".mem_reservation");
            if (node.Get("memswap_limit") is YamlNode swap && !swap.IsNull)
            {
                s.MemswapLimit = Check(swap, at + ".memswap_limit", () => SizeSpec.ParseSwap(Scalar(swap, at + ".memswap_limit")!));
            }

            s.OomKillDisable = Bool(node.Get("oom_kill_disable"), at + ".oom_kill_disable");
            if (node.Get("oom_score_adj") is YamlNode oom && !oom.IsNull)
            {
                s.OomScoreAdj = int.TryParse(Scalar(oom, at + ".oom_score_adj"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int adj) && adj >= -1000 && adj <= 1000
                    ? adj
                    : throw Error(oom, at + ".oom_score_adj", $"'{oom.Value}' is not a whole number from -1000 to 1000.");
            }

            s.Ipc = Str(node.Get("ipc"), at + ".ipc");
            s.Pid = Str(node.Get("pid"), at + ".pid");
            s.Uts = Str(node.Get("uts"), at + ".uts");
            s.UsernsMode = Str(node.Get("userns_mode"), at + ".userns_mode");
            s.Cgroup = Str(node.Get("cgroup"), at + ".cgroup");
            if (s.Cgroup != null && s.Cgroup != "host" && s.Cgroup != "private")
            {
                throw Error(node.Get("cgroup")!, at + ".cgroup", $"'{s.Cgroup}' is not a cgroup namespace: use host or private.");
            }

            s.Runtime = Str(node.Get("runtime"), at + ".runtime");
            s.DnsOpt = StrList(node.Get("dns_opt"), at + ".dns_opt");
            s.DnsSearch = StrList(node.Get("dns_search"), at + ".dns_search");
            s.GroupAdd = StrList(node.Get("group_add"), at + ".group_add");
            s.MacAddress = Str(node.Get("mac_address"), at + ".mac_address");
            if (node.Get("logging") is YamlNode logging && !logging.IsNull)
            {
                ComposeLoader.RequireMap(logging, at + ".logging");
                foreach (KeyValuePair<YamlNode, YamlNode> k in logging.Entries.Where(k => k.Key.Value != "driver" && k.Key.Value != "options"))
                {
                    throw Error(k.Key, at + ".logging." + k.Key.Value, "unknown key; logging takes driver and options.");
                }

                s.LogDriver = Str(logging.Get("driver"), at + ".logging.driver");
                s.LogOptions = Map(logging.Get("options"), at + ".logging.options");
            }
        }

        /// <summary>A device in the short syntax (host[:container[:permissions]]) or the long one (source, target, permissions).</summary>
        private static string Device(YamlNode d, string at)
        {
            string text;
            if (d.Kind == YamlNodeKind.Mapping)
            {
                foreach (KeyValuePair<YamlNode, YamlNode> k in d.Entries.Where(k => k.Key.Value != "source" && k.Key.Value != "target" && k.Key.Value != "permissions"))
                {
                    throw Error(k.Key, at + "." + k.Key.Value, "unknown key; a device takes source, target and permissions.");
                }

                string source = Str(d.Get("source"), at + ".source") ?? throw Error(d, at, "a device in the long syntax needs source.");
                string target = Str(d.Get("target"), at + ".target") ?? source;
                string permissions = Str(d.Get("permissions"), at + ".permissions") ?? "rwm";
                text = source + ":" + target + ":" + permissions;
            }
            else
            {
                text = Scalar(d, at)!;
            }

            Check(d, at, () => DeviceParser.Parse(text));
            return text;
        }

        private static long? Long(YamlNode? node, string at) =>
            node == null || node.IsNull
                ? (long?)null
                : long.TryParse(Scalar(node, at), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)
                    ? n
                    : throw Error(node, at, $"'{node.Value}' is not a whole number.");

        private string Port(YamlNode p, string at)
        {
            string text;
            if (p.Kind == YamlNodeKind.Mapping)
            {
                foreach (KeyValuePair<YamlNode, YamlNode> k in p.Entries.Where(k => !ComposeSchema.PortKeys.Contains(k.Key.Value)))
                {
                    throw Error(k.Key, at + "." + k.Key.Value, "unknown key; a port takes target, published, host_ip, protocol, mode, name and app_protocol.");
                }

                string target = Str(p.Get("target"), at + ".target") ?? throw Error(p, at, "a port in the long syntax needs target.");
                string? published = Str(p.Get("published"), at + ".published");
                string? ip = Str(p.Get("host_ip"), at + ".host_ip");
                string proto = Str(p.Get("protocol"), at + ".protocol") ?? "tcp";
                text = (ip != null ? ip + ":" : string.Empty) + (published != null ? published + ":" : ip != null ? ":" : string.Empty) + target + "/" + proto;
            }
            else
            {
                text = Scalar(p, at)!;
            }

            Check(p, at, () => PortSpec.Parse(text));
            return text;
        }

        private ComposeServiceVolume Mount(YamlNode v, string at, Dictionary<string, ComposeVolume> volumes)
        {
            var m = new ComposeServiceVolume();
            if (v.Kind == YamlNodeKind.Mapping)
            {
                foreach (KeyValuePair<YamlNode, YamlNode> k in v.Entries.Where(k => !ComposeSchema.VolumeMountKeys.Contains(k.Key.Value)))
                {
                    throw Error(k.Key, at + "." + k.Key.Value, "unknown key; a volume takes type, source, target, read_only, volume, bind and tmpfs.");
                }

                m.Type = Str(v.Get("type"), at + ".type") ?? "volume";
                m.Source = Str(v.Get("source"), at + ".source");
                m.Target = Str(v.Get("target"), at + ".target") ?? throw Error(v, at, "a volume in the long syntax needs target.");
                m.ReadOnly = Bool(v.Get("read_only"), at + ".read_only");
            }
            else
            {
                string text = Scalar(v, at)!;
                MountSpecItem item = Check(v, at, () => MountSpec.ParseVolume(text));
                m.Type = item.Source == null ? "volume" : item.Type;
                m.Source = item.Source;
                m.Target = item.Target;
                m.ReadOnly = item.ReadOnly;
                // docker -v treats ./x as a volume name only when it has no slash; compose means the project folder.
                if (m.Source != null && (m.Source.StartsWith(".", StringComparison.Ordinal) || m.Source.StartsWith("~", StringComparison.Ordinal)))
                {
                    m.Type = "bind";
                }
            }

            if (m.Type == "bind" && m.Source != null)
            {
                string source = m.Source.StartsWith("~", StringComparison.Ordinal)
                    ? (_lookup("HOME") ?? "~") + m.Source.Substring(1)
                    : m.Source;
                m.Source = Path.IsPathRooted(source) ? source : Path.GetFullPath(Path.Combine(_workingDir, source));
            }
            else if (m.Type == "volume" && m.Source != null && !volumes.ContainsKey(m.Source))
            {
                throw Error(v, at, $"the service refers to the undefined volume {m.Source}; declare it under the top-level volumes:.");
            }
            else if (m.Type != "volume" && m.Type != "bind" && m.Type != "tmpfs")
            {
                throw Error(v, at, $"the volume type '{m.Type}' is not supported: use volume, bind or tmpfs.");
            }

            return m;
        }

        private HealthCheckSpec? Health(YamlNode? node, string at)
        {
            if (node == null || node.IsNull)
            {
                return null;
            }

            if (Bool(node.Get("disable"), at + ".disable"))
            {
                return new HealthCheckSpec { Test = new List<string> { "NONE" } };
            }

            YamlNode? test = node.Get("test");
            List<string> t = test == null ? new List<string>()
                : test.Kind == YamlNodeKind.Sequence ? StrList(test, at + ".test").ToList()
                : new List<string> { "CMD-SHELL", Scalar(test, at + ".test")! };
            return new HealthCheckSpec
            {
                Test = t,
                Interval = Duration(node.Get("interval"), at + ".interval"),
                Timeout = Duration(node.Get("timeout"), at + ".timeout"),
                StartPeriod = Duration(node.Get("start_period"), at + ".start_period"),
                Retries = node.Get("retries") is YamlNode r ? Int(r, at + ".retries") : (int?)null,
            };
        }

        /// <summary>Dependencies before dependants, else file order; a cycle is an error.</summary>
        private static List<ComposeService> Order(List<ComposeService> services)
        {
            var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
            var result = new List<ComposeService>();
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            void Visit(ComposeService s, Stack<string> path)
            {
                if (state.TryGetValue(s.Name, out int st))
                {
                    if (st == 1)
                    {
                        throw new ComposeFileException($"dependency cycle: {string.Join(" -> ", path.Reverse())} -> {s.Name}.", null, 0, "services." + s.Name + ".depends_on");
                    }

                    return;
                }

                state[s.Name] = 1;
                path.Push(s.Name);
                IEnumerable<string> needs = s.DependsOn.Select(d => d.Service);
                if (s.NetworkMode != null && s.NetworkMode.StartsWith("service:", StringComparison.Ordinal))
                {
                    needs = needs.Concat(new[] { s.NetworkMode.Substring(8) });
                }

                foreach (string d in needs)
                {
                    if (byName.TryGetValue(d, out ComposeService? dep))
                    {
                        Visit(dep, path);
                    }
                }

                path.Pop();
                state[s.Name] = 2;
                result.Add(s);
            }

            foreach (ComposeService s in services)
            {
                Visit(s, new Stack<string>());
            }

            return result;
        }

        private static IEnumerable<YamlNode> Listed(YamlNode? node) =>
            node == null || node.IsNull ? Enumerable.Empty<YamlNode>() : node.Kind == YamlNodeKind.Sequence ? node.Items : new[] { node };

        private static string? Scalar(YamlNode node, string at)
        {
            if (node.Kind != YamlNodeKind.Scalar)
            {
                throw Error(node, at, "must be a single value.");
            }

            return node.IsNull ? null : node.Value;
        }

        private static string? Str(YamlNode? node, string at) => node == null ? null : Scalar(node, at);

        private static string[] StrList(YamlNode? node, string at) => Listed(node).Select(n => Scalar(n, at) ?? string.Empty).ToArray();

        /// <summary>command/entrypoint: a list as is, a string split as a shell would (compose does not run a shell).</summary>
        private static string[]? Words(YamlNode? node, string at)
        {
            if (node == null || node.IsNull)
            {
                return null;
            }

            return node.Kind == YamlNodeKind.Sequence ? StrList(node, at) : Check(node, at, () => ShellWords.Split(Scalar(node, at)!));
        }

        private static Dictionary<string, string> Map(YamlNode? node, string at)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (node != null && node.Kind == YamlNodeKind.Sequence)
            {
                foreach (YamlNode item in node.Items)
                {
                    string text = Scalar(item, at) ?? string.Empty;
                    int eq = text.IndexOf('=');
                    result[eq < 0 ? text : text.Substring(0, eq)] = eq < 0 ? string.Empty : text.Substring(eq + 1);
                }

                return result;
            }

            foreach (KeyValuePair<YamlNode, YamlNode> e in ComposeLoader.Entries(node, at))
            {
                result[e.Key.Value ?? string.Empty] = Scalar(e.Value, at + "." + e.Key.Value) ?? string.Empty;
            }

            return result;
        }

        private static bool Bool(YamlNode? node, string at)
        {
            if (node == null || node.IsNull)
            {
                return false;
            }

            switch (Scalar(node, at)?.ToLowerInvariant())
            {
                case "true":
                case "yes":
                case "on":
                    return true;
                case "false":
                case "no":
                case "off":
                    return false;
                default:
                    // external: {name: x} is the old form of external with a name.
                    throw Error(node, at, $"'{node.Value}' is not true or false.");
            }
        }

        private static int Int(YamlNode node, string at) =>
            int.TryParse(Scalar(node, at), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0
                ? n
                : throw Error(node, at, $"'{node.Value}' is not a whole number of 0 or more.");

        private static TimeSpan? Duration(YamlNode? node, string at) =>
            node == null || node.IsNull ? (TimeSpan?)null : Check(node, at, () => DurationSpec.Parse(Scalar(node, at)));

        private static long? Bytes(YamlNode? node, string at) =>
            node == null || node.IsNull ? (long?)null : Check(node, at, () => SizeSpec.ParseBytes(Scalar(node, at)!));

        private static T Check<T>(YamlNode node, string at, Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (Exception e) when (e is ArgumentException || e is FormatException || e is OverflowException)
            {
                throw new ComposeFileException(e.Message, node.File, node.Line, at, e);
            }
        }

        private static ComposeFileException Error(YamlNode node, string at, string message) => new ComposeFileException(message, node.File, node.Line, at);
    }

    /// <summary>Splits a command string into words as a POSIX shell would (quotes and backslashes), without running one.</summary>
    internal static class ShellWords
    {
        public static string[] Split(string text)
        {
            var words = new List<string>();
            var word = new System.Text.StringBuilder();
            bool inWord = false;
            char quote = '\0';
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quote == '\'')
                {
                    if (c == '\'')
                    {
                        quote = '\0';
                    }
                    else
                    {
                        word.Append(c);
                    }
                }
                else if (quote == '"')
                {
                    if (c == '"')
                    {
                        quote = '\0';
                    }
                    else if (c == '\\' && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\' || text[i + 1] == '$'))
                    {
                        word.Append(text[++i]);
                    }
                    else
                    {
                        word.Append(c);
                    }
                }
                else if (char.IsWhiteSpace(c))
                {
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }
                }
                else
                {
                    inWord = true;
                    if (c == '\'' || c == '"')
                    {
                        quote = c;
                    }
                    else if (c == '\\' && i + 1 < text.Length)
                    {
                        word.Append(text[++i]);
                    }
                    else
                    {
                        word.Append(c);
                    }
                }
            }

            if (quote != '\0')
            {
                throw new ArgumentException($"unclosed quote in \"{text}\".");
            }

            if (inWord)
            {
                words.Add(word.ToString());
            }

            return words.ToArray();
        }
    }
}
