using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using DockerPS.Arguments;
using DockerPS.Compose;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Runs a one-off command in a new container of a service (docker compose run): starts what the service depends
    /// on (unless -NoDeps) and waits for their depends_on conditions, creates a container named
    /// project-service-run-&lt;12 hex&gt; and labelled com.docker.compose.oneoff=True from the service's configuration
    /// (without its ports unless -ServicePorts, and without its restart policy), and runs it attached as
    /// Invoke-Container does: each output line as it comes, the exit code in $LASTEXITCODE. -Detach returns the
    /// started container instead.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ComposeService", SupportsShouldProcess = true, DefaultParameterSetName = StreamSet)]
    [OutputType(typeof(ContainerLogLine), typeof(string), ParameterSetName = new[] { StreamSet })]
    [OutputType(typeof(DockerContainer), ParameterSetName = new[] { DetachSet })]
    public sealed class InvokeComposeServiceCommand : ProjectCmdlet
    {
        /// <summary>The label holding the one-off container's full random id, as Compose v2 writes it.</summary>
        internal const string SlugLabel = "com.docker.compose.slug";

        private const string StreamSet = "Stream";
        private const string DetachSet = "Detach";

        /// <summary>The service to run.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Service { get; set; } = string.Empty;

        /// <summary>The command and its arguments, instead of the service's command; everything after the service on the command line.</summary>
        [Parameter(Position = 2, ValueFromRemainingArguments = true)]
        [Alias("Cmd")]
        public string[]? Command { get; set; }

        /// <summary>Start the container and return it without waiting (docker compose run -d).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DetachSet)]
        [Alias("d")]
        public SwitchParameter Detach { get; set; }

        /// <summary>Write each output line as a plain string instead of a ContainerLogLine object.</summary>
        [Parameter(ParameterSetName = StreamSet)]
        public SwitchParameter Raw { get; set; }

        /// <summary>Remove the container once it has ended (docker compose run --rm).</summary>
        [Parameter]
        [Alias("rm")]
        public SwitchParameter Remove { get; set; }

        /// <summary>The container's name instead of project-service-run-&lt;12 hex&gt; (docker compose run --name).</summary>
        [Parameter]
        [ValidatePattern("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
        public string? Name { get; set; }

        /// <summary>Environment over the service's: a hashtable, KEY=VALUE strings, or KEY alone to pass this session's value (docker compose run -e).</summary>
        [Parameter]
        [Alias("Env", "e")]
        [KeyValueTransformation(Bare = BareKey.FromEnvironment, What = "environment variable")]
        public Hashtable? Environment { get; set; }

        /// <summary>Do not start the services this one depends on (docker compose run --no-deps).</summary>
        [Parameter]
        public SwitchParameter NoDeps { get; set; }

        /// <summary>user[:group] or uid[:gid] to run as instead of the service's user (docker compose run -u).</summary>
        [Parameter]
        [Alias("u")]
        public string? User { get; set; }

        /// <summary>The working directory inside the container instead of the service's (docker compose run -w).</summary>
        [Parameter]
        [Alias("WorkDir", "w")]
        public string? WorkingDirectory { get; set; }

        /// <summary>Overrides the service's entrypoint; an empty string clears it (docker compose run --entrypoint).</summary>
        [Parameter]
        public string[]? Entrypoint { get; set; }

        /// <summary>Publish the service's ports, as docker compose run --service-ports does; without it none are published.</summary>
        [Parameter]
        public SwitchParameter ServicePorts { get; set; }

        /// <summary>Seconds to wait for a depends_on condition (healthy, completed) before giving up; default 300.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int WaitTimeout { get; set; } = 300;

        protected override void ProcessRecord()
        {
            ComposeProjectConfig config = LoadProject().Config;
            ComposeService? s = config.Services.FirstOrDefault(x => x.Name == Service);
            if (s == null)
            {
                WriteError(ErrorMapper.Record(new ArgumentException($"no such service: {Service}"), StartComposeProjectCommand.ServiceNotFoundId, ErrorCategory.ObjectNotFound, Service));
                return;
            }

            if (!ShouldProcess(config.Name + "/" + s.Name, "Run a one-off container of service " + s.Name))
            {
                return;
            }

            IDockerEngine engine = ConnectDefault();
            if (!NoDeps.IsPresent && s.DependsOn.Length > 0 && !StartDependencies(config, s))
            {
                return;
            }

            Dictionary<string, List<string>> running = ProjectContainers(engine, config.Name, all: false)
                .GroupBy(ServiceOf, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(NumberOf).Select(c => c.Id).ToList(), StringComparer.Ordinal);
            if (!NoDeps.IsPresent)
            {
                foreach (ComposeDependency d in s.DependsOn.Where(d => running.ContainsKey(d.Service)))
                {
                    WaitFor(engine, s, d, running[d.Service], WaitTimeout);
                }
            }

            foreach (ComposeNetwork n in config.Networks.Where(n => s.Networks.Contains(n.Key)))
            {
                EnsureNetwork(engine, config.Name, n);
            }

            var volumes = new HashSet<string>(s.Volumes.Where(v => v.Type == "volume" && v.Source != null).Select(v => v.Source!), StringComparer.Ordinal);
            foreach (ComposeVolume v in config.Volumes.Where(v => volumes.Contains(v.Key)))
            {
                EnsureVolume(engine, config.Name, v);
            }

            if (!TryImageId(engine, s, out string? imageId))
            {
                return;
            }

            ContainerCreateSpec spec;
            try
            {
                spec = OneOffSpec(config, s, imageId, running);
            }
            catch (ArgumentException e)
            {
                WriteError(ErrorMapper.Record(e, Container.ContainerCreateCmdlet.InvalidContainerSpecId, ErrorCategory.InvalidArgument, Service));
                return;
            }

            Run(engine, config, s, spec);
        }

        /// <summary>
        /// docker compose run's dependency step: an up of the services <paramref name="s"/> depends on (and theirs),
        /// done by Start-ComposeProject with the same files, folder and profiles. False after an error.
        /// </summary>
        private bool StartDependencies(ComposeProjectConfig config, ComposeService s)
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddCommand("DockerPS\\Start-ComposeProject")
                .AddParameter(nameof(StartComposeProjectCommand.ProjectName), config.Name)
                .AddParameter(nameof(StartComposeProjectCommand.Service), s.DependsOn.Where(d => config.Services.Any(x => x.Name == d.Service)).Select(d => d.Service).ToArray())
                .AddParameter(nameof(StartComposeProjectCommand.WaitTimeout), WaitTimeout)
                .AddParameter("Confirm", false);
            if (File != null)
            {
                ps.AddParameter(nameof(File), File);
            }

            if (ProjectDirectory != null)
            {
                ps.AddParameter(nameof(ProjectDirectory), ProjectDirectory);
            }

            if (Profile != null)
            {
                ps.AddParameter(nameof(Profile), Profile);
            }

            WriteVerbose($"Starting the services {s.Name} depends on: {string.Join(", ", s.DependsOn.Select(d => d.Service))}");
            try
            {
                ps.Invoke();
            }
            catch (RuntimeException e) when (e.ErrorRecord != null)
            {
                ThrowTerminatingError(Rename(e.ErrorRecord));
            }

            foreach (WarningRecord w in ps.Streams.Warning)
            {
                WriteWarning(w.Message);
            }

            foreach (ErrorRecord e in ps.Streams.Error)
            {
                WriteError(Rename(e));
            }

            return ps.Streams.Error.Count == 0;
        }

        /// <summary>An error of the dependency step, with its ErrorId, as this command's.</summary>
        private static ErrorRecord Rename(ErrorRecord inner)
        {
            string id = inner.FullyQualifiedErrorId;
            int comma = id.IndexOf(',');
            return new ErrorRecord(inner.Exception, comma > 0 ? id.Substring(0, comma) : id, inner.CategoryInfo.Category, inner.TargetObject);
        }

        /// <summary>The service's image id, pulled first as its pull_policy says (as Start-ComposeProject does).</summary>
        private bool TryImageId(IDockerEngine engine, ComposeService s, out string? id)
        {
            id = null;
            if (s.PullPolicy == "always" && !PullImage(engine, s.Image, null))
            {
                return false;
            }

            if (TryFindImage(engine, s.Image, out id))
            {
                return true;
            }

            if (s.PullPolicy == "never")
            {
                WriteError(ErrorMapper.Record(new ArgumentException($"No such image: {s.Image} (service {s.Name} has pull_policy: never)"),
                    Container.ContainerCreateCmdlet.ImageNotFoundId, ErrorCategory.ObjectNotFound, s.Image));
                return false;
            }

            WriteVerbose($"Unable to find image '{s.Image}' locally; pulling it.");
            return PullImage(engine, s.Image, null) && TryCall(ct => engine.InspectImageAsync(s.Image, ct), "Image", s.Image, out DockerImageDetail pulled) && (id = pulled.Id) != null;
        }

        private bool TryFindImage(IDockerEngine engine, string image, out string? id)
        {
            id = null;
            try
            {
                id = Await(ct => engine.InspectImageAsync(image, ct)).Id;
                return true;
            }
            catch (DockerEngineException e) when (ErrorMapper.IsNotFound(e, "Image"))
            {
                return false;
            }
        }

        /// <summary>The service's create request changed as docker compose run changes it.</summary>
        private ContainerCreateSpec OneOffSpec(ComposeProjectConfig config, ComposeService s, string? imageId, Dictionary<string, List<string>> running)
        {
            ContainerCreateSpec spec = ComposeSpecs.Build(config, s, -1, imageId, running);
            string slug = Slug();
            // container_name does not apply to a one-off container: --name, else project-service-run-<12 hex>.
            spec.Name = Name ?? $"{config.Name}-{s.Name}-run-{slug.Substring(0, 12)}";
            spec.Labels[OneoffLabel] = "True";
            spec.Labels[SlugLabel] = slug;
            spec.RestartPolicy = null;
            spec.RestartMaximumRetryCount = 0;
            spec.NetworkAliases.Clear(); // docker compose run --use-aliases is not the default
            spec.Tty = false;            // the output is read as lines, never through a terminal
            spec.Interactive = false;
            spec.AttachOutput = !Detach.IsPresent;
            spec.AutoRemove = Detach.IsPresent && Remove.IsPresent;
            if (!ServicePorts.IsPresent)
            {
                spec.Ports.Clear();
            }

            if (Command != null && Command.Length > 0)
            {
                spec.Command = Command.ToList();
            }

            if (Entrypoint != null)
            {
                spec.Entrypoint = Entrypoint.Length == 1 && Entrypoint[0].Length == 0 ? new List<string>() : Entrypoint.ToList();
                if (Command == null || Command.Length == 0)
                {
                    spec.Command = new List<string>();
                }
            }

            if (User != null)
            {
                spec.User = User;
            }

            if (WorkingDirectory != null)
            {
                spec.WorkingDirectory = WorkingDirectory;
            }

            if (Environment != null)
            {
                foreach (string pair in EnvironmentSpec.Parse(Environment, System.Environment.GetEnvironmentVariable))
                {
                    int eq = pair.IndexOf('=');
                    string key = eq < 0 ? pair : pair.Substring(0, eq);
                    spec.Environment.RemoveAll(e => e == key || e.StartsWith(key + "=", StringComparison.Ordinal));
                    if (eq >= 0)
                    {
                        spec.Environment.Add(pair);
                    }
                }
            }

            return spec;
        }

        private static string Slug()
        {
            byte[] bytes = new byte[32];
            using (var rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(bytes);
            }

            return string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        /// <summary>Creates, starts and (unless -Detach) follows the container to its end, as Invoke-Container does.</summary>
        private void Run(IDockerEngine engine, ComposeProjectConfig config, ComposeService s, ContainerCreateSpec spec)
        {
            string target = spec.Name!;
            WriteVerbose("Creating container " + target);
            ContainerCreated created = Call(ct => engine.CreateContainerAsync(spec, ct), "Container", target, Container.ContainerCreateCmdlet.InvalidContainerSpecId);
            foreach (string warning in created.Warnings)
            {
                WriteWarning(warning);
            }

            bool ok = true;
            foreach (string extra in s.Networks.Skip(1))
            {
                string network = config.Networks.First(x => x.Key == extra).Name;
                ok = ok && TryCall(ct => engine.ConnectNetworkAsync(network, created.Id, new NetworkConnectOptions(), ct), "Network", network);
            }

            ok = ok && TryCall(ct => engine.StartContainerAsync(created.Id, ct), "Container", target);
            if (!ok)
            {
                if (Remove.IsPresent)
                {
                    TryCall(ct => engine.RemoveContainerAsync(created.Id, true, true, ct), "Container", target);
                }

                return;
            }

            if (Detach.IsPresent)
            {
                if (TryCall(ct => Container.ContainerQueries.ByIdAsync(engine, created.Id, ct), "Container", target, out DockerContainer container))
                {
                    WriteObject(container);
                }

                return;
            }

            long exitCode;
            try
            {
                var who = new ContainerIdentity { Id = created.Id, Name = target, Tty = spec.Tty, Running = true, Engine = engine.Endpoint.Address };
                exitCode = Await(ct => StreamUntilEndAsync(engine, who, Raw.IsPresent, ct));
            }
            catch (PipelineStoppedException)
            {
                InterruptAttachedRun(engine, created.Id, Remove.IsPresent);
                throw;
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                WriteEngineError(e, "Container", target);
                return;
            }

            if (Remove.IsPresent)
            {
                TryCall(ct => engine.RemoveContainerAsync(created.Id, true, true, ct), "Container", target);
            }

            SessionState.PSVariable.Set("global:LASTEXITCODE", (int)exitCode);
        }
    }
}
