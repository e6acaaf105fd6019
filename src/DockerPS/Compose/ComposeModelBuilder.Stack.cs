using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Compose
{
    /// <summary>
    /// The parts of the model stacks need and Compose shares: the top-level secrets and configs, a service's use of
    /// them, ports with their mode, per-network aliases and the deploy: keys beyond replicas. Both Start-ComposeProject
    /// and Deploy-SwarmStack read them from here, so there is one parse.
    /// </summary>
    internal sealed partial class ComposeModelBuilder
    {
        private readonly Dictionary<string, ComposeFileObject> _secrets = new Dictionary<string, ComposeFileObject>(StringComparer.Ordinal);
        private readonly Dictionary<string, ComposeFileObject> _configs = new Dictionary<string, ComposeFileObject>(StringComparer.Ordinal);

        private void ReadFileObjects()
        {
            foreach (KeyValuePair<YamlNode, YamlNode> e in ComposeLoader.Entries(_doc.Get("secrets"), "secrets"))
            {
                _secrets[e.Key.Value ?? string.Empty] = FileObject("secret", e.Key, e.Value);
            }

            foreach (KeyValuePair<YamlNode, YamlNode> e in ComposeLoader.Entries(_doc.Get("configs"), "configs"))
            {
                _configs[e.Key.Value ?? string.Empty] = FileObject("config", e.Key, e.Value);
            }
        }

        private ComposeFileObject FileObject(string kind, YamlNode keyNode, YamlNode node)
        {
            string key = keyNode.Value ?? string.Empty;
            string at = kind + "s." + key;
            node = node.IsNull ? YamlNode.Map(node) : node;
            bool external = Bool(node.Get("external"), at + ".external");
            string? name = Str(node.Get("name"), at + ".name");
            var o = new ComposeFileObject
            {
                Key = key,
                Kind = kind,
                Name = name ?? (external ? key : _name + "_" + key),
                External = external,
                Environment = Str(node.Get("environment"), at + ".environment"),
                Content = Str(node.Get("content"), at + ".content"),
                Labels = Map(node.Get("labels"), at + ".labels"),
            };

            string? file = Str(node.Get("file"), at + ".file");
            if (file != null)
            {
                string path = file.StartsWith("~", StringComparison.Ordinal) ? (_lookup("HOME") ?? "~") + file.Substring(1) : file;
                o.File = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(_workingDir, path));
            }

            int sources = (o.File != null ? 1 : 0) + (o.Environment != null ? 1 : 0) + (o.Content != null ? 1 : 0) + (external ? 1 : 0);
            if (sources != 1)
            {
                string which = kind == "config" ? "file, environment, content or external" : "file, environment or external";
                throw Error(keyNode, at, $"a {kind} takes exactly one of {which}.");
            }

            return o;
        }

        /// <summary>secrets:, configs:, the long form of ports:, network aliases and deploy: of one service.</summary>
        private void ReadStackParts(ComposeService s, YamlNode node, string at)
        {
            s.Secrets = Listed(node.Get("secrets")).Select(r => FileReference(r, at + ".secrets", _secrets, "secret")).ToArray();
            s.Configs = Listed(node.Get("configs")).Select(r => FileReference(r, at + ".configs", _configs, "config")).ToArray();
            s.PortConfigs = Listed(node.Get("ports")).SelectMany(p => PortConfig(p, at + ".ports")).ToArray();
            foreach (KeyValuePair<YamlNode, YamlNode> n in ComposeLoader.Entries(node.Get("networks"), at + ".networks"))
            {
                if (n.Value.Kind == YamlNodeKind.Mapping && n.Value.Get("aliases") is YamlNode aliases)
                {
                    s.NetworkAliases[n.Key.Value ?? string.Empty] = StrList(aliases, at + ".networks." + n.Key.Value + ".aliases");
                }
            }

            if (node.Get("deploy") is YamlNode deploy && !deploy.IsNull)
            {
                s.Deploy = Deploy(deploy, at + ".deploy");
            }
        }

        private static ComposeFileReference FileReference(YamlNode r, string at, Dictionary<string, ComposeFileObject> known, string kind)
        {
            var reference = new ComposeFileReference();
            if (r.Kind == YamlNodeKind.Mapping)
            {
                foreach (KeyValuePair<YamlNode, YamlNode> k in r.Entries.Where(k => !ComposeSchema.FileReferenceKeys.Contains(k.Key.Value)))
                {
                    throw Error(k.Key, at + "." + k.Key.Value, $"unknown key; a service's {kind} takes source, target, uid, gid and mode.");
                }

                reference.Source = Str(r.Get("source"), at + ".source") ?? throw Error(r, at, $"a {kind} in the long syntax needs source.");
                reference.Target = Str(r.Get("target"), at + ".target");
                reference.Uid = Str(r.Get("uid"), at + ".uid");
                reference.Gid = Str(r.Get("gid"), at + ".gid");
                foreach ((string key, string? id) in new[] { ("uid", reference.Uid), ("gid", reference.Gid) })
                {
                    if (id != null && !uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        throw Error(r.Get(key)!, at + "." + key, $"'{id}' is not a numeric {key}.");
                    }
                }

                if (r.Get("mode") is YamlNode mode && !mode.IsNull)
                {
                    reference.Mode = Check(mode, at + ".mode", () => FileMode(Scalar(mode, at + ".mode")!));
                }
            }
            else
            {
                reference.Source = Scalar(r, at) ?? string.Empty;
            }

            if (!known.ContainsKey(reference.Source))
            {
                throw Error(r, at, $"the service refers to the undefined {kind} {reference.Source}; declare it under the top-level {kind}s:.");
            }

            return reference;
        }

        /// <summary>mode: 0440 (octal, as YAML 1.1 and compose read a leading 0), 0o440, or a decimal number.</summary>
        private static uint FileMode(string text)
        {
            string t = text.Trim();
            if (t.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
            {
                return Convert.ToUInt32(t.Substring(2), 8);
            }

            return t.Length > 1 && t[0] == '0' ? Convert.ToUInt32(t, 8) : uint.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        private static IEnumerable<ComposeServicePort> PortConfig(YamlNode p, string at)
        {
            if (p.Kind != YamlNodeKind.Mapping)
            {
                // The short form, as docker -p reads it (ranges become one port each); already checked by Port().
                return PortSpec.Parse(Scalar(p, at)!).Select(b => new ComposeServicePort { Target = b.ContainerPort, Published = b.HostPort, Protocol = b.Protocol });
            }

            var port = new ComposeServicePort
            {
                Target = Check(p, at + ".target", () => int.Parse(Str(p.Get("target"), at + ".target") ?? string.Empty, NumberStyles.None, CultureInfo.InvariantCulture)),
                Protocol = (Str(p.Get("protocol"), at + ".protocol") ?? "tcp").ToLowerInvariant(),
                Mode = (Str(p.Get("mode"), at + ".mode") ?? "ingress").ToLowerInvariant(),
            };
            if (Str(p.Get("published"), at + ".published") is string published)
            {
                port.Published = Check(p.Get("published")!, at + ".published", () => int.Parse(published, NumberStyles.None, CultureInfo.InvariantCulture));
            }

            if (port.Mode != "ingress" && port.Mode != "host")
            {
                throw Error(p.Get("mode")!, at + ".mode", $"'{port.Mode}' is not a port mode: use ingress or host.");
            }

            return new[] { port };
        }

        private ComposeDeploy Deploy(YamlNode node, string at)
        {
            var d = new ComposeDeploy
            {
                Mode = Str(node.Get("mode"), at + ".mode") ?? "replicated",
                EndpointMode = Str(node.Get("endpoint_mode"), at + ".endpoint_mode")?.ToLowerInvariant(),
                Labels = Map(node.Get("labels"), at + ".labels"),
            };
            if (d.Mode != "replicated" && d.Mode != "global")
            {
                throw Error(node.Get("mode")!, at + ".mode", $"'{d.Mode}' is not supported: use replicated or global.");
            }

            if (d.EndpointMode != null && d.EndpointMode != "vip" && d.EndpointMode != "dnsrr")
            {
                throw Error(node.Get("endpoint_mode")!, at + ".endpoint_mode", $"'{d.EndpointMode}' is not an endpoint mode: use vip or dnsrr.");
            }

            if (Section(node, "resources", at, ComposeSchema.ResourcesKeys, Array.Empty<string>()) is YamlNode resources)
            {
                if (Section(resources, "limits", at + ".resources", ComposeSchema.ResourceKeys, ComposeSchema.ResourceRefused) is YamlNode limits)
                {
                    d.CpuLimit = Cpus(limits.Get("cpus"), at + ".resources.limits.cpus");
                    d.MemoryLimit = Bytes(limits.Get("memory"), at + ".resources.limits.memory");
                }

                if (Section(resources, "reservations", at + ".resources", ComposeSchema.ResourceKeys, ComposeSchema.ResourceRefused) is YamlNode reservations)
                {
                    d.CpuReservation = Cpus(reservations.Get("cpus"), at + ".resources.reservations.cpus");
                    d.MemoryReservation = Bytes(reservations.Get("memory"), at + ".resources.reservations.memory");
                }
            }

            if (Section(node, "restart_policy", at, ComposeSchema.RestartPolicyKeys, Array.Empty<string>()) is YamlNode restart)
            {
                string rat = at + ".restart_policy";
                d.RestartCondition = Str(restart.Get("condition"), rat + ".condition");
                if (d.RestartCondition != null && !new[] { "none", "on-failure", "any" }.Contains(d.RestartCondition))
                {
                    throw Error(restart.Get("condition")!, rat + ".condition", $"'{d.RestartCondition}' is not a condition: use none, on-failure or any.");
                }

                d.RestartDelay = Duration(restart.Get("delay"), rat + ".delay");
                d.RestartMaxAttempts = restart.Get("max_attempts") is YamlNode max ? (ulong)Int(max, rat + ".max_attempts") : (ulong?)null;
                d.RestartWindow = Duration(restart.Get("window"), rat + ".window");
            }

            if (Section(node, "placement", at, ComposeSchema.PlacementKeys, Array.Empty<string>()) is YamlNode placement)
            {
                string pat = at + ".placement";
                d.Constraints = StrList(placement.Get("constraints"), pat + ".constraints");
                d.Preferences = Listed(placement.Get("preferences")).Select(p =>
                {
                    ComposeLoader.RequireMap(p, pat + ".preferences");
                    foreach (KeyValuePair<YamlNode, YamlNode> k in p.Entries.Where(k => k.Key.Value != "spread"))
                    {
                        throw Error(k.Key, pat + ".preferences." + k.Key.Value, "unknown key; a placement preference takes spread.");
                    }

                    return Str(p.Get("spread"), pat + ".preferences.spread") ?? throw Error(p, pat + ".preferences", "a placement preference needs spread.");
                }).ToArray();
                d.MaxReplicasPerNode = placement.Get("max_replicas_per_node") is YamlNode mr ? (ulong)Int(mr, pat + ".max_replicas_per_node") : (ulong?)null;
            }

            d.UpdateConfig = UpdateConfig(node, "update_config", at);
            d.RollbackConfig = UpdateConfig(node, "rollback_config", at);
            return d;
        }

        private ComposeUpdateConfig? UpdateConfig(YamlNode deploy, string key, string at)
        {
            if (!(Section(deploy, key, at, ComposeSchema.UpdateConfigKeys, Array.Empty<string>()) is YamlNode node))
            {
                return null;
            }

            string uat = at + "." + key;
            var u = new ComposeUpdateConfig
            {
                Parallelism = node.Get("parallelism") is YamlNode p ? (ulong)Int(p, uat + ".parallelism") : (ulong?)null,
                Delay = Duration(node.Get("delay"), uat + ".delay"),
                FailureAction = Str(node.Get("failure_action"), uat + ".failure_action"),
                Monitor = Duration(node.Get("monitor"), uat + ".monitor"),
                Order = Str(node.Get("order"), uat + ".order"),
            };
            if (node.Get("max_failure_ratio") is YamlNode ratio)
            {
                u.MaxFailureRatio = Check(ratio, uat + ".max_failure_ratio", () => float.Parse(Scalar(ratio, uat + ".max_failure_ratio") ?? string.Empty, NumberStyles.Float, CultureInfo.InvariantCulture));
            }

            if (u.FailureAction != null && !new[] { "continue", "pause", "rollback" }.Contains(u.FailureAction))
            {
                throw Error(node.Get("failure_action")!, uat + ".failure_action", $"'{u.FailureAction}' is not a failure action: use continue, pause or rollback.");
            }

            if (u.Order != null && u.Order != "stop-first" && u.Order != "start-first")
            {
                throw Error(node.Get("order")!, uat + ".order", $"'{u.Order}' is not an order: use stop-first or start-first.");
            }

            return u;
        }

        /// <summary>A mapping under deploy:, its keys checked: unknown ones are errors, refused ones are named as not supported.</summary>
        private static YamlNode? Section(YamlNode parent, string key, string at, string[] keys, string[] refused)
        {
            YamlNode? node = parent.Get(key);
            if (node == null || node.IsNull)
            {
                return null;
            }

            string sat = at + "." + key;
            ComposeLoader.RequireMap(node, sat);
            foreach (KeyValuePair<YamlNode, YamlNode> k in node.Entries.Where(k => !keys.Contains(k.Key.Value) && !(k.Key.Value ?? string.Empty).StartsWith("x-", StringComparison.Ordinal)))
            {
                if (refused.Contains(k.Key.Value))
                {
                    throw new ComposeFileException(
                        $"DockerPS does not support these compose features (yet): {sat}.{k.Key.Value} ({Path.GetFileName(k.Key.File)}, line {k.Key.Line}). See the Compose section of the README.",
                        k.Key.File, k.Key.Line, sat + "." + k.Key.Value) { ErrorId = ComposeLoader.NotSupportedId };
                }

                string? near = ComposeSchema.Suggest(k.Key.Value ?? string.Empty, keys);
                throw new ComposeFileException("unknown key" + (near != null ? $"; did you mean '{near}'?" : "."), k.Key.File, k.Key.Line, sat + "." + k.Key.Value)
                { ErrorId = ComposeLoader.UnknownKeyId };
            }

            return node;
        }

        private static double? Cpus(YamlNode? node, string at) =>
            node == null || node.IsNull ? (double?)null : Check(node, at, () => double.Parse(Scalar(node, at) ?? string.Empty, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
