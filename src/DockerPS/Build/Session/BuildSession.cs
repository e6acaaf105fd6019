using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Build.Session
{
    /// <summary>
    /// The client side of a BuildKit session (what docker build opens with POST /session): the engine upgrades the
    /// connection to HTTP/2 and calls the gRPC methods this side announced in X-Docker-Expose-Session-Grpc-Method
    /// headers. Served here: the health check the engine polls (it drops a session that does not answer) and the
    /// secrets of -Secret, the files of -Output (FileSend.DiffCopy), the SSH agents of -Ssh (sshforward) and the
    /// registry credentials of the FROM images and the # syntax= frontend (Auth.Credentials).
    /// </summary>
    internal sealed class BuildSession
    {
        internal const string HealthCheck = "/grpc.health.v1.Health/Check";
        internal const string GetSecret = "/moby.buildkit.secrets.v1.Secrets/GetSecret";
        internal const string FileSendDiffCopy = "/moby.filesync.v1.FileSend/DiffCopy";
        internal const string SshCheckAgent = "/moby.sshforward.v1.SSH/CheckAgent";
        internal const string SshForwardAgent = "/moby.sshforward.v1.SSH/ForwardAgent";

        private readonly Dictionary<string, BuildSecret> _secrets = new Dictionary<string, BuildSecret>(StringComparer.Ordinal);
        private readonly Dictionary<string, BuildSsh> _ssh = new Dictionary<string, BuildSsh>(StringComparer.Ordinal);
        private int _secretsServed;
        private int _sshForwarded;

        internal BuildSession(string contextPath, IEnumerable<BuildSecret> secrets, BuildOutput? output = null, IEnumerable<BuildSsh>? ssh = null, BuildAuth? auth = null)
        {
            Output = output;
            Auth = auth;
            foreach (BuildSsh s in ssh ?? Array.Empty<BuildSsh>())
            {
                _ssh[s.Id] = s;
            }

            Id = NewId();
            Name = Path.GetFileName(contextPath.TrimEnd('/', '\\'));
            using (SHA256 sha = SHA256.Create())
            {
                // As the CLI: the shared key names the context folder, so the engine can reuse what it synced before.
                SharedKey = Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(contextPath)));
            }

            foreach (BuildSecret s in secrets)
            {
                _secrets[s.Id] = s;
            }
        }

        internal string Id { get; }

        /// <summary>Where -Output goes (the engine sends it through FileSend.DiffCopy), or null.</summary>
        internal BuildOutput? Output { get; }

        internal string Name { get; }

        /// <summary>The registry credentials the session hands to BuildKit, or null.</summary>
        internal BuildAuth? Auth { get; }

        /// <summary>How many agent connections a RUN --mount=type=ssh step opened through the session (for -Verbose).</summary>
        internal int SshForwarded => _sshForwarded;

        internal string SharedKey { get; }

        /// <summary>How many secret requests were answered with a value (for -Verbose; never the values).</summary>
        internal int SecretsServed => _secretsServed;

        /// <summary>Why the session connection ended before the build did, or null.</summary>
        internal string? Lost { get; set; }

        /// <summary>The gRPC methods this session serves, one X-Docker-Expose-Session-Grpc-Method header each.</summary>
        internal IReadOnlyList<string> Methods
        {
            get
            {
                var methods = new List<string> { HealthCheck };
                if (_secrets.Count > 0)
                {
                    methods.Add(GetSecret);
                }

                if (Output != null)
                {
                    methods.Add(FileSendDiffCopy);
                }

                if (_ssh.Count > 0)
                {
                    methods.Add(SshCheckAgent);
                    methods.Add(SshForwardAgent);
                }

                if (Auth != null)
                {
                    methods.Add(BuildAuth.Credentials);
                    methods.Add(BuildAuth.FetchToken);
                    methods.Add(BuildAuth.GetTokenAuthority);
                    methods.Add(BuildAuth.VerifyTokenAuthority);
                }

                return methods;
            }
        }

        /// <summary>The headers of POST /session (besides Upgrade/Connection).</summary>
        internal IEnumerable<KeyValuePair<string, string>> Headers()
        {
            yield return new KeyValuePair<string, string>("X-Docker-Expose-Session-Uuid", Id);
            yield return new KeyValuePair<string, string>("X-Docker-Expose-Session-Name", Name);
            yield return new KeyValuePair<string, string>("X-Docker-Expose-Session-Sharedkey", SharedKey);
            foreach (string m in Methods)
            {
                yield return new KeyValuePair<string, string>("X-Docker-Expose-Session-Grpc-Method", m);
            }
        }

        /// <summary>Serves the engine's calls on the upgraded connection until it closes or the token fires.</summary>
        internal Task RunAsync(Stream connection, CancellationToken cancellationToken) =>
            new Http2Server(connection, call => HandleAsync(call, cancellationToken)).RunAsync(cancellationToken);

        internal async Task HandleAsync(GrpcCall call, CancellationToken cancellationToken)
        {
            using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.Aborted);
            CancellationToken ct = linked.Token;
            if (Output != null && string.Equals(call.Method, FileSendDiffCopy, StringComparison.OrdinalIgnoreCase))
            {
                await Output.ReceiveAsync(call, ct).ConfigureAwait(false);
                return;
            }

            if (Auth != null && BuildAuth.Serves(call.Method))
            {
                await Auth.HandleAsync(call, ct).ConfigureAwait(false);
                return;
            }

            switch (call.Method)
            {
                case HealthCheck:
                    await call.ReadAsync(ct).ConfigureAwait(false);
                    // HealthCheckResponse { status = SERVING (1) }
                    await call.WriteAsync(new ProtoWriter().Varint(1, 1).ToArray(), ct).ConfigureAwait(false);
                    await call.FinishAsync(GrpcCall.StatusOk, null, ct).ConfigureAwait(false);
                    return;
                case GetSecret:
                    await ServeSecretAsync(call, ct).ConfigureAwait(false);
                    return;
                case SshCheckAgent:
                    await CheckAgentAsync(call, ct).ConfigureAwait(false);
                    return;
                case SshForwardAgent:
                {
                    // The id travels as gRPC metadata (buildkit.ssh.id); a mount without id= is "default".
                    string id = call.Header("buildkit.ssh.id") ?? BuildSsh.DefaultId;
                    if (!_ssh.TryGetValue(id, out BuildSsh? agent))
                    {
                        await call.FinishAsync(GrpcCall.StatusNotFound, UnknownSsh(id), ct).ConfigureAwait(false);
                        return;
                    }

                    Interlocked.Increment(ref _sshForwarded);
                    await agent.ForwardAsync(call, ct).ConfigureAwait(false);
                    return;
                }
                default:
                    await call.FinishAsync(GrpcCall.StatusUnimplemented, "DockerPS does not serve " + call.Method, ct).ConfigureAwait(false);
                    return;
            }
        }

        /// <summary>CheckAgent { string ID = 1; }: BuildKit asks before it mounts an ssh socket; an unknown id fails the step.</summary>
        private async Task CheckAgentAsync(GrpcCall call, CancellationToken ct)
        {
            byte[]? request = await call.ReadAsync(ct).ConfigureAwait(false);
            string id = string.Empty;
            if (request != null)
            {
                var reader = new ProtoReader(request);
                while (reader.TryReadTag(out int field, out int wire))
                {
                    if (field == 1 && wire == ProtoReader.WireLengthDelimited)
                    {
                        id = reader.ReadString();
                    }
                    else
                    {
                        reader.Skip(wire);
                    }
                }
            }

            if (id.Length == 0)
            {
                id = BuildSsh.DefaultId;
            }

            if (!_ssh.ContainsKey(id))
            {
                await call.FinishAsync(GrpcCall.StatusNotFound, UnknownSsh(id), ct).ConfigureAwait(false);
                return;
            }

            await call.WriteAsync(Array.Empty<byte>(), ct).ConfigureAwait(false);
            await call.FinishAsync(GrpcCall.StatusOk, null, ct).ConfigureAwait(false);
        }

        private string UnknownSsh(string id) =>
            "unset ssh forward key " + id + " (Build-Image -Ssh gave " + (_ssh.Count == 0 ? "no agent" : string.Join(", ", _ssh.Keys)) + ")";

        private async Task ServeSecretAsync(GrpcCall call, CancellationToken ct)
        {
            byte[]? request = await call.ReadAsync(ct).ConfigureAwait(false);
            string? id = null;
            if (request != null)
            {
                // GetSecretRequest { string ID = 1; map<string,string> annotations = 2; }
                var reader = new ProtoReader(request);
                while (reader.TryReadTag(out int field, out int wire))
                {
                    if (field == 1 && wire == ProtoReader.WireLengthDelimited)
                    {
                        id = reader.ReadString();
                    }
                    else
                    {
                        reader.Skip(wire);
                    }
                }
            }

            if (id == null || !_secrets.TryGetValue(id, out BuildSecret? secret))
            {
                // NotFound is what BuildKit turns into "secret x not found" (or skips, for required=false mounts).
                await call.FinishAsync(GrpcCall.StatusNotFound, "secret " + (id ?? string.Empty) + " not found", ct).ConfigureAwait(false);
                return;
            }

            byte[]? value;
            try
            {
                value = secret.Read();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                value = null;
            }

            if (value == null)
            {
                await call.FinishAsync(GrpcCall.StatusNotFound, "secret " + id + " could not be read", ct).ConfigureAwait(false);
                return;
            }

            // GetSecretResponse { bytes data = 1; }
            byte[] response = new ProtoWriter().Bytes(1, value).ToArray();
            try
            {
                await call.WriteAsync(response, ct).ConfigureAwait(false);
                await call.FinishAsync(GrpcCall.StatusOk, null, ct).ConfigureAwait(false);
                Interlocked.Increment(ref _secretsServed);
            }
            finally
            {
                Array.Clear(value, 0, value.Length);
                Array.Clear(response, 0, response.Length);
            }
        }

        private static string NewId()
        {
            // BuildKit's ids are 25 lowercase base-36 characters; any unique token works.
            var bytes = new byte[16];
            using (RandomNumberGenerator rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(bytes);
            }

            const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
            var sb = new StringBuilder();
            foreach (byte b in bytes)
            {
                sb.Append(Alphabet[b % 36]);
            }

            return sb.Append(Alphabet[bytes[0] % 26 + 10]).ToString().Substring(0, 25 > sb.Length ? sb.Length : 25);
        }

        private static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes)
            {
                sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }
    }
}
