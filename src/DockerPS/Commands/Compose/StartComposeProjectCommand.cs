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

        /// <summary>
        /// Build the images of services with build: before starting (docker compose up --build). Without it an image
        /// is built only when it is missing (or always with pull_policy: build).
        /// </summary>
        [Parameter]
        public SwitchParameter Build { get; set; }

        private protected override string? GivenProjectName => ProjectName;

        protected override void EndProcessing()
        {
            ComposeProject model = LoadProject();
            ComposeProjectConfig config = model.Config;
            List<ComposeService> services = Selected(config);
            CheckFileObjects(model, services);
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
                if (have != null && !ForceRecreate.IsPresent && have.Labels.TryGetValue(HashLabel, out string? hash) && hash == s.ConfigHash && !ImageChanged(have, imageId))
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
                MountFileObjects(spec, config, s);
                WriteVerbose("Creating container " + spec.Name);
                ContainerCreated created = Call(ct => engine.CreateContainerAsync(spec, ct), "Container", spec.Name, Container.ContainerCreateCmdlet.InvalidContainerSpecId);
                foreach (string extra in s.Networks.Skip(1))
                {
                    string network = config.Networks.First(x => x.Key == extra).Name;
                    var options = new NetworkConnectOptions();
                    options.Aliases.Add(s.Name);
                    Do(ct => engine.ConnectNetworkAsync(network, created.Id, options, ct), "Network", network);
                }

                CopyFileObjects(engine, config, s, created.Id);
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

        /// <summary>A container made from another image than the service's now (rebuilt, or pulled anew): compose recreates it.</summary>
        private static bool ImageChanged(DockerContainer have, string? imageId) =>
            imageId != null && have.Labels.TryGetValue(ImageLabel, out string? was) && !string.IsNullOrEmpty(was) && was != imageId;

        /// <summary>
        /// A service with build: gets its image built on -Build, with pull_policy: build, or when the image is missing;
        /// a failed build ends the command, as docker compose up stops.
        /// </summary>
        private void BuildIfNeeded(IDockerEngine engine, ComposeService s)
        {
            if (s.Build == null)
            {
                return;
            }

            bool build = Build.IsPresent || s.PullPolicy == "build";
            if (!build)
            {
                try
                {
                    Await(ct => engine.InspectImageAsync(s.Image, ct));
                    return;
                }
                catch (DockerEngineException e) when (ErrorMapper.IsNotFound(e, "Image"))
                {
                    WriteVerbose($"The image {s.Image} of service {s.Name} does not exist; building it.");
                }
                catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
                {
                    ThrowTerminatingError(ErrorMapper.ToErrorRecord(e, "Image", s.Image));
                }
            }

            if (BuildServiceImage(engine, s, noCache: false, pull: false) == null)
            {
                ThrowTerminatingError(ErrorMapper.Record(new InvalidOperationException($"the image {s.Image} of service {s.Name} could not be built (see the error before)."), BuildFailedId, ErrorCategory.InvalidResult, s.Name));
            }
        }

        /// <summary>The image's id, pulled first when the policy says so; the com.docker.compose.image label holds it.</summary>
        private string? ImageId(IDockerEngine engine, ComposeService s)
        {
            BuildIfNeeded(engine, s);
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

        private Func<string, string?> _lookup = _ => null;

        /// <summary>
        /// Secrets and configs outside a swarm, checked before anything is created: external ones are a swarm
        /// feature (compose refuses them too), a file source must exist, an environment source must be set, and a
        /// read-only service cannot have data copied in. uid/gid/mode on a bind-mounted file are ignored with a
        /// warning, as Compose v2 does.
        /// </summary>
        private void CheckFileObjects(ComposeProject model, List<ComposeService> services)
        {
            _lookup = model.Lookup;
            foreach (ComposeService s in services)
            {
                foreach ((ComposeFileReference r, ComposeFileObject o) in Used(model.Config, s))
                {
                    if (o.External)
                    {
                        ThrowTerminatingError(ErrorMapper.Record(
                            new NotSupportedException($"service {s.Name} uses the external {o.Kind} {o.Name}: external {o.Kind}s exist only in a swarm; use Deploy-SwarmStack, or give the {o.Kind} a file:, environment:{(o.Kind == "config" ? " or content:" : " or")} source."),
                            ComposeLoader.NotSupportedId, ErrorCategory.NotImplemented, o.Key));
                    }
                    else if (o.File != null && !System.IO.File.Exists(o.File))
                    {
                        ThrowTerminatingError(ErrorMapper.Record(new System.IO.FileNotFoundException($"the file {o.File} of {o.Kind} {o.Key} does not exist.", o.File),
                            ComposeLoader.FileNotFoundId, ErrorCategory.ObjectNotFound, o.File));
                    }
                    else if (o.Environment != null && _lookup(o.Environment) == null)
                    {
                        ThrowTerminatingError(ErrorMapper.Record(new ArgumentException($"environment variable \"{o.Environment}\" required by {o.Kind} \"{o.Key}\" is not set."),
                            ComposeLoader.VariableMissingId, ErrorCategory.InvalidArgument, o.Environment));
                    }
                    else if (ComposeFileObjects.IsCopied(o) && s.ReadOnly)
                    {
                        ThrowTerminatingError(ErrorMapper.Record(new ArgumentException($"cannot create {o.Kind} \"{o.Key}\" in read-only service {s.Name}: file: is the only source a read-only service can use."),
                            ComposeFileException.InvalidFileId, ErrorCategory.InvalidArgument, o.Key));
                    }

                    if (!ComposeFileObjects.IsCopied(o) && (r.Uid != null || r.Gid != null || r.Mode.HasValue))
                    {
                        WriteWarning($"service {s.Name}: uid, gid and mode of {o.Kind} {o.Key} are not supported outside swarm mode and are ignored (its file is bind-mounted).");
                    }
                }
            }
        }

        private static IEnumerable<(ComposeFileReference, ComposeFileObject)> Used(ComposeProjectConfig config, ComposeService s) =>
            s.Secrets.Select(r => (r, config.Secrets.First(o => o.Key == r.Source)))
                .Concat(s.Configs.Select(r => (r, config.Configs.First(o => o.Key == r.Source))));

        /// <summary>file: sources as read-only bind mounts at the secret's or config's target.</summary>
        private static void MountFileObjects(ContainerCreateSpec spec, ComposeProjectConfig config, ComposeService s)
        {
            foreach ((ComposeFileReference r, ComposeFileObject o) in Used(config, s).Where(u => u.Item2.File != null))
            {
                spec.Binds.Add(o.File + ":" + ComposeFileObjects.Target(r, o.Kind) + ":ro");
            }
        }

        /// <summary>environment: and content: sources, copied into the created container before it starts; the bytes are cleared afterwards.</summary>
        private void CopyFileObjects(IDockerEngine engine, ComposeProjectConfig config, ComposeService s, string id)
        {
            foreach ((ComposeFileReference r, ComposeFileObject o) in Used(config, s).Where(u => ComposeFileObjects.IsCopied(u.Item2)))
            {
                byte[] data = new System.Text.UTF8Encoding(false).GetBytes(o.Environment != null ? _lookup(o.Environment) ?? string.Empty : o.Content ?? string.Empty);
                string target = ComposeFileObjects.Target(r, o.Kind);
                int uid = r.Uid != null ? int.Parse(r.Uid, CultureInfo.InvariantCulture) : 0;
                int gid = r.Gid != null ? int.Parse(r.Gid, CultureInfo.InvariantCulture) : 0;
                System.IO.MemoryStream tar = ComposeFileObjects.Tar(target, data, r.Mode ?? Convert.ToUInt32("444", 8), uid, gid);
                byte[] buffer = tar.GetBuffer(); // the request disposes the stream; the bytes are cleared here afterwards
                try
                {
                    WriteVerbose($"Copying {o.Kind} {o.Key} to {target}");
                    Do(ct => engine.CopyArchiveToContainerAsync(id, tar, "/", r.Uid != null || r.Gid != null, ct), "Container", id);
                }
                finally
                {
                    Array.Clear(data, 0, data.Length);
                    Array.Clear(buffer, 0, buffer.Length);
                    tar.Dispose();
                }
            }
        }
    }
}
