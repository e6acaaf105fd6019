using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Compose;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Brings a project up in the background (docker compose up -d): its networks and named volumes, then its
    /// containers in dependency order, waiting for each depends_on condition. A service whose configuration is
    /// unchanged keeps its containers (by the config-hash label); a changed one is recreated.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "ComposeProject", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerContainer), typeof(ContainerLogLine))]
    public sealed class StartComposeProjectCommand : ComposeCmdlet
    {
        /// <summary>ErrorId: -Service names a service the files do not define (or not enabled by the profiles).</summary>
        internal const string ServiceNotFoundId = ErrorIds.ComposeServiceNotFound;

        /// <summary>ErrorId: a network declared external: true is not on the engine.</summary>
        internal const string NetworkNotFoundId = ErrorIds.ComposeNetworkNotFound;

        /// <summary>ErrorId: a volume declared external: true is not on the engine.</summary>
        internal const string VolumeNotFoundId = ErrorIds.ComposeVolumeNotFound;

        /// <summary>Only these services (and what they depend on), as docker compose up SERVICE... does.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Service { get; set; }

        /// <summary>The project name (docker compose -p); default: name: in the file, COMPOSE_PROJECT_NAME or the folder's name.</summary>
        [Parameter]
        [Alias("p")]
        [ValidatePattern("^[a-z0-9][a-z0-9_-]*$")]
        public string? ProjectName { get; set; }

        /// <summary>Replica counts that override deploy.replicas: @{ web = 3 } (docker compose up --scale web=3).</summary>
        [Parameter]
        public System.Collections.Hashtable? Scale { get; set; }

        /// <summary>Remove containers of services the files no longer define (docker compose up --remove-orphans).</summary>
        [Parameter]
        public SwitchParameter RemoveOrphans { get; set; }

        /// <summary>Recreate every container even when its configuration is unchanged (docker compose up --force-recreate).</summary>
        [Parameter]
        public SwitchParameter ForceRecreate { get; set; }

        /// <summary>Seconds to wait for a depends_on condition (healthy, completed) before giving up; default 300.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int WaitTimeout { get; set; } = 300;

        /// <summary>
        /// After the up, write the started containers' log lines until they all stop (docker compose up without -d);
        /// Ctrl+C, or a downstream command that has enough (Select-Object -First), stops the project's containers.
        /// </summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        private protected override string? GivenProjectName => ProjectName;

        protected override void EndProcessing()
        {
            ComposeProject model = LoadProject();
            ComposeProjectConfig config = model.Config;
            List<ComposeService> services = Selected(config);
            if (!ShouldProcess(config.Name, "Start compose project"))
            {
                return;
            }

            IDockerEngine engine = ConnectDefault();
            foreach (ComposeNetwork n in config.Networks.Where(n => services.Any(s => s.Networks.Contains(n.Key))))
            {
                EnsureNetwork(engine, config.Name, n);
            }

            var usedVolumes = new HashSet<string>(services.SelectMany(s => s.Volumes).Where(v => v.Type == "volume" && v.Source != null).Select(v => v.Source!), StringComparer.Ordinal);
            foreach (ComposeVolume v in config.Volumes.Where(v => usedVolumes.Contains(v.Key)))
            {
                EnsureVolume(engine, config.Name, v);
            }

            IReadOnlyList<DockerContainer> existing = ProjectContainers(engine, config.Name);
            var defined = new HashSet<string>(config.Services.Select(s => s.Name), StringComparer.Ordinal);
            foreach (DockerContainer orphan in existing.Where(c => !defined.Contains(ServiceOf(c))))
            {
                if (RemoveOrphans.IsPresent)
                {
                    WriteVerbose("Removing orphan container " + orphan.Name);
                    TryCall(ct => engine.RemoveContainerAsync(orphan.Id, force: true, volumes: false, ct), "Container", orphan.Name);
                }
                else
                {
                    WriteWarning($"Found orphan container ({orphan.Name}) for this project. If you removed or renamed this service in your compose file, you can run this command with -RemoveOrphans to clean it up.");
                }
            }

            var started = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (ComposeService s in services)
            {
                foreach (ComposeDependency d in s.DependsOn.Where(d => started.ContainsKey(d.Service)))
                {
                    WaitFor(engine, s, d, started[d.Service], WaitTimeout);
                }

                started[s.Name] = Converge(engine, config, s, existing.Where(c => ServiceOf(c) == s.Name).ToList(), started);
            }

            List<DockerContainer> up = ProjectContainers(engine, config.Name).Where(c => started.ContainsKey(ServiceOf(c))).OrderBy(ServiceOf, StringComparer.Ordinal).ThenBy(NumberOf).ToList();
            if (Follow.IsPresent)
            {
                FollowLogs(engine, config.Name, up);
                return;
            }

            foreach (DockerContainer c in up)
            {
                WriteObject(c);
            }
        }

        /// <summary>
        /// docker compose up's attached mode: every container's lines, as they come, until all have stopped. When the
        /// pipeline stops first (Ctrl+C, Select-Object -First), the containers are stopped, as compose does on Ctrl+C;
        /// nothing can be written then, so that stop is quiet and bounded.
        /// </summary>
        private void FollowLogs(IDockerEngine engine, string project, List<DockerContainer> containers)
        {
            var query = new ContainerLogQuery { Follow = true, Timestamps = true };
            bool ended = false;
            try
            {
                TryCall(ct => Task.WhenAll(containers.Select(async c =>
                {
                    ContainerIdentity who = await engine.ResolveContainerAsync(c.Id, ct).ConfigureAwait(false);
                    await ReadLogLinesAsync(engine, who, query, raw: false, keepTimestamp: false, ct, ServiceOf(c)).ConfigureAwait(false);
                })), "Container", project);
                ended = true;
            }
            finally
            {
                if (!ended)
                {
                    try
                    {
                        Task.WhenAll(containers.Select(c => engine.StopContainerAsync(c.Id, null, null, System.Threading.CancellationToken.None)))
                            .Wait(TimeSpan.FromSeconds(120));
                    }
                    catch (AggregateException)
                    {
                        // Best effort while the pipeline stops: a container that is already gone needs no stop.
                    }
                }
            }
        }

        /// <summary>The services to start: all enabled ones, or the named ones and their dependencies.</summary>
        private List<ComposeService> Selected(ComposeProjectConfig config)
        {
            if (Service == null)
            {
                return config.Services.ToList();
            }

            var byName = config.Services.ToDictionary(s => s.Name, StringComparer.Ordinal);
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            void Add(string name)
            {
                if (!byName.TryGetValue(name, out ComposeService? s))
                {
                    ThrowTerminatingError(ErrorMapper.Record(new ArgumentException($"no such service: {name}"), ServiceNotFoundId, ErrorCategory.ObjectNotFound, name));
                }

                if (wanted.Add(name))
                {
                    foreach (ComposeDependency d in s!.DependsOn)
                    {
                        Add(d.Service);
                    }
                }
            }

            foreach (string name in Service)
            {
                Add(name);
            }

            return config.Services.Where(s => wanted.Contains(s.Name)).ToList();
        }

        /// <summary>
        /// Brings one service to its wanted state: keeps (and starts) containers whose config hash matches, recreates
        /// the others, adds missing replicas and removes surplus ones. Returns the ids of its containers.
        /// </summary>
        private List<string> Converge(IDockerEngine engine, ComposeProjectConfig config, ComposeService s, List<DockerContainer> current, Dictionary<string, List<string>> started)
        {
            int replicas = s.Replicas;
            if (Scale != null && Scale.ContainsKey(s.Name))
            {
                replicas = Convert.ToInt32(Scale[s.Name] is PSObject p ? p.BaseObject : Scale[s.Name], CultureInfo.InvariantCulture);
            }

            foreach (DockerContainer surplus in current.Where(c => NumberOf(c) > replicas || NumberOf(c) < 1))
            {
                WriteVerbose("Removing surplus container " + surplus.Name);
                TryCall(ct => engine.StopContainerAsync(surplus.Id, null, null, ct), "Container", surplus.Name);
                TryCall(ct => engine.RemoveContainerAsync(surplus.Id, force: true, volumes: false, ct), "Container", surplus.Name);
            }

            string? imageId = ImageId(engine, s);
            var ids = new List<string>();
            for (int n = 1; n <= replicas; n++)
            {
                DockerContainer? have = current.FirstOrDefault(c => NumberOf(c) == n);
                if (have != null && !ForceRecreate.IsPresent && have.Labels.TryGetValue(HashLabel, out string? hash) && hash == s.ConfigHash)
                {
                    if (have.State != "running")
                    {
                        WriteVerbose("Starting container " + have.Name);
                        Call(ct => engine.StartContainerAsync(have.Id, ct), "Container", have.Name);
                    }

                    ids.Add(have.Id);
                    continue;
                }

                if (have != null)
                {
                    WriteVerbose("Recreating container " + have.Name);
                    TryCall(ct => engine.StopContainerAsync(have.Id, StopSeconds(s), null, ct), "Container", have.Name);
                    Do(ct => engine.RemoveContainerAsync(have.Id, force: true, volumes: false, ct), "Container", have.Name);
                }

                ContainerCreateSpec spec = ComposeSpecs.Build(config, s, n, imageId, started);
                WriteVerbose("Creating container " + spec.Name);
                ContainerCreated created = Call(ct => engine.CreateContainerAsync(spec, ct), "Container", spec.Name, Container.ContainerCreateCmdlet.InvalidContainerSpecId);
                foreach (string extra in s.Networks.Skip(1))
                {
                    string network = config.Networks.First(x => x.Key == extra).Name;
                    var options = new NetworkConnectOptions();
                    options.Aliases.Add(s.Name);
                    Do(ct => engine.ConnectNetworkAsync(network, created.Id, options, ct), "Network", network);
                }

                Call(ct => engine.StartContainerAsync(created.Id, ct), "Container", spec.Name);
                ids.Add(created.Id);
            }

            return ids;
        }

        /// <summary>A request without an answer whose failure ends the command.</summary>
        private void Do(Func<System.Threading.CancellationToken, Task> work, string noun, object target) =>
            Call(async ct =>
            {
                await work(ct).ConfigureAwait(false);
                return true;
            }, noun, target);

        private static int? StopSeconds(ComposeService s) => s.StopGracePeriod.HasValue ? (int)Math.Ceiling(s.StopGracePeriod.Value.TotalSeconds) : (int?)null;

        /// <summary>The image's id, pulled first when the policy says so; the com.docker.compose.image label holds it.</summary>
        private string? ImageId(IDockerEngine engine, ComposeService s)
        {
            if (s.PullPolicy == "always" && !PullImage(engine, s.Image, null))
            {
                ThrowTerminatingError(ErrorMapper.Record(new ArgumentException($"pulling {s.Image} for service {s.Name} failed."), Container.ContainerCreateCmdlet.ImageNotFoundId, ErrorCategory.ObjectNotFound, s.Image));
            }

            try
            {
                return Await(ct => engine.InspectImageAsync(s.Image, ct)).Id;
            }
            catch (DockerEngineException e) when (ErrorMapper.IsNotFound(e, "Image") && s.PullPolicy == "missing")
            {
                WriteVerbose($"Unable to find image '{s.Image}' locally; pulling it.");
                if (!PullImage(engine, s.Image, null))
                {
                    ThrowTerminatingError(ErrorMapper.Record(e, Container.ContainerCreateCmdlet.ImageNotFoundId, ErrorCategory.ObjectNotFound, s.Image));
                }

                return Call(ct => engine.InspectImageAsync(s.Image, ct), "Image", s.Image).Id;
            }
            catch (DockerEngineException e) when (ErrorMapper.IsNotFound(e, "Image"))
            {
                ThrowTerminatingError(ErrorMapper.Record(new DockerEngineException(404, e.EngineMessage + $" (service {s.Name} has pull_policy: never)", e.Endpoint, e),
                    Container.ContainerCreateCmdlet.ImageNotFoundId, ErrorCategory.ObjectNotFound, s.Image));
                return null;
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(e, "Image", s.Image));
                return null;
            }
        }
    }
}
