using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Engine;
using DockerPS.Registry;
using DockerPS.Specs;

namespace DockerPS.Commands.Swarm
{
    /// <summary>
    /// The service settings New-SwarmService and Update-SwarmService share, as docker service create/update name
    /// them. On update, only the parameters given change; list parameters replace the whole list.
    /// </summary>
    public abstract class ServiceSettingsCmdlet : SwarmCmdlet
    {
        /// <summary>Replicas of a replicated service, or completions of a replicated job.</summary>
        [Parameter]
        public ulong? Replicas { get; set; }

        /// <summary>Environment: a hashtable, KEY=VALUE strings, or KEY alone to pass this session's value.</summary>
        [Parameter]
        [Alias("Env", "e")]
        [KeyValueTransformation(Bare = BareKey.FromEnvironment, What = "environment variable")]
        public Hashtable? Environment { get; set; }

        /// <summary>The service's labels: a hashtable or key=value strings.</summary>
        [Parameter]
        [KeyValueTransformation(Bare = BareKey.Empty, What = "label")]
        public Hashtable? Label { get; set; }

        /// <summary>Labels every task's container gets.</summary>
        [Parameter]
        [KeyValueTransformation(Bare = BareKey.Empty, What = "label")]
        public Hashtable? ContainerLabel { get; set; }

        /// <summary>Mounts in docker --mount syntax: type=volume,source=data,target=/data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Mount { get; set; }

        /// <summary>The working directory inside each task.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? WorkingDirectory { get; set; }

        /// <summary>The user tasks run as: name, uid, or uid:gid.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? User { get; set; }

        /// <summary>The containers' host name; Go templates such as {{.Task.Slot}} work.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Hostname { get; set; }

        /// <summary>CPUs each task may use at most, such as 0.5.</summary>
        [Parameter]
        public double? CpuLimit { get; set; }

        /// <summary>Memory each task may use at most, such as 256m.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ByteSizeTransformation]
        public long? MemoryLimit { get; set; }

        /// <summary>CPUs a node must have free for each task.</summary>
        [Parameter]
        public double? CpuReservation { get; set; }

        /// <summary>Memory a node must have free for each task.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ByteSizeTransformation]
        public long? MemoryReservation { get; set; }

        /// <summary>Placement constraints: node.role==worker, node.labels.zone==east, node.hostname!=a.</summary>
        [Parameter]
        public string[]? Constraint { get; set; }

        /// <summary>Spread preferences: node.labels.zone spreads tasks evenly over the zones.</summary>
        [Parameter]
        public string[]? PlacementPreference { get; set; }

        /// <summary>At most this many tasks of the service on one node.</summary>
        [Parameter]
        public ulong? MaxReplicasPerNode { get; set; }

        /// <summary>When to restart a task's container: none, on-failure or any.</summary>
        [Parameter]
        [ValidateSet("none", "on-failure", "any", IgnoreCase = true)]
        public string? RestartCondition { get; set; }

        /// <summary>How long to wait between restarts: a TimeSpan, seconds, or a duration such as 5s.</summary>
        [Parameter]
        [ValidateNotNull]
        [DurationTransformation]
        public TimeSpan? RestartDelay { get; set; }

        /// <summary>How many restarts to try before giving up.</summary>
        [Parameter]
        public ulong? RestartMaxAttempts { get; set; }

        /// <summary>How updates roll out: @{ Parallelism = 1; Delay = '5s'; FailureAction = 'rollback'; Monitor = '5s'; MaxFailureRatio = 0; Order = 'start-first' }.</summary>
        [Parameter]
        public Hashtable? UpdateConfig { get; set; }

        /// <summary>How rollbacks roll out, with the keys of -UpdateConfig.</summary>
        [Parameter]
        public Hashtable? RollbackConfig { get; set; }

        /// <summary>The health check command, run by the container's shell.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HealthCommand { get; set; }

        /// <summary>Time between health checks.</summary>
        [Parameter]
        [ValidateNotNull]
        [DurationTransformation]
        public TimeSpan? HealthInterval { get; set; }

