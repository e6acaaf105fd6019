using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
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
        public object? Environment { get; set; }

        /// <summary>Published ports: [ip:][hostPort:]containerPort[/protocol], ranges allowed (docker -p).</summary>
        [Parameter]
        [Alias("Publish", "p")]
        public string[]? Port { get; set; }

        /// <summary>Ports exposed without publishing: 80 or 80/udp (docker --expose).</summary>
        [Parameter]
        public string[]? Expose { get; set; }

        /// <summary>Binds and named volumes: source:target[:ro] (docker -v).</summary>
        [Parameter]
        [Alias("v")]
        public string[]? Volume { get; set; }

        /// <summary>Mounts in docker's long syntax: type=bind|volume|tmpfs,source=…,target=…,readonly (docker --mount).</summary>
        [Parameter]
        public string[]? Mount { get; set; }

        /// <summary>tmpfs mounts: /path[:size=64m,mode=1777] (docker --tmpfs).</summary>
        [Parameter]
        public string[]? Tmpfs { get; set; }

        /// <summary>Labels: a hashtable or key=value strings.</summary>
        [Parameter]
        [Alias("l")]
        public object? Label { get; set; }

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
        public string? Memory { get; set; }

        /// <summary>Memory plus swap limit; -1 for unlimited swap.</summary>
        [Parameter]
        public string? MemorySwap { get; set; }

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
        public object? HealthInterval { get; set; }

        /// <summary>How long one health check may take.</summary>
        [Parameter]
        public object? HealthTimeout { get; set; }

        /// <summary>Failures in a row before the container is unhealthy.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? HealthRetries { get; set; }

        /// <summary>Start-up time during which failures do not count.</summary>
        [Parameter]
        public object? HealthStartPeriod { get; set; }

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
                Environment = EnvironmentSpec.Parse(Environment, System.Environment.GetEnvironmentVariable),
                Labels = LabelSpec.Parse(Label),
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
            };

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
                if (m.Type == "bind" && m.Source != null && !m.Source.StartsWith("/", StringComparison.Ordinal) && !(m.Source.Length > 1 && m.Source[1] == ':'))
                {
                    // docker run -v ./data:/data means the caller's folder: resolve it as PowerShell does.
                    m.Source = SessionState.Path.GetUnresolvedProviderPathFromPSPath(m.Source);
                }

                spec.Mounts.Add(m);
            }

            foreach (string m in Mount ?? Array.Empty<string>())
            {
                spec.Mounts.Add(MountSpec.ParseMount(m));
            }

            foreach (string t in Tmpfs ?? Array.Empty<string>())
            {
                spec.Mounts.Add(MountSpec.ParseTmpfs(t));
            }

            if (RestartPolicy != null)
            {
                (string policy, long retries) = RestartPolicySpec.Parse(RestartPolicy);
                spec.RestartPolicy = policy;
                spec.RestartMaximumRetryCount = retries;
            }

            spec.Memory = Memory != null ? SizeSpec.ParseBytes(Memory) : (long?)null;
            spec.MemorySwap = MemorySwap != null ? SizeSpec.ParseSwap(MemorySwap) : (long?)null;
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

            return spec;
        }

        /// <summary>Awaits a create-time request; failures are non-terminating errors named for what went wrong.</summary>
        internal bool TryCallFor<T>(Func<CancellationToken, Task<T>> work, ContainerCreateSpec spec, out T result)
        {
            result = default!;
            try
            {
                result = Await(work);
                return true;
            }
            catch (DockerEngineException e) when (e.StatusCode == 404)
            {
                var missing = new DockerEngineException(404, e.EngineMessage + ". DockerPS does not pull on create: run Install-Image first.", e.Endpoint, e);
                WriteError(ErrorMapper.Record(missing, "ImageNotFound", ErrorCategory.ObjectNotFound, spec.Image));
            }
            catch (DockerEngineException e) when (e.StatusCode == 400)
            {
                WriteError(ErrorMapper.Record(e, "InvalidContainerSpec", ErrorCategory.InvalidArgument, (object?)spec.Name ?? spec.Image));
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                WriteEngineError(e, "Container", (object?)spec.Name ?? spec.Image);
            }

            return false;
        }

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
