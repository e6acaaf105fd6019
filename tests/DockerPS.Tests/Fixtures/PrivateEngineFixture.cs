using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>
    /// A dockerd of the fault suite's own: its own socket, data root, exec root and pid file under one temp folder,
    /// no bridge and no iptables, so stopping or killing it never touches the shared engine. It starts with no
    /// images; the busybox test image is imported into it. Tests may stop (SIGTERM), kill (SIGKILL) and restart it;
    /// <see cref="EnsureRunning"/> brings it back. Its PowerShell session has -Host pointed at it for every cmdlet.
    /// </summary>
    public sealed class PrivateEngineFixture : IDisposable
    {
        private readonly DockerdProcess _dockerd;
        private string? _bigImage;

        public PrivateEngineFixture()
        {
            Dir = Path.Combine(Path.GetTempPath(), "dps-fault-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Dir);
            _dockerd = new DockerdProcess(Dir, "The private dockerd");
            Start();
            Client = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();
            ImportRootfs(Image, EngineFixture.BuildBusyboxRootfs());
            Session = new PowerShellSession();
            // Every DockerPS cmdlet in this runspace talks to the private engine unless a test says otherwise.
            Session.Run("$PSDefaultParameterValues['*:Host'] = $ep", new Dictionary<string, object?> { ["ep"] = Endpoint }).AssertClean();
        }

        public string Dir { get; }

        public string Socket => _dockerd.Socket;

        /// <summary>unix:///tmp/dps-fault-.../d.sock</summary>
        public string Endpoint => _dockerd.Endpoint;

        public DockerClient Client { get; }

        public PowerShellSession Session { get; }

        /// <summary>The busybox test image, imported into this engine.</summary>
        public string Image { get; } = "dockerps-fault/busybox:1";

        public string Log => _dockerd.Log;

        public bool IsRunning => _dockerd.IsRunning;

        /// <summary>Script variables: the given pairs plus $img, $ep (this engine) and $fault (this fixture).</summary>
        public Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs)
        {
            var vars = new Dictionary<string, object?> { ["img"] = Image, ["ep"] = Endpoint, ["fault"] = this };
            foreach (var (name, value) in pairs)
            {
                vars[name] = value;
            }

            return vars;
        }

        /// <summary>
        /// Starts dockerd and waits until it answers _ping. After a SIGKILL with containers running, dockerd restores
        /// them through a fresh containerd, which on a loaded machine can miss dockerd's own 10 s start limit (dockerd
        /// then exits with "timeout waiting for containerd to start"): that start is tried again, up to three times.
        /// </summary>
        public void Start()
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    _dockerd.StartAndWait(TimeSpan.FromSeconds(90));
                    return;
                }
                catch (InvalidOperationException) when (attempt < 3 && !IsRunning)
                {
                    _dockerd.KillLeftovers(keepShims: true);
                    Thread.Sleep(500);
                }
            }
        }

        /// <summary>SIGKILL: the engine dies at once, mid-request; its connections break.</summary>
        public void Kill() => Signal(DockerdProcess.SigKill, TimeSpan.FromSeconds(30));

        /// <summary>SIGTERM and wait for the exit: a clean stop.</summary>
        public void Stop() => Signal(DockerdProcess.SigTerm, TimeSpan.FromSeconds(60));

        /// <summary>Kills the engine from a timer thread after <paramref name="delay"/>, while a script runs.</summary>
        public Task KillAfter(TimeSpan delay) => Task.Run(async () =>
        {
            await Task.Delay(delay).ConfigureAwait(false);
            Kill();
        });

        /// <summary>Starts the engine again if it is not running.</summary>
        public void EnsureRunning()
        {
            if (!IsRunning)
            {
                Start();
            }
        }

        private void Signal(int signal, TimeSpan wait)
        {
            _dockerd.Stop(signal, wait);
            // Its containerd normally dies with it; make sure no process of this engine's own folder is left running.
            _dockerd.KillLeftovers(keepShims: signal == DockerdProcess.SigKill);
        }

        /// <summary>
        /// A second image of about <paramref name="megabytes"/> MB (one file of zeros), made once: long enough to save,
        /// export or copy that a test can stop or kill the engine while the bytes flow.
        /// </summary>
        public string BigImage(int megabytes = 200)
        {
            if (_bigImage != null)
            {
                try
                {
                    Client.Images.InspectImageAsync(_bigImage).GetAwaiter().GetResult();
                    return _bigImage;
                }
                catch (DockerImageNotFoundException)
                {
                    // A test removed it (to load it back): make it again.
                }
            }

            string tar = Path.Combine(Dir, "big-rootfs.tar");
            string zeros = Path.Combine(Dir, "zeros.bin");
            using (var f = new FileStream(zeros, FileMode.Create))
            {
                f.SetLength((long)megabytes * 1000 * 1000); // sparse: reads as zeros, costs no disk until the engine copies it
            }

            using (var output = File.Create(tar))
            using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
            {
                using MemoryStream small = EngineFixture.BuildBusyboxRootfs();
                using (var reader = new TarReader(small))
                {
                    TarEntry? e;
                    while ((e = reader.GetNextEntry()) != null)
                    {
                        writer.WriteEntry(e);
                    }
                }

                writer.WriteEntry(zeros, "big.bin");
            }

            File.Delete(zeros);
            using (var input = File.OpenRead(tar))
            {
                ImportRootfs("dockerps-fault/big:1", input);
            }

            File.Delete(tar);
            _bigImage = "dockerps-fault/big:1";
            return _bigImage;
        }

        /// <summary>Imports a rootfs tar as an image (docker import) with PATH=/bin and CMD sh.</summary>
        public void ImportRootfs(string reference, Stream rootfs)
        {
            int colon = reference.LastIndexOf(':');
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
            Client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromSrc = "-", Repo = reference.Substring(0, colon), Tag = reference.Substring(colon + 1), Changes = new List<string> { "CMD [\"sh\"]", "ENV PATH=/bin" } },
                rootfs, null, progress).GetAwaiter().GetResult();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Importing {reference} into the private engine failed: " + string.Join("; ", errors));
            }
        }

        /// <summary>Creates a container of the busybox image (network none); returns its id.</summary>
        public string CreateContainer(string? name = null, IList<string>? cmd = null, bool start = false, string? image = null)
        {
            var p = new CreateContainerParameters
            {
                Name = name,
                Image = image ?? Image,
                Cmd = cmd ?? new List<string> { "sleep", "300" },
                HostConfig = new HostConfig { NetworkMode = "none" },
            };
            string id = Client.Containers.CreateContainerAsync(p).GetAwaiter().GetResult().ID;
            if (start)
            {
                Client.Containers.StartContainerAsync(id, new ContainerStartParameters()).GetAwaiter().GetResult();
            }

            return id;
        }

        /// <summary>Removes every container of this engine (it is the suite's own; nothing else runs on it).</summary>
        public void RemoveAllContainers()
        {
            foreach (var c in Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }).GetAwaiter().GetResult())
            {
                try
                {
                    Client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true }).GetAwaiter().GetResult();
                }
                catch (DockerApiException)
                {
                }
            }
        }

        /// <summary>
        /// Open connections to this engine's socket: the connected entries of /proc/net/unix bound to its path (the
        /// engine's accepted ends). A released client connection disappears from there.
        /// </summary>
        public int OpenConnections()
        {
            int n = 0;
            foreach (string line in File.ReadLines("/proc/net/unix"))
            {
                // Num RefCount Protocol Flags Type St Inode Path ; St 03 = connected
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length >= 8 && f[5] == "03" && f[7] == Socket)
                {
                    n++;
                }
            }

            return n;
        }

        public void Dispose()
        {
            try
            {
                if (IsRunning)
                {
                    try
                    {
                        RemoveAllContainers();
                    }
                    catch (Exception)
                    {
                    }
                }

                Stop();
                _dockerd.KillLeftovers(keepShims: false);
            }
            finally
            {
                Client.Dispose();
                Session.Dispose();
                DockerdProcess.UnmountAndDelete(Dir);
            }
        }
    }
}