        /// <summary>How long one health check may run.</summary>
        [Parameter]
        [ValidateNotNull]
        [DurationTransformation]
        public TimeSpan? HealthTimeout { get; set; }

        /// <summary>Failed checks in a row before the task is unhealthy.</summary>
        [Parameter]
        public int? HealthRetries { get; set; }

        /// <summary>Time after start before failed checks count.</summary>
        [Parameter]
        [ValidateNotNull]
        [DurationTransformation]
        public TimeSpan? HealthStartPeriod { get; set; }

        /// <summary>Switch off the image's health check.</summary>
        [Parameter]
        public SwitchParameter NoHealthCheck { get; set; }

        /// <summary>Networks to attach the tasks to (overlay networks, or host for the node's own network).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(DockerPS.Completers.NetworkNameCompleter))]
        public string[]? Network { get; set; }

        /// <summary>Published ports: [published:]target[/protocol], or published=8080,target=80,mode=host.</summary>
        [Parameter]
        [Alias("Publish", "p")]
        public string[]? Port { get; set; }

        /// <summary>vip (a virtual IP per service) or dnsrr (DNS round robin over the tasks).</summary>
        [Parameter]
        [ValidateSet("vip", "dnsrr", IgnoreCase = true)]
        public string? EndpointMode { get; set; }

        /// <summary>Secrets to mount as files under /run/secrets: name, or source=name,target=file,mode=0400.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(DockerPS.Completers.SwarmSecretNameCompleter))]
        public string[]? Secret { get; set; }

        /// <summary>Configs to mount as files: name (mounted at /name), or source=name,target=/path,mode=0444.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(DockerPS.Completers.SwarmConfigNameCompleter))]
        public string[]? Config { get; set; }

        /// <summary>The signal that stops a task's container, such as SIGKILL.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StopSignal { get; set; }

        /// <summary>How long a task may take to stop before it is killed.</summary>
        [Parameter]
        [ValidateNotNull]
        [DurationTransformation]
        public TimeSpan? StopGracePeriod { get; set; }

        /// <summary>Mount the container's root filesystem read-only.</summary>
        [Parameter]
        public SwitchParameter ReadOnly { get; set; }

        /// <summary>Run an init process as PID 1 that reaps zombies and forwards signals.</summary>
        [Parameter]
        public SwitchParameter Init { get; set; }

        /// <summary>
        /// Send the credentials for the image's registry with the request (docker service create/update
        /// --with-registry-auth): the swarm keeps them with the service, so every node can pull a private image.
        /// They come from -Credential, the session's Connect-DockerRegistry login, or the docker config file.
        /// </summary>
        [Parameter]
        public SwitchParameter WithRegistryAuth { get; set; }

        /// <summary>Credentials for the image's registry; giving them implies -WithRegistryAuth.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>
        /// The credentials to send for <paramref name="image"/>'s registry: none unless -WithRegistryAuth or -Credential
        /// was given (docker's default); then the one resolver Install-Image and Publish-Image use.
        /// </summary>
        private protected RegistryAuth? ServiceRegistryAuth(string image) =>
            WithRegistryAuth.IsPresent || Credential != null ? ResolveAuth(RegistryCredentials.RegistryOf(image), Credential) : null;

