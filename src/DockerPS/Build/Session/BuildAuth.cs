using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Registry;

namespace DockerPS.Build.Session
{
    /// <summary>
    /// moby.filesync.v1.Auth as the session serves it: BuildKit asks Credentials(host) before it pulls a FROM image or
    /// a # syntax= frontend from a registry that wants a login, and the answer is what Build-Image resolved (-Credential,
    /// the Connect-DockerRegistry login, the docker config). FetchToken and GetTokenAuthority (the newer BuildKit's way
    /// of having the client fetch bearer tokens itself) answer Unimplemented: BuildKit then fetches the token with the
    /// credentials from Credentials. The password goes only into the gRPC answer to the engine.
    /// </summary>
    internal sealed class BuildAuth
    {
        internal const string Credentials = "/moby.filesync.v1.Auth/Credentials";
        internal const string FetchToken = "/moby.filesync.v1.Auth/FetchToken";
        internal const string GetTokenAuthority = "/moby.filesync.v1.Auth/GetTokenAuthority";
        internal const string VerifyTokenAuthority = "/moby.filesync.v1.Auth/VerifyTokenAuthority";

        private readonly IReadOnlyDictionary<string, RegistryAuth> _known;
        private readonly Func<string, RegistryAuth?> _lookup;
        private readonly ConcurrentDictionary<string, string> _asked = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <param name="known">Credentials resolved before the build, by registry (docker.io, host:port).</param>
        /// <param name="lookup">For a registry not in <paramref name="known"/> (a FROM named through an ARG): the login store and the docker config; may return null.</param>
        internal BuildAuth(IReadOnlyDictionary<string, RegistryAuth> known, Func<string, RegistryAuth?> lookup)
        {
            _known = known;
            _lookup = lookup;
        }

        /// <summary>The registries the build asked about, with where the answer came from (for -Verbose; never a password).</summary>
        internal IReadOnlyDictionary<string, string> Asked => _asked;

        internal static bool Serves(string method) =>
            method == Credentials || method == FetchToken || method == GetTokenAuthority || method == VerifyTokenAuthority;

        internal async Task HandleAsync(GrpcCall call, CancellationToken ct)
        {
            if (call.Method != Credentials)
            {
                await call.FinishAsync(GrpcCall.StatusUnimplemented, "DockerPS serves registry credentials only (Credentials)", ct).ConfigureAwait(false);
                return;
            }

            byte[]? request = await call.ReadAsync(ct).ConfigureAwait(false);
            string host = string.Empty;
            if (request != null)
            {
                // CredentialsRequest { string Host = 1; }
                var reader = new ProtoReader(request);
                while (reader.TryReadTag(out int field, out int wire))
                {
                    if (field == 1 && wire == ProtoReader.WireLengthDelimited)
                    {
                        host = reader.ReadString();
                    }
                    else
                    {
                        reader.Skip(wire);
                    }
                }
            }

            RegistryAuth? auth = Find(host);
            var response = new ProtoWriter();
            if (auth != null)
            {
                // CredentialsResponse { string Username = 1; string Secret = 2; } — an identity token goes as the secret with no user name.
                if (!string.IsNullOrEmpty(auth.IdentityToken))
                {
                    response.String(2, auth.IdentityToken!);
                }
                else
                {
                    response.String(1, auth.UserName ?? string.Empty).String(2, auth.Password ?? string.Empty);
                }
            }

            byte[] answer = response.ToArray();
            try
            {
                await call.WriteAsync(answer, ct).ConfigureAwait(false);
                await call.FinishAsync(GrpcCall.StatusOk, null, ct).ConfigureAwait(false);
            }
            finally
            {
                Array.Clear(answer, 0, answer.Length);
            }
        }

        private RegistryAuth? Find(string host)
        {
            string registry = RegistryCredentials.Normalize(host);
            RegistryAuth? auth;
            if (!_known.TryGetValue(registry, out auth))
            {
                try
                {
                    auth = _lookup(registry);
                }
                catch (Exception e) when (e is ArgumentException || e is TimeoutException || e is System.IO.IOException || e is InvalidOperationException)
                {
                    auth = null;
                }
            }

            _asked[registry] = auth == null ? "none, anonymous" : auth.Source + ", user " + (auth.UserName ?? "<token>");
            return auth;
        }
    }
}
