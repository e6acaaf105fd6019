using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Docker.DotNet;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>
    /// One private dockerd of a test fixture: everything of it lives in one folder (socket d.sock, data root, exec root,
    /// pid file d.pid, log dockerd.log), with no bridge and no iptables, so stopping or killing it never touches the
    /// shared engine. The fixtures (PrivateEngineFixture, SecondEngineFixture, SwarmFixture) keep only what differs:
    /// extra flags, and for the swarm a <see cref="Launcher"/> that runs the command line inside a network namespace.
    /// </summary>
    internal sealed class DockerdProcess
    {
        public const int SigKill = 9;
        public const int SigTerm = 15;
        private readonly object _lock = new object();
        private readonly string _name;
        private readonly IReadOnlyList<string> _extraArguments;
        private Process? _process;

        /// <param name="folder">The engine's own folder; made when missing.</param>
        /// <param name="name">How errors name this engine ("the private dockerd").</param>
        /// <param name="extraArguments">Flags after the common ones (more --host, TLS, --insecure-registry...).</param>
        public DockerdProcess(string folder, string name, params string[] extraArguments)
        {
            Folder = folder;
            _name = name;
            _extraArguments = extraArguments;
            Directory.CreateDirectory(folder);
        }

        public string Folder { get; }

        public string Socket => Path.Combine(Folder, "d.sock");

        /// <summary>unix://&lt;folder&gt;/d.sock</summary>
        public string Endpoint => "unix://" + Socket;

        public string Log => Path.Combine(Folder, "dockerd.log");

        /// <summary>
        /// Turns the dockerd command line into the process to start; by default dockerd itself. A wrapper must exec
        /// dockerd in the end (the started process is the one signalled).
        /// </summary>
        public Func<IReadOnlyList<string>, ProcessStartInfo>? Launcher { get; set; }

        /// <summary>Extra environment for dockerd, given to the default launcher; a custom launcher reads it itself.</summary>
        public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

        public bool IsRunning
        {
            get
            {
                lock (_lock)
                {
                    return _process != null && !_process.HasExited;
                }
            }
        }

        /// <summary>dockerd and its arguments: the common ones, then the fixture's.</summary>
        public IReadOnlyList<string> CommandLine => new[]
        {
            "dockerd", "--host", Endpoint, "--data-root", Path.Combine(Folder, "data"), "--exec-root", Path.Combine(Folder, "exec"),
            "--pidfile", Path.Combine(Folder, "d.pid"), "--bridge=none", "--iptables=false", "--ip6tables=false",
        }.Concat(_extraArguments).ToList();

        /// <summary>Starts dockerd (unless it runs) with its output appended to <see cref="Log"/>; does not wait.</summary>
        public void Start()
        {
            lock (_lock)
            {
                if (_process != null && !_process.HasExited)
                {
                    return;
                }

                ClearStaleContainerdPid();
                ProcessStartInfo info = Launcher?.Invoke(CommandLine) ?? DefaultStart();
                info.UseShellExecute = false;
                info.RedirectStandardOutput = true;
                info.RedirectStandardError = true;
                var log = new StreamWriter(new FileStream(Log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
                Process p = Process.Start(info) ?? throw new InvalidOperationException(_name + " did not start.");
                p.OutputDataReceived += (_, e) => Write(log, e.Data);
                p.ErrorDataReceived += (_, e) => Write(log, e.Data);
                p.BeginOutputReadLine();
                p.BeginErrorReadLine();
                _process = p;
            }
        }

        private ProcessStartInfo DefaultStart()
        {
            IReadOnlyList<string> line = CommandLine;
            var info = new ProcessStartInfo(line[0]);
            foreach (string a in line.Skip(1))
            {
                info.ArgumentList.Add(a);
            }

            foreach (var (key, value) in Environment)
            {
                info.Environment[key] = value;
            }

            return info;
        }

        /// <summary>Starts dockerd and waits until it answers _ping.</summary>
        public void StartAndWait(TimeSpan timeout)
        {
            Start();
            WaitReady(timeout);
        }

        /// <summary>Pings the socket until it answers; fails with the log's tail when dockerd exits or the time is up.</summary>
        public void WaitReady(TimeSpan timeout)
        {
            using DockerClient ping = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();
            var watch = Stopwatch.StartNew();
            Exception? last = null;
            while (watch.Elapsed < timeout)
            {
                Process? p;
                lock (_lock)
                {
                    p = _process;
                }

                if (p == null || p.HasExited)
                {
                    throw new InvalidOperationException($"{_name} exited early; its log:\n{Tail()}");
                }

                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    ping.System.PingAsync(cts.Token).GetAwaiter().GetResult();
                    return;
                }
                catch (Exception e)
                {
                    last = e;
                    Thread.Sleep(100);
                }
            }

            throw new InvalidOperationException($"{_name} did not answer on {Endpoint} within {timeout.TotalSeconds} s ({last?.Message}); its log:\n{Tail()}", last);
        }

        /// <summary>The last lines of <see cref="Log"/>.</summary>
        public string Tail(int lines = 20)
        {
            try
            {
                using var s = new FileStream(Log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var r = new StreamReader(s);
                string[] all = r.ReadToEnd().Split('\n');
                return string.Join("\n", all.Skip(Math.Max(0, all.Length - lines)));
            }
            catch (IOException)
            {
                return "(no log)";
            }
        }

        /// <summary>Sends <paramref name="signal"/> to dockerd if it runs; does not wait.</summary>
        public void Signal(int signal)
        {
            Process? p;
            lock (_lock)
            {
                p = _process;
            }

            if (p != null && !p.HasExited)
            {
                _ = kill(p.Id, signal);
            }
        }

        /// <summary>Waits up to <paramref name="wait"/> for dockerd to end, then SIGKILLs it and waits 10 s more.</summary>
        public void WaitForExit(TimeSpan wait)
        {
            Process? p;
            lock (_lock)
            {
                p = _process;
            }

            if (p == null || p.WaitForExit((int)wait.TotalMilliseconds))
            {
                return;
            }

            _ = kill(p.Id, SigKill);
            p.WaitForExit(10_000);
        }

        /// <summary><see cref="Signal"/> then <see cref="WaitForExit"/>: SIGTERM is a clean stop (dockerd ends its containerd), SIGKILL a crash.</summary>
        public void Stop(int signal, TimeSpan wait)
        {
            Signal(signal);
            WaitForExit(wait);
        }

        /// <summary>
        /// SIGKILLs the processes whose command line names this engine's folder (its containerd and shims: only what it
        /// caused). With <paramref name="keepShims"/> the shims stay, so a restarted engine reconnects to running containers.
        /// </summary>
        public void KillLeftovers(bool keepShims)
        {
            string mark = Folder.TrimEnd('/') + "/";
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
                    continue; // it ended meanwhile
                }

                if (!cmdline.Contains(mark, StringComparison.Ordinal))
                {
                    continue;
                }

                if (keepShims && cmdline.Contains("containerd-shim", StringComparison.Ordinal))
                {
                    continue;
                }

                _ = kill(pid, SigKill);
            }
        }

        /// <summary>
        /// After a SIGKILL the engine's containerd dies too but its pid file stays; pids wrap quickly on a busy machine,
        /// and a restarted dockerd that finds the pid alive (someone else's process) waits for a containerd that never answers.
        /// </summary>
        private void ClearStaleContainerdPid()
        {
            string pidFile = Path.Combine(Folder, "exec", "containerd", "containerd.pid");
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

            if (!cmdline.Contains(Folder, StringComparison.Ordinal))
            {
                File.Delete(pidFile);
            }
        }

        /// <summary>
        /// Unmounts what dockerd left mounted under <paramref name="folder"/> (overlay2 makes its data root a private
        /// mount), deepest first, then deletes the folder; best effort (a temp folder).
        /// </summary>
        public static void UnmountAndDelete(string folder)
        {
            try
            {
                var mounts = File.ReadLines("/proc/mounts").Select(l => l.Split(' '))
                    .Where(f => f.Length > 1 && f[1].StartsWith(folder, StringComparison.Ordinal))
                    .Select(f => f[1]).OrderByDescending(m => m.Length).ToList();
                foreach (string m in mounts)
                {
                    using Process? p = Process.Start(new ProcessStartInfo("umount", "-l " + m) { UseShellExecute = false });
                    p?.WaitForExit(5000);
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception)
            {
                // Best effort: a leftover mount can refuse; the folder is under the temp directory.
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

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);
    }
}
