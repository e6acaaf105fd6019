using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Build.Session
{
    /// <summary>
    /// One -Ssh entry, as docker build --ssh takes it: default, &lt;id&gt; (both: the agent of $SSH_AUTH_SOCK) or
    /// &lt;id&gt;=&lt;agent socket&gt;. The build reaches the agent through the session (moby.sshforward.v1.SSH): every
    /// connection a RUN --mount=type=ssh step opens becomes a ForwardAgent stream that this side relays, byte for
    /// byte, to the agent. Private keys never pass through DockerPS; only the agent's socket is opened.
    /// </summary>
    internal sealed class BuildSsh
    {
        /// <summary>BuildKit's id of an ssh mount without id= (and of -Ssh default).</summary>
        internal const string DefaultId = "default";

        private BuildSsh(string id, string socket, string spec)
        {
            Id = id;
            Socket = socket;
            Spec = spec;
        }

        internal string Id { get; }

        /// <summary>The agent's unix socket (or, on Windows, \\.\pipe\name).</summary>
        internal string Socket { get; }

        /// <summary>The entry as the user gave it (the target of its errors).</summary>
        internal string Spec { get; }

        /// <summary>
        /// Parses one entry. <paramref name="resolvePath"/> makes a relative path full. A key file (not a socket) is
        /// refused with NotSupportedException: docker build loads it into an agent of its own, which DockerPS has not.
        /// A missing $SSH_AUTH_SOCK or socket is a FileNotFoundException.
        /// </summary>
        internal static BuildSsh Parse(string spec, Func<string, string> resolvePath)
        {
            string entry = spec.Trim();
            int eq = entry.IndexOf('=');
            string id = (eq < 0 ? entry : entry.Substring(0, eq)).Trim();
            if (id.Length == 0)
            {
                throw new FormatException("An -Ssh entry is default, <id> or <id>=<agent socket>; '" + spec + "' has no id.");
            }

            string? path = eq < 0 ? null : entry.Substring(eq + 1).Trim();
            if (string.IsNullOrEmpty(path))
            {
                path = Environment.GetEnvironmentVariable("SSH_AUTH_SOCK");
                if (string.IsNullOrEmpty(path))
                {
                    throw new FileNotFoundException("-Ssh " + id + " forwards the agent of $SSH_AUTH_SOCK, and SSH_AUTH_SOCK is not set (start ssh-agent, or give <id>=<agent socket>).");
                }
            }
            else if (path!.IndexOf(',') >= 0)
            {
                throw new NotSupportedException("-Ssh " + id + " names several files; Build-Image forwards one agent socket per id (load keys into ssh-agent with ssh-add).");
            }
            else if (!IsPipe(path))
            {
                path = resolvePath(path);
            }

            if (!IsPipe(path!) && !File.Exists(path) && !Directory.Exists(path))
            {
                throw new FileNotFoundException("The SSH agent socket of -Ssh " + id + " does not exist: " + path);
            }

            if (!IsPipe(path!) && !IsSocket(path!))
            {
                throw new NotSupportedException("-Ssh " + id + " names " + path + ", which is not an SSH agent socket. Build-Image forwards an agent, not key files: load the key into ssh-agent (ssh-add " + path + ") and give -Ssh " + id + " (or " + id + "=<agent socket>).");
            }

            return new BuildSsh(id, path!, spec);
        }

        /// <summary>Refuses two entries with one id, as the CLI does.</summary>
        internal static void CheckUnique(IEnumerable<BuildSsh> entries)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (BuildSsh s in entries)
            {
                if (!seen.Add(s.Id))
                {
                    throw new FormatException("Two -Ssh entries have the id '" + s.Id + "'.");
                }
            }
        }

        /// <summary>Connects to the agent once and closes again: a dead socket is an error before the build, not inside it.</summary>
        internal void Probe()
        {
            using Stream s = Connect(out _);
        }

        /// <summary>A connection to the agent; <paramref name="socket"/> is its socket (null for a named pipe).</summary>
        internal Stream Connect(out System.Net.Sockets.Socket? socket)
        {
            socket = null;
            if (IsPipe(Socket))
            {
                string name = Socket.Substring(@"\\.\pipe\".Length);
                var pipe = new NamedPipeClientStream(".", name, PipeDirection.InOut, PipeOptions.Asynchronous);
                try
                {
                    pipe.Connect(5000);
                }
                catch
                {
                    pipe.Dispose();
                    throw;
                }

                return pipe;
            }

            var unix = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                unix.Connect(UnixEndPoint(Socket));
            }
            catch
            {
                unix.Dispose();
                throw;
            }

            socket = unix;
            return new NetworkStream(unix, true);
        }

        /// <summary>
        /// Serves one ForwardAgent stream: BytesMessage { bytes data = 1 } both ways, relayed to a fresh agent
        /// connection. The engine closing its side shuts down the agent's write side; the agent closing ends the call.
        /// </summary>
        internal async Task ForwardAsync(GrpcCall call, CancellationToken ct)
        {
            Stream agent;
            System.Net.Sockets.Socket? socket;
            try
            {
                agent = Connect(out socket);
            }
            catch (Exception e) when (e is SocketException || e is IOException || e is TimeoutException || e is UnauthorizedAccessException)
            {
                await call.FinishAsync(GrpcCall.StatusUnavailable, "the SSH agent of -Ssh " + Id + " does not answer: " + e.Message, ct).ConfigureAwait(false);
                return;
            }

            using (agent)
            using (ct.Register(() => agent.Dispose()))
            {
                Task toAgent = Task.Run(async () =>
                {
                    while (await call.ReadAsync(ct).ConfigureAwait(false) is byte[] message)
                    {
                        byte[] data = Data(message);
                        if (data.Length > 0)
                        {
                            await agent.WriteAsync(data, 0, data.Length, ct).ConfigureAwait(false);
                            await agent.FlushAsync(ct).ConfigureAwait(false);
                        }
                    }

                    // The step's client closed: the agent sees end of input and closes when it has answered.
                    socket?.Shutdown(SocketShutdown.Send);
                }, ct);

                var buffer = new byte[32 * 1024];
                try
                {
                    while (true)
                    {
                        int n = await agent.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
                        if (n == 0)
                        {
                            break;
                        }

                        var chunk = new byte[n];
                        Buffer.BlockCopy(buffer, 0, chunk, 0, n);
                        await call.WriteAsync(new ProtoWriter().Bytes(1, chunk).ToArray(), ct).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is SocketException)
                {
                    // The engine reset the stream (ct) or the agent went away: either way this connection is over.
                }

                await call.TryFinishAsync(GrpcCall.StatusOk, null).ConfigureAwait(false);
                try
                {
                    await toAgent.ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is SocketException || e is OperationCanceledException)
                {
                }
            }
        }

        /// <summary>The data field of a BytesMessage.</summary>
        private static byte[] Data(byte[] message)
        {
            var reader = new ProtoReader(message);
            while (reader.TryReadTag(out int field, out int wire))
            {
                if (field == 1 && wire == ProtoReader.WireLengthDelimited)
                {
                    return reader.ReadBytes();
                }

                reader.Skip(wire);
            }

            return Array.Empty<byte>();
        }

        private static bool IsPipe(string path) => path.StartsWith(@"\\.\pipe\", StringComparison.OrdinalIgnoreCase);

        /// <summary>True for a unix socket (an agent), false for a regular file (a key).</summary>
        private static bool IsSocket(string path)
        {
            if (Directory.Exists(path))
            {
                return false;
            }

            try
            {
                // A socket cannot be opened as a file: ENXIO (No such device or address). A key file opens.
                using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                }

                return false;
            }
            catch (IOException)
            {
                return true;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>
        /// A unix socket address. DockerPS is built against netstandard2.0, which lacks UnixDomainSocketEndPoint; the
        /// runtimes PowerShell 7 runs on have it.
        /// </summary>
        private static EndPoint UnixEndPoint(string path)
        {
            Type? type = typeof(System.Net.Sockets.Socket).Assembly.GetType("System.Net.Sockets.UnixDomainSocketEndPoint")
                ?? Type.GetType("System.Net.Sockets.UnixDomainSocketEndPoint, System.Net.Sockets");
            if (type == null)
            {
                throw new PlatformNotSupportedException("This .NET runtime has no unix domain sockets, so it cannot reach the SSH agent at " + path + ".");
            }

            try
            {
                return (EndPoint)Activator.CreateInstance(type, path)!;
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException != null)
            {
                throw e.InnerException;
            }
        }
    }
}
