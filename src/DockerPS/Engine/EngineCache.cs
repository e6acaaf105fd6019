using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;

namespace DockerPS.Engine
{
    /// <summary>
    /// One connected engine per endpoint for the whole session: the API version is negotiated once, and the
    /// client's connection pool is reused by every cmdlet. A failed connect is forgotten, so the next call retries.
    /// </summary>
    internal static class EngineCache
    {
        /// <summary>How long connect plus version negotiation may take before the engine counts as unreachable.</summary>
        internal static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

        private static readonly ConcurrentDictionary<string, Lazy<Task<IDockerEngine>>> s_engines =
            new ConcurrentDictionary<string, Lazy<Task<IDockerEngine>>>(StringComparer.Ordinal);

        private static readonly ConcurrentDictionary<string, TlsSettings> s_tls =
            new ConcurrentDictionary<string, TlsSettings>(StringComparer.Ordinal);

        /// <summary>
        /// The TLS settings that last reached <paramref name="address"/> this session: objects piped from a TLS engine carry
        /// only its address, and the next command reaches it with the same certificates.
        /// </summary>
        internal static TlsSettings? RememberedTls(string address) => s_tls.TryGetValue(address, out TlsSettings? tls) ? tls : null;

        internal static async Task<IDockerEngine> GetAsync(EngineEndpoint endpoint, CancellationToken cancellationToken)
        {
            Lazy<Task<IDockerEngine>> entry = s_engines.GetOrAdd(
                endpoint.CacheKey,
                _ => new Lazy<Task<IDockerEngine>>(() => EngineLoader.Factory.ConnectAsync(endpoint, ConnectTimeout, CancellationToken.None)));
            try
            {
                // The shared connect is not tied to one caller's Ctrl+C; this caller just stops waiting.
                Task<IDockerEngine> connect = entry.Value;
                var cancelled = new TaskCompletionSource<bool>();
                using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
                {
                    if (await Task.WhenAny(connect, cancelled.Task).ConfigureAwait(false) != connect)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }
                }

                IDockerEngine engine = await connect.ConfigureAwait(false);
                if (endpoint.Tls != null)
                {
                    s_tls[endpoint.Address] = endpoint.Tls;
                }

                return engine;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                s_engines.TryRemove(endpoint.CacheKey, out _);
                throw;
            }
        }
    }
}
