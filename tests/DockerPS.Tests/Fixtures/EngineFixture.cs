using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>
    /// The real engine the tests run against (DOCKER_HOST or the default socket). Fails loudly when none answers.
    /// Builds the test image from busybox-static through the engine's import API, names every resource with a
    /// unique prefix and label, and removes what it made. Setup uses Docker.DotNet 3.125.15, the other client line.
    /// </summary>
    public sealed class EngineFixture : IDisposable
    {
        public const string TestLabel = "dockerps.test";

        public EngineFixture()
        {
            Session = new PowerShellSession();
            Endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } h ? h : "unix:///var/run/docker.sock";
            Client = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                Version = Client.System.GetVersionAsync(cts.Token).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"No Docker engine answers at {Endpoint} ({e.GetBaseException().Message}). These tests need a real engine: " +
                    "run `bash .ci/engine` (as root it installs and starts one) or set DOCKER_HOST, then run the tests again.", e);
            }

            RunId = Guid.NewGuid().ToString("N").Substring(0, 8);
            Prefix = "dps-" + RunId + "-";
            IsPodman = Version.Components?.Any(c => c.Name != null && c.Name.Contains("Podman", StringComparison.OrdinalIgnoreCase)) ?? false;
            // Podman stores an imported image as localhost/<name> and resolves short names to docker.io (it would try to pull).
            ImageRepository = IsPodman ? "localhost/dockerps-test/busybox" : "dockerps-test/busybox";
            ImageTag = RunId;
            ImportBusyboxImage(ImageRepository, ImageTag);
        }

        public PowerShellSession Session { get; }

        /// <summary>The engine is Podman's Docker-compatible service (.ci/podman): tests of documented differences skip with a reason.</summary>
        public bool IsPodman { get; }

        public DockerClient Client { get; }

        public string Endpoint { get; }

        public VersionResponse Version { get; }

        /// <summary>Unique per test run: resource names start with <see cref="Prefix"/>, labels carry it.</summary>
        public string RunId { get; }

        public string Prefix { get; }

        public string ImageRepository { get; }

        public string ImageTag { get; }

        /// <summary>The test image, busybox-static alone: repository:tag.</summary>
        public string Image => ImageRepository + ":" + ImageTag;

        private int _counter;

        /// <summary>Script variables for Session.Run: the given pairs plus $img (the test image) and $run (the run id).</summary>
        public Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs)
        {
            var vars = new Dictionary<string, object?> { ["img"] = Image, ["run"] = RunId };
            foreach (var (name, value) in pairs)
            {
                vars[name] = value;
            }

            return vars;
        }

        /// <summary>A fresh unique name for a resource of this run.</summary>
        public string NewName(string hint = "c") => Prefix + hint + "-" + Interlocked.Increment(ref _counter);

        /// <summary>Creates a container (network none) and optionally starts it; returns its id.</summary>
        public string CreateContainer(string name, IList<string>? cmd = null, bool start = false,
            IDictionary<string, string>? labels = null, Action<CreateContainerParameters>? configure = null)
        {
            var allLabels = new Dictionary<string, string>(labels ?? new Dictionary<string, string>()) { [TestLabel] = RunId };
            var p = new CreateContainerParameters
            {
                Name = name,
                Image = Image,
                Cmd = cmd ?? new List<string> { "sleep", "300" },
                Labels = allLabels,
                HostConfig = new HostConfig { NetworkMode = "none" },
            };
            configure?.Invoke(p);
            string id = Client.Containers.CreateContainerAsync(p).GetAwaiter().GetResult().ID;
            if (start)
            {
                Client.Containers.StartContainerAsync(id, new ContainerStartParameters()).GetAwaiter().GetResult();
            }

            return id;
        }

        /// <summary>Creates, runs to the end and returns the id of a container that exited with <paramref name="exitCode"/>.</summary>
        public string CreateExitedContainer(string name, int exitCode = 0, IDictionary<string, string>? labels = null)
        {
            string id = CreateContainer(name, new List<string> { "sh", "-c", "exit " + exitCode }, start: true, labels: labels);
            Client.Containers.WaitContainerAsync(id).GetAwaiter().GetResult();
            return id;
        }

        /// <summary>Creates a labelled bridge network (no traffic is ever sent on it) and returns its name.</summary>
        public string CreateNetwork(string name)
        {
            Client.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = name, Labels = new Dictionary<string, string> { [TestLabel] = RunId } })
                .GetAwaiter().GetResult();
            return name;
        }

        /// <summary>A port nothing listens on at 127.0.0.1 right now.</summary>
        public static int FreeLoopbackPort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        public ContainerInspectResponse Inspect(string idOrName) =>
            Client.Containers.InspectContainerAsync(idOrName).GetAwaiter().GetResult();

        /// <summary>A tar of a root filesystem with busybox-static and its applet links, as the engine's import API takes it.</summary>
        public static MemoryStream BuildBusyboxRootfs()
        {
            string busybox = File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox";
            if (!File.Exists(busybox))
            {
                throw new InvalidOperationException("busybox-static is missing: apt-get install busybox-static (bash .ci/engine installs it).");
            }

            var applets = new[] { "sh", "echo", "sleep", "cat", "ls", "true", "false", "env", "id", "mkdir", "touch", "printf", "seq", "yes", "head", "tail", "wc", "rm", "cp", "mv", "ps", "top", "chmod", "stat", "test", "hostname", "pwd", "kill", "dd", "find", "grep", "sed", "tr", "date", "whoami", "ln", "nproc", "uname" };
            var tar = new MemoryStream();
            using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (string dir in new[] { "bin/", "etc/", "tmp/", "root/", "proc/", "sys/", "dev/" })
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir) { Mode = dir == "tmp/" ? (UnixFileMode)0x3FF : (UnixFileMode)0x1ED });
                }

                using (var data = File.OpenRead(busybox))
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { DataStream = data, Mode = (UnixFileMode)0x1ED });
                }

                foreach (string applet in applets)
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox", Mode = (UnixFileMode)0x1FF });
                }

                foreach (var (path, text) in new[] { ("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"), ("etc/group", "root:x:0:\nnogroup:x:65534:\n") })
                {
                    var bytes = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text));
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = bytes, Mode = (UnixFileMode)0x1A4 });
                }
            }

            tar.Position = 0;
            return tar;
        }

        private void ImportBusyboxImage(string repository, string tag)
        {
            using MemoryStream rootfs = BuildBusyboxRootfs();
            var errors = new List<string>();
            var progress = new Progress<JSONMessage>(m =>
            {
                if (m.Error != null)
                {
                    lock (errors)
                    {
                        errors.Add(m.Error.Message);
                    }
                }
            });
            // The tag goes inside repo ("The repo may include a tag", API docs): Podman 4.3 ignores the separate tag of an
            // import and would store repo:latest; dockerd takes either form.
            Client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromSrc = "-", Repo = repository + ":" + tag, Changes = new List<string> { "CMD [\"sh\"]", "ENV PATH=/bin", $"LABEL {TestLabel}={RunId}" } },
                rootfs, null, progress).GetAwaiter().GetResult();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("Importing the busybox test image failed: " + string.Join("; ", errors));
            }

            try
            {
                Client.Images.InspectImageAsync(repository + ":" + tag).GetAwaiter().GetResult();
            }
            catch (DockerApiException e)
            {
                throw new InvalidOperationException($"The imported busybox test image is not found as {repository}:{tag} ({e.Message}).", e);
            }
        }

        /// <summary>Removes every container, image and other resource this run labelled or named.</summary>
        public void Dispose()
        {
            try
            {
                var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [TestLabel + "=" + RunId] = true } };
                foreach (var c in Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }).GetAwaiter().GetResult())
                {
                    TryRun(() => Client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }));
                }

                foreach (var c in Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }).GetAwaiter().GetResult()
                             .Where(c => c.Names.Any(n => n.TrimStart('/').StartsWith(Prefix, StringComparison.Ordinal))))
                {
                    TryRun(() => Client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }));
                }

                foreach (var network in Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }).GetAwaiter().GetResult())
                {
                    TryRun(() => Client.Networks.DeleteNetworkAsync(network.ID));
                }

                foreach (var volume in Client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }).GetAwaiter().GetResult().Volumes ?? new List<VolumeResponse>())
                {
                    TryRun(() => Client.Volumes.RemoveAsync(volume.Name, true));
                }

                foreach (var image in Client.Images.ListImagesAsync(new ImagesListParameters { All = true }).GetAwaiter().GetResult())
                {
                    bool ours = (image.Labels != null && image.Labels.TryGetValue(TestLabel, out string? run) && run == RunId)
                        || (image.RepoTags ?? new List<string>()).Any(t => t.Contains(RunId, StringComparison.Ordinal));
                    if (ours)
                    {
                        TryRun(() => Client.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters { Force = true }));
                    }
                }
            }
            finally
            {
                Client.Dispose();
                Session.Dispose();
            }
        }

        private static void TryRun(Func<Task> action)
        {
            try
            {
                action().GetAwaiter().GetResult();
            }
            catch (DockerApiException)
            {
                // Already gone, or removed by the test itself.
            }
        }
    }
}
