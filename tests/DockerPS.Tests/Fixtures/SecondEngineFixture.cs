using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>
    /// A private dockerd for the remote-engine tests: its own data-root, exec-root, pid file and unix socket, no bridge
    /// or iptables, and a TLS listener (--tlsverify) on 127.0.0.1 (and 127.0.0.2, whose address its certificate does not
    /// name). Certificates are made here with openssl: a CA, the server's (SAN IP:127.0.0.1, DNS:localhost), a client's,
    /// and a client certificate from another CA. A plain tcp forwarder to its socket stands for an unprotected engine.
    /// Stopped with SIGTERM at the end.
    /// </summary>
    public sealed class SecondEngineFixture : IDisposable
    {
        public const string TestLabel = "dockerps.test2";

        private readonly DockerdProcess _dockerd;
        private readonly SocketRelay _plain;

        public SecondEngineFixture()
        {
            Dir = Directory.CreateTempSubdirectory("dps-engine2-").FullName;
            MakeCertificates();
            TlsPort = EngineFixture.FreeLoopbackPort();
            MismatchPort = EngineFixture.FreeLoopbackPort();
            _dockerd = new DockerdProcess(Dir, "The second dockerd",
                "--host", $"tcp://127.0.0.1:{TlsPort}", "--host", $"tcp://127.0.0.2:{MismatchPort}",
                "--tlsverify", "--tlscacert", Pem("ca.pem"), "--tlscert", Pem("server-cert.pem"), "--tlskey", Pem("server-key.pem"));
            try
            {
                _dockerd.StartAndWait(TimeSpan.FromSeconds(30));
            }
            catch (InvalidOperationException)
            {
                Stop();
                _dockerd.KillLeftovers(keepShims: false);
                DockerdProcess.UnmountAndDelete(Dir);
                throw;
            }

            Client = new DockerClientConfiguration(new Uri(SocketAddress)).CreateClient();
            _plain = SocketRelay.TcpToUnix(SocketPath);
            ImportImage();
        }

        /// <summary>The folder with everything: certificates, data-root, exec-root, socket.</summary>
        public string Dir { get; }

        public string SocketPath => _dockerd.Socket;

        public string SocketAddress => "unix://" + SocketPath;

        public int TlsPort { get; }

        public int MismatchPort { get; }

        /// <summary>The TLS endpoint by the address its certificate names.</summary>
        public string TlsAddress => $"tcp://127.0.0.1:{TlsPort}";

        /// <summary>The same daemon by an address its certificate does not name.</summary>
        public string MismatchAddress => $"tcp://127.0.0.2:{MismatchPort}";

        /// <summary>Plain tcp (no TLS) to this daemon through a forwarder.</summary>
        public string PlainAddress => "tcp://127.0.0.1:" + _plain.Port;

        /// <summary>ca.pem, cert.pem, key.pem: what a client of this engine needs.</summary>
        public string ClientCerts => Path.Combine(Dir, "client");

        /// <summary>Only ca.pem: the server is verified, no client certificate is presented.</summary>
        public string CaOnly => Path.Combine(Dir, "ca-only");

        /// <summary>The right ca.pem, and a client certificate issued by another CA.</summary>
        public string OtherCaClient => Path.Combine(Dir, "other-client");

        /// <summary>The right client certificate, and a ca.pem of another CA (the server is not trusted).</summary>
        public string WrongCa => Path.Combine(Dir, "wrong-ca");

        /// <summary>The client certificate and key as one PKCS#12 file (password "pfx-pass").</summary>
        public string ClientPfx => Path.Combine(Dir, "client.pfx");

        public DockerClient Client { get; }

        public string Image => "dockerps-test2/busybox:" + "t";

        private string Pem(string name) => Path.Combine(Dir, "pki", name);

        private void MakeCertificates()
        {
            string pki = Path.Combine(Dir, "pki");
            Directory.CreateDirectory(pki);
            File.WriteAllText(Path.Combine(pki, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
            File.WriteAllText(Path.Combine(pki, "client.ext"), "extendedKeyUsage=clientAuth\n");
            void Ssl(string args) => Run("openssl", args, pki);
            foreach (string ca in new[] { "ca", "other-ca" })
            {
                Ssl($"req -x509 -newkey rsa:2048 -nodes -keyout {ca}-key.pem -out {ca}.pem -days 2 -subj /CN=dockerps-test-{ca}");
            }

            void Issue(string name, string ca, string cn, string ext)
            {
                Ssl($"req -newkey rsa:2048 -nodes -keyout {name}-key.pem -out {name}.csr -subj /CN={cn}");
                Ssl($"x509 -req -in {name}.csr -CA {ca}.pem -CAkey {ca}-key.pem -CAcreateserial -out {name}-cert.pem -days 2 -extfile {ext}");
            }

            Issue("server", "ca", "localhost", "server.ext");
            Issue("client", "ca", "dockerps-client", "client.ext");
            Issue("stranger", "other-ca", "dockerps-stranger", "client.ext");
            Ssl("pkcs12 -export -in client-cert.pem -inkey client-key.pem -out ../client.pfx -passout pass:pfx-pass");

            void Folder(string name, string? ca, string? client)
            {
                string dir = Path.Combine(Dir, name);
                Directory.CreateDirectory(dir);
                if (ca != null)
                {
                    File.Copy(Path.Combine(pki, ca + ".pem"), Path.Combine(dir, "ca.pem"));
                }

                if (client != null)
                {
                    File.Copy(Path.Combine(pki, client + "-cert.pem"), Path.Combine(dir, "cert.pem"));
                    File.Copy(Path.Combine(pki, client + "-key.pem"), Path.Combine(dir, "key.pem"));
                }
            }

            Folder("client", "ca", "client");
            Folder("ca-only", "ca", null);
            Folder("other-client", "ca", "stranger");
            Folder("wrong-ca", "other-ca", "client");
        }

        private static void Run(string file, string args, string dir)
        {
            var p = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true })!;
            string err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {args} failed: {err}");
            }
        }

        /// <summary>The private engine starts empty: import the busybox rootfs as this engine's test image.</summary>
        private void ImportImage()
        {
            using MemoryStream rootfs = EngineFixture.BuildBusyboxRootfs();
            string? error = null;
            var progress = new Progress<JSONMessage>(m => { if (m.Error != null) error = m.Error.Message; });
            Client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromSrc = "-", Repo = "dockerps-test2/busybox", Tag = "t", Changes = new List<string> { "CMD [\"sh\"]", "ENV PATH=/bin" } },
                rootfs, null, progress).GetAwaiter().GetResult();
            if (error != null)
            {
                throw new InvalidOperationException("Importing the busybox image into the second engine failed: " + error);
            }
        }

        /// <summary>Creates a container (network none) on this engine; returns its id.</summary>
        public string CreateContainer(string name, bool start = false)
        {
            string id = Client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = name,
                Image = Image,
                Cmd = new List<string> { "sleep", "300" },
                Labels = new Dictionary<string, string> { [TestLabel] = "1" },
                HostConfig = new HostConfig { NetworkMode = "none" },
            }).GetAwaiter().GetResult().ID;
            if (start)
            {
                Client.Containers.StartContainerAsync(id, new ContainerStartParameters()).GetAwaiter().GetResult();
            }

            return id;
        }

        // SIGTERM: dockerd stops its containers and its own containerd, then exits (about 2.5 s).
        private void Stop() => _dockerd.Stop(DockerdProcess.SigTerm, TimeSpan.FromSeconds(30));

        public void Dispose()
        {
            _plain?.Dispose();
            Client.Dispose();
            Stop();
            _dockerd.KillLeftovers(keepShims: false);
            DockerdProcess.UnmountAndDelete(Dir);
        }
    }
}
