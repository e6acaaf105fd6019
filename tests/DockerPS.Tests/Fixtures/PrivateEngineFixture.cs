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
        private const int SigKill = 9;
        private const int SigTerm = 15;
        private readonly object _lock = new object();
        private Process? _dockerd;
        private string? _bigImage;

        public PrivateEngineFixture()
        {
            Dir = Path.Combine(Path.GetTempPath(), "dps-fault-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Dir);
            Socket = Path.Combine(Dir, "d.sock");
            Endpoint = "unix://" + Socket;
            Start();
            Client = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();
            ImportRootfs(Image, EngineFixture.BuildBusyboxRootfs());
            Session = new PowerShellSession();
            // Every DockerPS cmdlet in this runspace talks to the private engine unless a test says otherwise.
            Session.Run("$PSDefaultParameterValues['*:Host'] = $ep", new Dictionary<string, object?> { ["ep"] = Endpoint }).AssertClean();
        }

        public string Dir { get; }

        public string Socket { get; }

        /// <summary>unix:///tmp/dps-fault-.../d.sock</summary>
        public string Endpoint { get; }

        public DockerClient Client { get; }

        public PowerShellSession Session { get; }

        /// <summary>The busybox test image, imported into this engine.</summary>
        public string Image { get; } = "dockerps-fault/busybox:1";

        public string Log => Path.Combine(Dir, "dockerd.log");

        public bool IsRunning
        {
            get
            {
                lock (_lock)
                {
                    return _dockerd != null && !_dockerd.HasExited;
                }
            }
        }

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
                    StartOnce();
                    return;
                }
                catch (InvalidOperationException) when (attempt < 3 && !IsRunning)
                {
                    KillLeftovers(keepShims: true);
                    Thread.Sleep(500);
                }
            }
        }

        private void StartOnce()
        {
            lock (_lock)
            {
                if (_dockerd != null && !_dockerd.HasExited)
                {
                    return;
                }

                ClearStaleContainerdPid();
                var info = new ProcessStartInfo("dockerd")
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                foreach (string a in new[]
                         {
                             "--host", Endpoint, "--data-root", Path.Combine(Dir, "data"), "--exec-root", Path.Combine(Dir, "exec"),
                             "--pidfile", Path.Combine(Dir, "d.pid"), "--bridge=none", "--iptables=false", "--ip6tables=false",
                         })
                {
                    info.ArgumentList.Add(a);
                }

                var log = new StreamWriter(new FileStream(Log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
                var p = Process.Start(info) ?? throw new InvalidOperationException("dockerd did not start.");
                p.OutputDataReceived += (_, e) => Write(log, e.Data);
                p.ErrorDataReceived += (_, e) => Write(log, e.Data);
                p.BeginOutputReadLine();
                p.BeginErrorReadLine();
                _dockerd = p;
            }

            WaitReady(TimeSpan.FromSeconds(90));
        }

        /// <summary>
        /// After a SIGKILL the engine's containerd dies too but its pid file stays; pids wrap quickly on a busy machine,
        /// and a restarted dockerd that finds the pid alive (someone else's process) waits for a containerd that never answers.
        /// </summary>
        private void ClearStaleContainerdPid()
        {
            string pidFile = Path.Combine(Dir, "exec", "containerd", "containerd.pid");
            if (!File.Exists(pidFile))
            {
                return;
            }

            string cmdline = string.Empty;
            try
            {
                cmdline = File.ReadAllText($"/proc/{File.ReadAllText(pidFile).Trim()}/cmdline");
            }
            catch (Exception)
            {
            }

            if (!cmdline.Contains(Dir, StringComparison.Ordinal))
            {
                File.Delete(pidFile);
            }
        }

        private static void Write(StreamWriter log, string? line)
        {
            if (line == null)
            {
                return;
            }

            lock (log)
            {
                log.WriteLine(line);
            }
        }

        private void WaitReady(TimeSpan timeout)
        {
            using var ping = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < timeout)
            {
                Process? p = _dockerd;
                if (p == null || p.HasExited)
                {
                    throw new InvalidOperationException("The private dockerd exited early; its log: " + Tail());
                }

                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    ping.System.PingAsync(cts.Token).GetAwaiter().GetResult();
                    return;
                }
                catch (Exception)
                {
                    Thread.Sleep(100);
                }
            }

            throw new InvalidOperationException($"The private dockerd did not answer within {timeout.TotalSeconds} s; its log: " + Tail());
        }

        private string Tail()
        {
            try
            {
                using var s = new FileStream(Log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var r = new StreamReader(s);
                string[] lines = r.ReadToEnd().Split('\n');
                return string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 20)));
            }
            catch (IOException)
            {
                return "(no log)";
            }
        }

        /// <summary>SIGKILL: the engine dies at once, mid-request; its connections break.</summary>
        public void Kill() => Signal(SigKill, TimeSpan.FromSeconds(30));

        /// <summary>SIGTERM and wait for the exit: a clean stop.</summary>
        public void Stop() => Signal(SigTerm, TimeSpan.FromSeconds(60));

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
            Process? p;
            lock (_lock)
            {
                p = _dockerd;
            }

            if (p == null || p.HasExited)
            {
                return;
            }

            _ = kill(p.Id, signal);
            if (!p.WaitForExit((int)wait.TotalMilliseconds))
            {
                _ = kill(p.Id, SigKill);
                p.WaitForExit(10000);
            }

            // Its containerd normally dies with it; make sure no process of this engine's own folder is left running.
            KillLeftovers(signal == SigKill);
        }

        /// <summary>Kills the containerd and shims whose command line names this fixture's folder (only processes it caused).</summary>
        private void KillLeftovers(bool keepShims)
        {
            foreach (string proc in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(proc), out int pid))
                {
                    continue;
                }

                string cmdline;
                try
                {
                    cmdline = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                }
                catch (Exception)
                {
                    continue;
                }

                if (!cmdline.Contains(Dir, StringComparison.Ordinal))
                {
                    continue;
                }

                bool shim = cmdline.Contains("containerd-shim", StringComparison.Ordinal);
                if (shim && keepShims)
                {
                    continue; // a restarted engine reconnects to its running containers' shims
                }

                _ = kill(pid, SigKill);
            }
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
                KillLeftovers(keepShims: false);
            }
            finally
            {
                Client.Dispose();
                Session.Dispose();
                UnmountAndDelete();
            }
        }

        private void UnmountAndDelete()
        {
            // dockerd leaves its data root bind-mounted (overlay2 makes it private); unmount everything under the folder.
            var mounts = File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 1 && f[1].StartsWith(Dir, StringComparison.Ordinal))
                .Select(f => f[1]).OrderByDescending(m => m.Length).ToList();
            foreach (string m in mounts)
            {
                using var p = Process.Start(new ProcessStartInfo("umount", "-l " + m) { UseShellExecute = false });
                p?.WaitForExit(5000);
            }

            try
            {
                Directory.Delete(Dir, recursive: true);
            }
            catch (Exception)
            {
                // Best effort: a temp folder.
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);
    }
}