        /// <summary>The settings the parameters given describe; throws ArgumentException for input it cannot read.</summary>
        private protected ServiceSettings BuildSettings()
        {
            var s = new ServiceSettings
            {
                Replicas = Replicas,
                WorkingDirectory = WorkingDirectory,
                User = User,
                Hostname = Hostname,
                Constraints = Constraint?.ToList(),
                SpreadPreferences = PlacementPreference?.ToList(),
                MaxReplicasPerNode = MaxReplicasPerNode,
                RestartCondition = RestartCondition?.ToLowerInvariant(),
                RestartMaxAttempts = RestartMaxAttempts,
                HealthRetries = HealthRetries,
                NoHealthCheck = NoHealthCheck.IsPresent,
                Networks = Network?.ToList(),
                EndpointMode = EndpointMode?.ToLowerInvariant(),
                StopSignal = StopSignal,
                ReadOnly = Bound(nameof(ReadOnly)) ? ReadOnly.IsPresent : (bool?)null,
                Init = Bound(nameof(Init)) ? Init.IsPresent : (bool?)null,
            };
            if (Environment != null)
            {
                s.Environment = EnvironmentSpec.Parse(Environment, name => System.Environment.GetEnvironmentVariable(name));
            }

            s.Labels = Label != null ? LabelSpec.Parse(Label) : null;
            s.ContainerLabels = ContainerLabel != null ? LabelSpec.Parse(ContainerLabel) : null;
            s.Mounts = Mount?.Select(MountSpec.ParseMount).ToList();
            s.CpuLimitNano = CpuLimit.HasValue ? SizeSpec.CpusToNano(CpuLimit.Value) : (long?)null;
            s.CpuReservationNano = CpuReservation.HasValue ? SizeSpec.CpusToNano(CpuReservation.Value) : (long?)null;
            s.MemoryLimit = MemoryLimit;
            s.MemoryReservation = MemoryReservation;
            s.RestartDelay = Duration(RestartDelay);
            s.Update = Policy(UpdateConfig, "-UpdateConfig");
            s.Rollback = Policy(RollbackConfig, "-RollbackConfig");
            s.HealthCommand = HealthCommand != null ? new List<string> { "CMD-SHELL", HealthCommand } : null;
            s.HealthInterval = Duration(HealthInterval);
            s.HealthTimeout = Duration(HealthTimeout);
            s.HealthStartPeriod = Duration(HealthStartPeriod);
            s.StopGracePeriod = Duration(StopGracePeriod);
            s.Ports = Port?.Select(SwarmSpecs.ParsePort).ToList();
            s.Secrets = Secret?.Select(r => SecretTarget(SwarmSpecs.ParseFileReference(r))).ToList();
            s.Configs = Config?.Select(r => ConfigTarget(SwarmSpecs.ParseFileReference(r))).ToList();
            return s;
        }

        private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        private static TimeSpan? Duration(object? value) => value != null ? DurationSpec.Parse(value) : (TimeSpan?)null;

        /// <summary>Secrets are read-only to the owner's group by default (0444 as docker has it) under /run/secrets.</summary>
        private static FileReferenceSpec SecretTarget(FileReferenceSpec r) => r;

        /// <summary>A config named without a path lands at /name, as docker service create --config places it.</summary>
        private static FileReferenceSpec ConfigTarget(FileReferenceSpec r)
        {
            if (!r.Target.StartsWith("/", StringComparison.Ordinal))
            {
                r.Target = "/" + r.Target;
            }

            return r;
        }

        private static UpdatePolicy? Policy(Hashtable? table, string parameter)
        {
            if (table == null)
            {
                return null;
            }

            var p = new UpdatePolicy();
            foreach (DictionaryEntry e in table)
            {
                string key = Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                object? value = e.Value is PSObject pso ? pso.BaseObject : e.Value;
                string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                switch (key.ToLowerInvariant())
                {
                    case "parallelism":
                        p.Parallelism = Convert.ToUInt64(value, CultureInfo.InvariantCulture);
                        break;
                    case "delay":
                        p.Delay = DurationSpec.Parse(value);
                        break;
                    case "monitor":
                        p.Monitor = DurationSpec.Parse(value);
                        break;
                    case "failureaction":
                        p.FailureAction = Choice(text, parameter, key, "pause", "continue", "rollback");
                        break;
                    case "maxfailureratio":
                        p.MaxFailureRatio = Convert.ToSingle(value, CultureInfo.InvariantCulture);
                        break;
                    case "order":
                        p.Order = Choice(text, parameter, key, "stop-first", "start-first");
                        break;
                    default:
                        throw new ArgumentException($"{parameter} has no key '{key}'; use Parallelism, Delay, FailureAction, Monitor, MaxFailureRatio or Order.");
                }
            }

            return p;
        }

        private static string Choice(string text, string parameter, string key, params string[] allowed) =>
            allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"{parameter} {key} '{text}' is not one of {string.Join(", ", allowed)}.");
    }
}
