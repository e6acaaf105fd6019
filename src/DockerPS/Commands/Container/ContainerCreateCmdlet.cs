using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Arguments;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Registry;
using DockerPS.Specs;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// The parameters of docker create / docker run, shared by New-Container and Invoke-Container, and their
    /// translation into a <see cref="ContainerCreateSpec"/> with docker's own parsing rules.
    /// </summary>
    public abstract class ContainerCreateCmdlet : DockerCmdlet
    {
        /// <summary>The image to run: repository[:tag], an id, or a piped image object (its Reference).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Reference")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageReferenceCompleter))]
        public string Image { get; set; } = string.Empty;

        /// <summary>The command and its arguments; everything after the image on the command line.</summary>
        [Parameter(Position = 1, ValueFromRemainingArguments = true)]
        [Alias("Cmd")]
        public string[]? Command { get; set; }

        /// <summary>The container's name (docker --name).</summary>
        [Parameter]
        [ValidatePattern("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
        public string? Name { get; set; }

        /// <summary>Overrides the image's entrypoint; an empty string clears it.</summary>
        [Parameter]
        public string[]? Entrypoint { get; set; }

        /// <summary>Environment: a hashtable, KEY=VALUE strings, or KEY alone to pass this session's value (docker -e).</summary>
        [Parameter]
        [Alias("Env", "e")]
        [KeyValueTransformation(Bare = BareKey.FromEnvironment, What = "environment variable")]
        public Hashtable? Environment { get; set; }

        /// <summary>Published ports: [ip:][hostPort:]containerPort[/protocol], ranges allowed (docker -p).</summary>
        [Parameter]
        [Alias("Publish", "p")]
        public string[]? Port { get; set; }

        /// <summary>Ports exposed without publishing: 80 or 80/udp (docker --expose).</summary>
        [Parameter]
        public string[]? Expose { get; set; }

        /// <summary>Binds and named volumes: source:target[:options], or a target alone for an anonymous volume (docker -v).</summary>
        [Parameter]
        [Alias("v")]
        public string[]? Volume { get; set; }

        /// <summary>Mounts in docker's long syntax: type=bind|volume|tmpfs,source=…,target=…,readonly (docker --mount).</summary>
        [Parameter]
        public string[]? Mount { get; set; }

        /// <summary>tmpfs mounts: /path[:options] such as size=64m,mode=1777,exec (docker --tmpfs).</summary>
        [Parameter]
        public string[]? Tmpfs { get; set; }

        /// <summary>Labels: a hashtable or key=value strings.</summary>
        [Parameter]
        [Alias("l")]
        [KeyValueTransformation(Bare = BareKey.Empty, What = "label")]
        public Hashtable? Label { get; set; }

        /// <summary>The working directory inside the container (docker -w).</summary>
        [Parameter]
        [Alias("WorkDir", "w")]
        public string? WorkingDirectory { get; set; }

        /// <summary>user[:group] or uid[:gid] to run as (docker -u).</summary>
        [Parameter]
        [Alias("u")]
        public string? User { get; set; }

        /// <summary>The container's host name.</summary>
        [Parameter]
        public string? Hostname { get; set; }

        /// <summary>The network to connect to: bridge, host, none, container:&lt;name&gt; or a network's name.</summary>
        [Parameter]
        [Alias("Net")]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        public string? Network { get; set; }

        /// <summary>no, always, unless-stopped or on-failure[:max-retries].</summary>
        [Parameter]
        [Alias("Restart")]
        public string? RestartPolicy { get; set; }

        /// <summary>Memory limit: bytes, or a size such as 512m or 1g (PowerShell's 512MB works too).</summary>
        [Parameter]
        [Alias("m")]
        [ByteSizeTransformation]
        public long? Memory { get; set; }

        /// <summary>Memory plus swap limit; -1 for unlimited swap.</summary>
        [Parameter]
        [ByteSizeTransformation(MinusOneIsUnlimited = true)]
        public long? MemorySwap { get; set; }

        /// <summary>CPU limit in CPUs, e.g. 0.5 or 2 (docker --cpus).</summary>
        [Parameter]
        public double? Cpus { get; set; }

        /// <summary>Relative CPU weight (docker --cpu-shares).</summary>
        [Parameter]
        public long? CpuShares { get; set; }

        /// <summary>Allocate a pseudo-terminal (docker -t).</summary>
        [Parameter]
        [Alias("t")]
        public SwitchParameter Tty { get; set; }

        /// <summary>Keep stdin open (docker -i).</summary>
        [Parameter]
        [Alias("i")]
        public SwitchParameter Interactive { get; set; }

        /// <summary>Mount the root filesystem read-only (docker --read-only).</summary>
        [Parameter]
        public SwitchParameter ReadOnly { get; set; }

        /// <summary>Give the container extended privileges (docker --privileged).</summary>
        [Parameter]
        public SwitchParameter Privileged { get; set; }

        /// <summary>Linux capabilities to add, e.g. NET_ADMIN.</summary>
        [Parameter]
        public string[]? CapAdd { get; set; }

        /// <summary>Linux capabilities to drop, e.g. ALL.</summary>
        [Parameter]
        public string[]? CapDrop { get; set; }

        /// <summary>A health check command run by the shell (docker --health-cmd).</summary>
        [Parameter]
        public string? HealthCommand { get; set; }

        /// <summary>Time between health checks: 30s, 1m, 00:00:30.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan? HealthInterval { get; set; }

        /// <summary>How long one health check may take.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan? HealthTimeout { get; set; }

        /// <summary>Failures in a row before the container is unhealthy.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? HealthRetries { get; set; }

        /// <summary>Start-up time during which failures do not count.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan? HealthStartPeriod { get; set; }

        /// <summary>Disable the image's health check (docker --no-healthcheck).</summary>
        [Parameter]
        public SwitchParameter NoHealthCheck { get; set; }

        /// <summary>The signal that stops the container, e.g. SIGINT.</summary>
        [Parameter]
        public string? StopSignal { get; set; }

        /// <summary>Seconds to wait after the stop signal before killing.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? StopTimeout { get; set; }

        /// <summary>When to pull the image: missing (the default, as docker), always or never (docker --pull).</summary>
        [Parameter]
        [ValidateSet("missing", "always", "never")]
        public string Pull { get; set; } = "missing";

        /// <summary>The image platform, os[/arch[/variant]] (docker --platform).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Platform { get; set; }

        /// <summary>Files of KEY=VALUE lines, read before -Environment (docker --env-file).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? EnvFile { get; set; }

        /// <summary>Files of key=value lines, read before -Label (docker --label-file).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? LabelFile { get; set; }

        /// <summary>Publish every exposed port on a random host port (docker -P, --publish-all).</summary>
        [Parameter]
        public SwitchParameter PublishAll { get; set; }

        /// <summary>Run an init process as PID 1 that forwards signals and reaps zombies (docker --init).</summary>
        [Parameter]
        public SwitchParameter Init { get; set; }

        /// <summary>host:ip entries for /etc/hosts (docker --add-host).</summary>
        [Parameter]
        public string[]? AddHost { get; set; }

        /// <summary>DNS servers (docker --dns).</summary>
        [Parameter]
        public string[]? Dns { get; set; }

        /// <summary>DNS search domains (docker --dns-search).</summary>
        [Parameter]
        public string[]? DnsSearch { get; set; }

        /// <summary>resolv.conf options, such as ndots:2 (docker --dns-option).</summary>
        [Parameter]
        [Alias("DnsOpt")]
        public string[]? DnsOption { get; set; }

        /// <summary>Resource limits, name=soft[:hard] such as nofile=1024:2048 (docker --ulimit).</summary>
        [Parameter]
        public string[]? Ulimit { get; set; }

        /// <summary>Host devices, host-path[:container-path][:rwm] (docker --device).</summary>
        [Parameter]
        public string[]? Device { get; set; }

        /// <summary>GPUs to give the container: all, a count, or device=ids (docker --gpus).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Gpus { get; set; }

        /// <summary>The logging driver, such as json-file, local or none (docker --log-driver).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogDriver { get; set; }

        /// <summary>Logging driver options: a hashtable or key=value strings (docker --log-opt).</summary>
        [Parameter]
        [Alias("LogOpt")]
        [KeyValueTransformation(What = "log option")]
        public Hashtable? LogOption { get; set; }

        /// <summary>Size of /dev/shm, such as 128m (docker --shm-size).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ByteSizeTransformation]
        public long? ShmSize { get; set; }

        /// <summary>Namespaced kernel parameters: a hashtable or key=value strings (docker --sysctl).</summary>
        [Parameter]
        [KeyValueTransformation(What = "sysctl")]
        public Hashtable? Sysctl { get; set; }

        /// <summary>Security options, such as no-new-privileges or seccomp=unconfined (docker --security-opt).</summary>
        [Parameter]
        public string[]? SecurityOpt { get; set; }

        /// <summary>The most processes the container may have; -1 for no limit (docker --pids-limit).</summary>
        [Parameter]
        public long? PidsLimit { get; set; }

        /// <summary>Extra names of the container on its network (docker --network-alias).</summary>
        [Parameter]
        public string[]? NetworkAlias { get; set; }

        /// <summary>The container's IPv4 address on its network (docker --ip).</summary>
        [Parameter]
        [Alias("Ip")]
        [ValidateNotNullOrEmpty]
        public string? IPAddress { get; set; }

        /// <summary>The container's IPv6 address on its network (docker --ip6).</summary>
        [Parameter]
        [Alias("Ip6")]
        [ValidateNotNullOrEmpty]
        public string? IPv6Address { get; set; }

        /// <summary>The container's MAC address (docker --mac-address).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MacAddress { get; set; }

        /// <summary>The IPC namespace: private, shareable, host, none or container:&lt;name&gt; (docker --ipc).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Ipc { get; set; }

        /// <summary>The PID namespace: host or container:&lt;name&gt; (docker --pid).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Pid { get; set; }

        /// <summary>The UTS namespace: host (docker --uts).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Uts { get; set; }

        /// <summary>The user namespace: host (docker --userns).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Userns { get; set; }

        /// <summary>The cgroup namespace: host or private (docker --cgroupns).</summary>
        [Parameter]
        [ValidateSet("host", "private")]
        public string? Cgroupns { get; set; }

        /// <summary>Mount the volumes of these containers, name[:ro|rw] (docker --volumes-from).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[]? VolumesFrom { get; set; }

        /// <summary>The OCI runtime, such as runc (docker --runtime).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Runtime { get; set; }

        /// <summary>The isolation technology; Windows engines only: process or hyperv (docker --isolation).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Isolation { get; set; }

        /// <summary>A soft memory limit, such as 256m (docker --memory-reservation).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ByteSizeTransformation]
        public long? MemoryReservation { get; set; }

        /// <summary>CPUs the container may run on, such as 0-2 or 0,1 (docker --cpuset-cpus).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CpusetCpus { get; set; }

        /// <summary>Memory nodes the container may use, such as 0 (docker --cpuset-mems).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CpusetMems { get; set; }

        /// <summary>The CFS period in microseconds (docker --cpu-period).</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long? CpuPeriod { get; set; }

        /// <summary>The CFS quota in microseconds per period (docker --cpu-quota).</summary>
        [Parameter]
        public long? CpuQuota { get; set; }

        /// <summary>Relative block IO weight, 10 to 1000 (docker --blkio-weight).</summary>
        [Parameter]
        [ValidateRange(10, 1000)]
        public ushort? BlkioWeight { get; set; }

        /// <summary>Do not let the kernel's OOM killer kill the container (docker --oom-kill-disable).</summary>
        [Parameter]
        public SwitchParameter OomKillDisable { get; set; }

        /// <summary>The OOM score adjustment, -1000 to 1000 (docker --oom-score-adj).</summary>
        [Parameter]
        [ValidateRange(-1000, 1000)]
        public int? OomScoreAdj { get; set; }

        /// <summary>Storage driver options: a hashtable or key=value strings such as size=1G (docker --storage-opt).</summary>
        [Parameter]
        [KeyValueTransformation(What = "storage option")]
        public Hashtable? StorageOpt { get; set; }

        /// <summary>Extra groups for the container's user (docker --group-add).</summary>
        [Parameter]
        public string[]? GroupAdd { get; set; }

        /// <summary>
        /// Anything else, as Engine API create-body fields merged over the parameters above:
        /// @{ HostConfig = @{ ShmSize = 134217728 }; Domainname = 'corp' }.
        /// </summary>
        [Parameter]
        public Hashtable? Configuration { get; set; }

        /// <summary>Builds the create request; ArgumentException carries docker-style messages for bad specs.</summary>
        private protected ContainerCreateSpec BuildSpec(bool autoRemove)
        {
            var spec = new ContainerCreateSpec
            {
                Image = Image,
                Name = Name?.TrimStart('/'),
                Command = Command != null && Command.Length > 0 ? new List<string>(Command) : null,
                Entrypoint = Entrypoint != null ? new List<string>(Entrypoint.Length == 1 && Entrypoint[0].Length == 0 ? Array.Empty<string>() : Entrypoint) : null,
                Environment = ReadEnvironment(),
                Labels = ReadLabels(),
                WorkingDirectory = WorkingDirectory,
                User = User,
                Hostname = Hostname,
                Network = Network,
                Tty = Tty.IsPresent,
                Interactive = Interactive.IsPresent,
                AutoRemove = autoRemove,
                ReadOnlyRootFilesystem = ReadOnly.IsPresent,
                Privileged = Privileged.IsPresent,
                CapAdd = new List<string>(CapAdd ?? Array.Empty<string>()),
                CapDrop = new List<string>(CapDrop ?? Array.Empty<string>()),
                StopSignal = StopSignal,
                StopTimeoutSeconds = StopTimeout,
                CpuShares = CpuShares,
                Platform = Platform,
                Isolation = Isolation,
                PublishAllPorts = PublishAll.IsPresent,
                Init = Init.IsPresent ? true : (bool?)null,
                ExtraHosts = new List<string>(AddHost ?? Array.Empty<string>()),
                Dns = new List<string>(Dns ?? Array.Empty<string>()),
                DnsSearch = new List<string>(DnsSearch ?? Array.Empty<string>()),
                DnsOptions = new List<string>(DnsOption ?? Array.Empty<string>()),
                Ulimits = (Ulimit ?? Array.Empty<string>()).Select(UlimitParser.Parse).ToList(),
                Devices = (Device ?? Array.Empty<string>()).Select(DeviceParser.Parse).ToList(),
                Gpus = Gpus != null ? GpuParser.Parse(Gpus) : null,
                LogDriver = LogDriver,
                LogOptions = OptionMapSpec.Parse(LogOption, "log option"),
                ShmSize = ShmSize,
                Sysctls = OptionMapSpec.Parse(Sysctl, "sysctl"),
                SecurityOptions = new List<string>(SecurityOpt ?? Array.Empty<string>()),
                PidsLimit = PidsLimit,
                NetworkAliases = new List<string>(NetworkAlias ?? Array.Empty<string>()),
                IPv4Address = IPAddress,
                IPv6Address = IPv6Address,
                MacAddress = MacAddress,
                IpcMode = Ipc,
                PidMode = Pid,
                UtsMode = Uts,
                UsernsMode = Userns,
                CgroupnsMode = Cgroupns,
                VolumesFrom = new List<string>(VolumesFrom ?? Array.Empty<string>()),
                Runtime = Runtime,
                MemoryReservation = MemoryReservation,
                CpusetCpus = CpusetCpus,
                CpusetMems = CpusetMems,
                CpuPeriod = CpuPeriod,
                CpuQuota = CpuQuota,
                BlkioWeight = BlkioWeight,
                OomKillDisable = OomKillDisable.IsPresent ? true : (bool?)null,
                OomScoreAdj = OomScoreAdj,
                StorageOptions = OptionMapSpec.Parse(StorageOpt, "storage option"),
                GroupAdd = new List<string>(GroupAdd ?? Array.Empty<string>()),
            };

            if (spec.NetworkAliases.Count > 0 && string.IsNullOrEmpty(spec.Network))
            {
                throw new ArgumentException("-NetworkAlias needs -Network: aliases belong to a user-defined network.");
            }

            foreach (string p in Port ?? Array.Empty<string>())
            {
                spec.Ports.AddRange(PortSpec.Parse(p));
            }

            foreach (string e in Expose ?? Array.Empty<string>())
            {
                foreach (PortBindingSpec p in PortSpec.Parse(e))
                {
                    if (p.HostPort != null || p.HostIp != null)
                    {
                        throw new ArgumentException($"-Expose '{e}' names a host port; use -Port to publish.");
                    }

                    spec.Expose.Add(p.Key);
                }
            }

            foreach (string v in Volume ?? Array.Empty<string>())
            {
                MountSpecItem m = MountSpec.ParseVolume(v);
                if (m.Source == null)
                {
                    // docker -v /scratch: an anonymous volume, declared in the config as docker does.
                    spec.AnonymousVolumes.Add(m.Target);
                    continue;
                }

                string source = m.Source;
                if (m.Type == "bind" && !source.StartsWith("/", StringComparison.Ordinal) && !(source.Length > 1 && source[1] == ':'))
                {
                    // docker run -v ./data:/data means the caller's folder: resolve it as PowerShell does.
                    source = SessionState.Path.GetUnresolvedProviderPathFromPSPath(source);
                }

                // As docker sends it: a bind the engine creates when missing, with every option (z, Z, propagation) kept.
                spec.Binds.Add(source + ":" + m.Target + (m.Options != null ? ":" + m.Options : string.Empty));
            }

            foreach (string m in Mount ?? Array.Empty<string>())
            {
                spec.Mounts.Add(MountSpec.ParseMount(m));
            }

            foreach (string t in Tmpfs ?? Array.Empty<string>())
            {
                (string path, string options) = MountSpec.ParseTmpfs(t);
                spec.Tmpfs[path] = options;
            }

            if (RestartPolicy != null)
            {
                (string policy, long retries) = RestartPolicySpec.Parse(RestartPolicy);
                spec.RestartPolicy = policy;
                spec.RestartMaximumRetryCount = retries;
            }

            spec.Memory = Memory;
            spec.MemorySwap = MemorySwap;
            spec.NanoCpus = Cpus.HasValue ? SizeSpec.CpusToNano(Cpus.Value) : (long?)null;

            if (NoHealthCheck.IsPresent && HealthCommand != null)
            {
                throw new ArgumentException("-NoHealthCheck and -HealthCommand cannot be used together.");
            }

            if (NoHealthCheck.IsPresent)
            {
                spec.HealthCheck = new HealthCheckSpec { Test = new List<string> { "NONE" } };
            }
            else if (HealthCommand != null || HealthInterval != null || HealthTimeout != null || HealthRetries != null || HealthStartPeriod != null)
            {
                spec.HealthCheck = new HealthCheckSpec
                {
                    Test = HealthCommand != null ? new List<string> { "CMD-SHELL", HealthCommand } : new List<string>(),
                    Interval = HealthInterval != null ? DurationSpec.Parse(HealthInterval) : (TimeSpan?)null,
                    Timeout = HealthTimeout != null ? DurationSpec.Parse(HealthTimeout) : (TimeSpan?)null,
                    StartPeriod = HealthStartPeriod != null ? DurationSpec.Parse(HealthStartPeriod) : (TimeSpan?)null,
                    Retries = HealthRetries,
                };
            }

            if (Configuration != null)
            {
                spec.Extra = (IDictionary<string, object?>?)Plain(Configuration);
            }

            WarnAboutMistypedParameters();
            return spec;
        }

        /// <summary>-EnvFile lines first, then -Environment, as docker merges --env-file and -e.</summary>
        private List<string> ReadEnvironment()
        {
            var env = new List<string>();
            foreach (string file in EnvFile ?? Array.Empty<string>())
            {
                env.AddRange(EnvironmentSpec.ParseFile(file, ReadTextFile(file), System.Environment.GetEnvironmentVariable));
            }

            env.AddRange(EnvironmentSpec.Parse(Environment, System.Environment.GetEnvironmentVariable));
            return env;
        }

        /// <summary>-LabelFile lines first, then -Label, which wins for a key in both.</summary>
        private Dictionary<string, string> ReadLabels()
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string file in LabelFile ?? Array.Empty<string>())
            {
                foreach (KeyValuePair<string, string> pair in LabelSpec.ParseFile(file, ReadTextFile(file)))
                {
                    labels[pair.Key] = pair.Value;
                }
            }

            foreach (KeyValuePair<string, string> pair in LabelSpec.Parse(Label))
            {
                labels[pair.Key] = pair.Value;
            }

            return labels;
        }

        /// <summary>Reads a file named relative to the PowerShell location; a missing file is bad input.</summary>
        private string ReadTextFile(string file)
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(file);
            try
            {
                return System.IO.File.ReadAllText(path);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                throw new ArgumentException($"Cannot read '{file}': {e.Message}", e);
            }
        }

        /// <summary>
        /// PowerShell hands a parameter it does not know (-Netwrk) to -Command, so it would become part of the
        /// container's command. A word after the image that is close to one of this cmdlet's parameters is
        /// probably such a slip; a line that uses -- has said that what follows is the command's.
        /// </summary>
        private void WarnAboutMistypedParameters()
        {
            if (Command == null || Command.Length == 0 || UsesEndOfParameters())
            {
                return;
            }

            var names = new List<string>();
            foreach (ParameterMetadata p in MyInvocation.MyCommand.Parameters.Values)
            {
                names.Add(p.Name);
                names.AddRange(p.Aliases);
            }

            foreach (string argument in Command)
            {
                if (!LooksLikeParameter(argument))
                {
                    continue;
                }

                string word = argument.Substring(1).TrimEnd(':');
                string? close = names.Where(n => n.Length >= 4).OrderBy(n => EditDistance(word, n)).FirstOrDefault();
                if (close != null && EditDistance(word, close) <= Math.Max(1, Math.Min(2, close.Length / 4)))
                {
                    WriteWarning($"'{argument}' is passed to the container's command, but it looks like a mistyped parameter (-{close}?). "
                        + "Put -- before command arguments that start with '-' to pass them without this warning.");
                }
            }
        }

        private bool UsesEndOfParameters()
        {
            string line = MyInvocation.Line ?? string.Empty;
            return System.Text.RegularExpressions.Regex.IsMatch(line, @"(^|\s)--(\s|$)");
        }

        private static bool LooksLikeParameter(string argument) =>
            argument.Length >= 4 && argument[0] == '-' && char.IsLetter(argument[1]) && argument.Substring(1).TrimEnd(':').All(char.IsLetterOrDigit);

        /// <summary>Levenshtein distance, case-insensitive.</summary>
        private static int EditDistance(string a, string b)
        {
            a = a.ToLowerInvariant();
            b = b.ToLowerInvariant();
            var row = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                row[j] = j;
            }

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

        /// <summary>The ErrorId of parameter values or a create request the engine refuses.</summary>
        internal const string InvalidContainerSpecId = ErrorIds.InvalidContainerSpec;

        /// <summary>The ErrorId of an image that is not here and was not (or could not be) pulled.</summary>
        internal const string ImageNotFoundId = ErrorIds.ImageNotFound;

        /// <summary>The ErrorId of a pull that failed (other than a missing image or refused credentials).</summary>
        internal const string ImagePullFailedId = ErrorIds.ImagePullFailed;

        /// <summary>
        /// Creates the container as docker create does with --pull: pulls first with always; with missing, pulls when
        /// the engine has no such image and tries once more. Failures are non-terminating errors; false then.
        /// </summary>
        internal bool TryCreateContainer(IDockerEngine engine, ContainerCreateSpec spec, out ContainerCreated created)
        {
            created = null!;
            if (Pull == "always" && !PullImage(engine, spec.Image))
            {
                return false;
            }

            bool mayPull = Pull == "missing";
            while (true)
            {
                try
                {
                    created = Await(ct => engine.CreateContainerAsync(spec, ct));
                    return true;
                }
                catch (DockerEngineException e) when (ErrorMapper.IsNotFound(e, "Image") && mayPull && ImageIsMissing(engine, spec.Image))
                {
                    mayPull = false;
                    WriteVerbose($"Unable to find image '{spec.Image}' locally; pulling it.");
                    if (!PullImage(engine, spec.Image))
                    {
                        return false;
                    }
                }
                catch (DockerEngineException e) when (ErrorMapper.IsNotFound(e, "Image"))
                {
                    string hint = Pull == "never" ? ". -Pull never does not pull: run Install-Image first, or use -Pull missing." : string.Empty;
                    var missing = new DockerEngineException(404, e.EngineMessage + hint, e.Endpoint, e);
                    WriteError(ErrorMapper.Record(missing, ImageNotFoundId, ErrorCategory.ObjectNotFound, spec.Image));
                    return false;
                }
                catch (DockerEngineException e) when (ErrorMapper.IsBadInput(e))
                {
                    WriteError(ErrorMapper.Record(e, InvalidContainerSpecId, ErrorCategory.InvalidArgument, (object?)spec.Name ?? spec.Image));
                    return false;
                }
                catch (ArgumentException e)
                {
                    WriteError(ErrorMapper.Record(e, InvalidContainerSpecId, ErrorCategory.InvalidArgument, (object?)spec.Name ?? spec.Image));
                    return false;
                }
                catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
                {
                    WriteEngineError(e, "Container", (object?)spec.Name ?? spec.Image);
                    return false;
                }
            }
        }

        private bool ImageIsMissing(IDockerEngine engine, string image)
        {
            try
            {
                Await(ct => engine.InspectImageAsync(image, ct));
                return false;
            }
            catch (DockerEngineException e) when (ErrorMapper.IsNotFound(e, "Image"))
            {
                return true;
            }
        }

        private bool PullImage(IDockerEngine engine, string image) => PullImage(engine, image, Platform);

        /// <summary>Reads one container back as Get-Container shows it (to output, or pipe on).</summary>
        internal bool TryReadContainer(IDockerEngine engine, string id, object target, out DockerContainer? container) =>
            TryCall(ct => ContainerQueries.ByIdAsync(engine, id, ct), "Container", target, out container);

        /// <summary>Turns a hashtable from PowerShell into plain dictionaries, lists and scalars (no PSObject wrappers).</summary>
        internal static object? Plain(object? value)
        {
            object? v = value is PSObject p ? p.BaseObject : value;
            switch (v)
            {
                case null:
                    return null;
                case string s:
                    return s;
                case IDictionary d:
                    var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry e in d)
                    {
                        result[Convert.ToString(e.Key is PSObject pk ? pk.BaseObject : e.Key, CultureInfo.InvariantCulture) ?? string.Empty] = Plain(e.Value);
                    }

                    return result;
                case IEnumerable list:
                    var items = new List<object?>();
                    foreach (object? item in list)
                    {
                        items.Add(Plain(item));
                    }

                    return items;
                case int _:
                case long _:
                case bool _:
                case double _:
                    return v;
                default:
                    return v is IConvertible c && !(v is char) && c.GetTypeCode() is TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.UInt32
                        ? Convert.ToInt64(v, CultureInfo.InvariantCulture)
                        : Convert.ToString(v, CultureInfo.InvariantCulture);
            }
        }
    }
}
