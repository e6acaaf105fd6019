using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerPS.Compose
{
    /// <summary>
    /// The keys of the compose specification, split into what DockerPS carries out and what it refuses. A key in
    /// neither list is a typo (or not compose at all) and gets a "did you mean" answer.
    /// </summary>
    internal static class ComposeSchema
    {
        public static readonly string[] TopSupported = { "version", "name", "services", "networks", "volumes", "secrets", "configs" };

        public static readonly string[] TopRefused = { "include", "models" };

        public static readonly string[] ServiceSupported =
        {
            "image", "container_name", "command", "entrypoint", "environment", "env_file", "labels", "ports", "expose",
            "volumes", "depends_on", "healthcheck", "networks", "network_mode", "deploy", "scale", "profiles", "restart",
            "working_dir", "user", "hostname", "tmpfs", "stop_signal", "stop_grace_period", "tty", "stdin_open", "init",
            "privileged", "read_only", "cap_add", "cap_drop", "dns", "extra_hosts", "security_opt", "mem_limit", "cpus",
            "shm_size", "pull_policy", "build", "extends", "secrets", "configs",
        };

        /// <summary>Service keys that are New-Container create options (limits, namespaces, kernel settings, logging).</summary>
        public static readonly string[] ServiceRuntime =
        {
            "ulimits", "sysctls", "devices", "pids_limit", "cpu_shares", "cpu_quota", "cpu_period", "cpuset", "mem_reservation",
            "memswap_limit", "oom_kill_disable", "oom_score_adj", "ipc", "pid", "uts", "userns_mode", "cgroup", "runtime",
            "dns_opt", "dns_search", "group_add", "mac_address", "logging",
        };

        public static readonly string[] ServiceRefused =
        {
            "annotations", "attach", "blkio_config", "cgroup_parent", "cpu_count", "cpu_percent", "cpu_rt_period",
            "cpu_rt_runtime", "credential_spec", "develop", "device_cgroup_rules", "domainname", "driver_opts",
            "external_links", "gpus", "isolation", "label_file", "links", "mem_swappiness", "models", "platform",
            "post_start", "pre_stop", "provider", "pull_refresh_after", "storage_opt", "use_api_socket", "volumes_from",
        };

        /// <summary>The keys of a service's build: section that DockerPS builds with.</summary>
        public static readonly string[] BuildSupported =
        {
            "context", "dockerfile", "dockerfile_inline", "args", "target", "labels", "cache_from", "no_cache", "pull", "tags",
            "network", "shm_size", "extra_hosts",
        };

        /// <summary>The build keys of the compose build specification that DockerPS refuses (they need buildx or a BuildKit session).</summary>
        public static readonly string[] BuildRefused =
        {
            "additional_contexts", "cache_to", "entitlements", "isolation", "platforms", "privileged", "provenance", "sbom", "secrets",
            "ssh", "ulimits",
        };

        /// <summary>The keys of extends: in its long form.</summary>
        public static readonly string[] ExtendsKeys = { "service", "file" };

        public static readonly string[] DeploySupported = { "replicas" };

        public static readonly string[] DeployRefused = { "mode", "endpoint_mode", "labels", "placement", "resources", "restart_policy", "rollback_config", "update_config" };

        /// <summary>What docker stack deploy reads of deploy: (Deploy-SwarmStack); Start-ComposeProject keeps <see cref="DeploySupported"/>.</summary>
        public static readonly string[] DeployStackSupported = { "replicas", "mode", "endpoint_mode", "labels", "placement", "resources", "restart_policy", "rollback_config", "update_config" };

        /// <summary>Keys of a top-level secret.</summary>
        public static readonly string[] SecretKeys = { "file", "environment", "external", "name", "labels" };

        /// <summary>Keys of a top-level config.</summary>
        public static readonly string[] ConfigKeys = { "file", "environment", "content", "external", "name", "labels" };

        /// <summary>Keys of a secret or config DockerPS refuses.</summary>
        public static readonly string[] FileObjectRefused = { "template_driver", "driver", "driver_opts" };

        /// <summary>The long form of a service's secrets: / configs: entry.</summary>
        public static readonly string[] FileReferenceKeys = { "source", "target", "uid", "gid", "mode" };

        public static readonly string[] ResourcesKeys = { "limits", "reservations" };

        public static readonly string[] ResourceKeys = { "cpus", "memory" };

        public static readonly string[] ResourceRefused = { "pids", "devices", "generic_resources" };

        public static readonly string[] RestartPolicyKeys = { "condition", "delay", "max_attempts", "window" };

        public static readonly string[] PlacementKeys = { "constraints", "preferences", "max_replicas_per_node" };

        public static readonly string[] UpdateConfigKeys = { "parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order" };

        public static readonly string[] HealthcheckKeys = { "test", "interval", "timeout", "retries", "start_period", "start_interval", "disable" };

        public static readonly string[] NetworkSupported = { "driver", "driver_opts", "external", "name", "labels", "internal", "attachable" };

        public static readonly string[] NetworkRefused = { "ipam", "enable_ipv6", "enable_ipv4" };

        public static readonly string[] VolumeSupported = { "driver", "driver_opts", "external", "name", "labels" };

        public static readonly string[] ServiceNetworkKeys = { "aliases", "ipv4_address", "ipv6_address" };

        public static readonly string[] DependsOnKeys = { "condition", "required", "restart" };

        public static readonly string[] PortKeys = { "target", "published", "host_ip", "protocol", "mode", "name", "app_protocol" };

        public static readonly string[] VolumeMountKeys = { "type", "source", "target", "read_only", "volume", "bind", "tmpfs", "consistency" };

        /// <summary>The nearest of <paramref name="known"/> to a mistyped key, or null when none is close.</summary>
        public static string? Suggest(string key, IEnumerable<string> known)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string k in known)
            {
                int d = Distance(key.ToLowerInvariant(), k);
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = k;
                }
            }

            return best != null && bestDistance <= Math.Max(1, Math.Min(3, best.Length / 3)) ? best : null;
        }

        private static int Distance(string a, string b)
        {
            var row = Enumerable.Range(0, b.Length + 1).ToArray();
            for (int i = 1; i <= a.Length; i++)
            {
                int previous = row[0];
                row[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int current = row[j];
                    row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                    previous = current;
                }
            }

            return row[b.Length];
        }
    }
}
