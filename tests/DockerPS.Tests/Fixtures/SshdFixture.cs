using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>
    /// An sshd of the tests' own on 127.0.0.1 (Debian's openssh-server; .ci/engine installs it): a host key and client
    /// keys made here with ssh-keygen, an sshd_config that listens on a free loopback port and reads authorized keys
    /// from this folder, and ssh_config files DockerPS gets through DOCKERPS_SSH_CONFIG. The remote command
    /// (docker system dial-stdio) runs this machine's docker CLI, which talks to the engine under test (DOCKER_HOST, else /var/run/docker.sock). The docker CLI
    /// witness reaches the same sshd through an `ssh` wrapper on PATH that adds -F. sshd is killed at the end.
    /// </summary>
    public sealed class SshdFixture : IDisposable
    {
        private const string Sshd = "/usr/sbin/sshd";
        private readonly Process _sshd;
        private readonly List<string> _log = new List<string>();

        public SshdFixture()
        {
            if (!File.Exists(Sshd))
            {
                throw new InvalidOperationException($"{Sshd} is missing: install openssh-server (bash .ci/engine does, with apt) to run the ssh tests.");
            }

            Dir = Directory.CreateTempSubdirectory("dps-sshd-").FullName;
            Port = EngineFixture.FreeLoopbackPort();
            User = Environment.UserName;
            foreach (string key in new[] { "host", "client", "nodocker", "stranger" })
            {
                Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "dockerps-test-" + key, "-f", Path.Combine(Dir, key));
            }

            // The nodocker key logs in, but its commands run with an empty PATH: a host without the docker CLI.
            File.WriteAllText(Path.Combine(Dir, "authorized_keys"),
                File.ReadAllText(Path.Combine(Dir, "client.pub")).Trim() + "\n"
                + "command=\"/bin/sh -c 'PATH=/nonexistent; eval \\\"$SSH_ORIGINAL_COMMAND\\\"'\" " + File.ReadAllText(Path.Combine(Dir, "nodocker.pub")).Trim() + "\n");
            File.WriteAllText(Path.Combine(Dir, "known_hosts"), $"[127.0.0.1]:{Port} " + File.ReadAllText(Path.Combine(Dir, "host.pub")).Trim() + "\n");
            File.WriteAllText(Path.Combine(Dir, "empty_known_hosts"), string.Empty);
            string config = Path.Combine(Dir, "sshd_config");
            // The remote docker CLI reaches the engine under test: the shared dockerd, or what DOCKER_HOST names (the
            // Podman service of .ci/podman). sshd's SetEnv (OpenSSH 8.7+) puts it into every session.
            string? engine = Environment.GetEnvironmentVariable("DOCKER_HOST");
            File.WriteAllLines(config, new[]
            {
                "ListenAddress 127.0.0.1",
                $"Port {Port}",
                "HostKey " + Path.Combine(Dir, "host"),
                "AuthorizedKeysFile " + Path.Combine(Dir, "authorized_keys"),
                "PidFile " + Path.Combine(Dir, "sshd.pid"),
                "UsePAM no",
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "LogLevel VERBOSE",
            }.Concat(engine != null && engine.StartsWith("unix://", StringComparison.Ordinal) ? new[] { "SetEnv DOCKER_HOST=" + engine } : Array.Empty<string>()));

            ConfigFile = ClientConfig("ssh_config", "client", "known_hosts");
            StrangerConfig = ClientConfig("ssh_config_stranger", "stranger", "known_hosts");
            NoDockerConfig = ClientConfig("ssh_config_nodocker", "nodocker", "known_hosts");
            UnknownHostConfig = ClientConfig("ssh_config_unknown_host", "client", "empty_known_hosts");

            // The docker CLI reads no such variable: its witness gets the same config through an ssh wrapper on PATH.
            WrapperDirectory = Path.Combine(Dir, "bin");
            Directory.CreateDirectory(WrapperDirectory);
            string wrapper = Path.Combine(WrapperDirectory, "ssh");
            File.WriteAllText(wrapper, "#!/bin/sh\nexec /usr/bin/ssh -F '" + ConfigFile + "' \"$@\"\n");
            Run("chmod", "700", wrapper);

            // sshd refuses to start without its privilege separation folder (the package's service unit makes it).
            Directory.CreateDirectory("/run/sshd");

            var start = new ProcessStartInfo(Sshd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in new[] { "-D", "-e", "-f", config })
            {
                start.ArgumentList.Add(a);
            }

            _sshd = Process.Start(start) ?? throw new InvalidOperationException("sshd did not start");
            _sshd.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (_log) { _log.Add(e.Data); } } };
            _sshd.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (_log) { _log.Add(e.Data); } } };
            _sshd.BeginErrorReadLine();
            _sshd.BeginOutputReadLine();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                if (_sshd.HasExited)
                {
                    throw new InvalidOperationException($"sshd exited with {_sshd.ExitCode}: {Log}");
                }

                try
                {
                    using var probe = new TcpClient();
                    probe.Connect("127.0.0.1", Port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100);
                }
            }
        }

        public string Dir { get; }

        public int Port { get; }

        public string User { get; }

        /// <summary>ssh://user@127.0.0.1:port.</summary>
        public string Address => $"ssh://{User}@127.0.0.1:{Port}";

        /// <summary>The client key, known_hosts with the host key: what DockerPS and the witness use.</summary>
        public string ConfigFile { get; }

        /// <summary>A key the sshd does not accept.</summary>
        public string StrangerConfig { get; }

        /// <summary>A key whose login has no docker on PATH.</summary>
        public string NoDockerConfig { get; }

        /// <summary>The right key, and a known_hosts without this host.</summary>
        public string UnknownHostConfig { get; }

        /// <summary>A folder with an `ssh` that adds -F <see cref="ConfigFile"/>, to put first on the docker CLI's PATH.</summary>
        public string WrapperDirectory { get; }

        public string Log
        {
            get
            {
                lock (_log)
                {
                    return string.Join("\n", _log.TakeLast(30));
                }
            }
        }

        /// <summary>The docker CLI with -H ssh://..., through the wrapper; returns stdout, fails on a non-zero exit.</summary>
        public string Docker(params string[] args)
        {
            var info = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.Environment["PATH"] = WrapperDirectory + ":" + Environment.GetEnvironmentVariable("PATH");
            info.Environment.Remove("DOCKER_HOST");
            info.Environment.Remove("DOCKER_CONTEXT");
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add(Address);
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            using Process p = Process.Start(info)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"docker -H {Address} {string.Join(" ", args)} failed: {stderr.Result}");
            return stdout;
        }

        /// <summary>The ssh processes (of any user) whose command line names this fixture's folder.</summary>
        /// <summary>The ssh processes still running once <paramref name="grace"/> has passed (or none are left): a killed
        /// process takes a moment to go on a loaded machine.</summary>
        public List<string> SshProcessesLeft(TimeSpan grace)
        {
            DateTime deadline = DateTime.UtcNow + grace;
            List<string> found = SshProcesses();
            while (found.Count > 0 && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(100);
                found = SshProcesses();
            }

            return found;
        }

        public List<string> SshProcesses()
        {
            var found = new List<string>();
            foreach (string dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid) || pid == _sshd.Id)
                {
                    continue;
                }

                try
                {
                    string[] argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                    if (argv.Length > 0 && Path.GetFileName(argv[0]) == "ssh" && argv.Any(a => a.StartsWith(Dir, StringComparison.Ordinal)))
                    {
                        found.Add(pid + ": " + string.Join(" ", argv));
                    }
                }
                catch (IOException)
                {
                    // It ended while we looked.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }

            return found;
        }

        private string ClientConfig(string name, string key, string knownHosts)
        {
            string path = Path.Combine(Dir, name);
            File.WriteAllLines(path, new[]
            {
                "Host *",
                "  IdentityFile " + Path.Combine(Dir, key),
                "  IdentitiesOnly yes",
                "  UserKnownHostsFile " + Path.Combine(Dir, knownHosts),
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes",
                "  IdentityAgent none",
            });
            return path;
        }

        private static void Run(string file, params string[] args)
        {
            var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            using Process p = Process.Start(info) ?? throw new InvalidOperationException(file + " did not start");
            string err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(" ", args)} failed: {err}");
            }
        }

        public void Dispose()
        {
            try
            {
                _sshd.Kill(entireProcessTree: true);
                _sshd.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }

            _sshd.Dispose();
            try
            {
                Directory.Delete(Dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
