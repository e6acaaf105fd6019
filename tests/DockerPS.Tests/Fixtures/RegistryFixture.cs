using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>
    /// Two local docker-registry processes on 127.0.0.1 and free ports: one open, one with htpasswd basic auth
    /// (user <see cref="User"/>, password <see cref="Password"/>). The engine treats 127.0.0.0/8 as insecure, so plain
    /// http works. Both stop, and their storage goes, when the fixture is disposed.
    /// </summary>
    public sealed class RegistryFixture : IDisposable
    {
        public const string User = "dpsuser";

        /// <summary>A password distinctive enough to search every stream for.</summary>
        public const string Password = "Pw-9f3Kq7-never-shown";

        private readonly string _dir;
        private readonly Process _open;
        private readonly Process _auth;

        public RegistryFixture()
        {
            string binary = File.Exists("/usr/bin/docker-registry") ? "/usr/bin/docker-registry" : "docker-registry";
            _dir = Path.Combine(Path.GetTempPath(), "dockerps-registry-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(_dir);
            string htpasswd = Path.Combine(_dir, "htpasswd");
            File.WriteAllText(htpasswd, Htpasswd(User, Password));

            OpenPort = EngineFixture.FreeLoopbackPort();
            _open = Start(binary, "open", OpenPort, null);
            AuthPort = EngineFixture.FreeLoopbackPort();
            _auth = Start(binary, "auth", AuthPort, htpasswd);
            WaitReady(OpenPort, _open);
            WaitReady(AuthPort, _auth);
        }

        public int OpenPort { get; }

        public int AuthPort { get; }

        /// <summary>host:port of the registry without auth.</summary>
        public string Open => "127.0.0.1:" + OpenPort;

        /// <summary>host:port of the registry with basic auth.</summary>
        public string Auth => "127.0.0.1:" + AuthPort;

        /// <summary>
        /// The auth registry as a login test names it on <paramref name="engine"/>: <see cref="Auth"/>, but
        /// "localhost:port" on Podman. Podman 4.3's compat POST /auth does not read registries.conf and skips TLS only for
        /// localhost (measured: a login to 127.0.0.1:port answers 500 "http: server gave HTTP response to HTTPS client",
        /// the same login to localhost:port succeeds); .ci/podman marks both names insecure for push and pull.
        /// </summary>
        public string LoginAddress(EngineFixture engine) => (engine.IsPodman ? "localhost:" : "127.0.0.1:") + AuthPort;

        private Process Start(string binary, string name, int port, string? htpasswd)
        {
            string config = Path.Combine(_dir, name + ".yml");
            string auth = htpasswd == null ? string.Empty : $"auth:\n  htpasswd:\n    realm: dockerps-test\n    path: {htpasswd}\n";
            File.WriteAllText(config,
                $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(_dir, name + "-data")}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n{auth}");
            var start = new ProcessStartInfo(binary, "serve " + config) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            var process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        private static void WaitReady(int port, Process process)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"docker-registry on port {port} exited with {process.ExitCode}.");
                }

                try
                {
                    using HttpResponseMessage r = http.GetAsync($"http://127.0.0.1:{port}/v2/").GetAwaiter().GetResult();
                    return; // 200 or 401: it answers.
                }
                catch (HttpRequestException)
                {
                    Thread.Sleep(100);
                }
            }

            throw new InvalidOperationException($"docker-registry on port {port} did not answer within 20 s.");
        }

        /// <summary>A bcrypt htpasswd line (distribution accepts only bcrypt): htpasswd -Bbn from apache2-utils.</summary>
        private static string Htpasswd(string user, string password)
        {
            var start = new ProcessStartInfo("htpasswd", $"-Bbn {user} {password}") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            try
            {
                using Process p = Process.Start(start)!;
                string line = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0 || !line.StartsWith(user + ":$2", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("htpasswd -Bbn failed: " + line);
                }

                return line.Trim() + "\n";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException("htpasswd is missing: apt-get install apache2-utils (bash .ci/engine installs it).");
            }
        }

        public void Dispose()
        {
            foreach (Process p in new[] { _open, _auth })
            {
                try
                {
                    if (!p.HasExited)
                    {
                        p.Kill();
                        p.WaitForExit(5000);
                    }
                }
                catch (InvalidOperationException)
                {
                }

                p.Dispose();
            }

            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
