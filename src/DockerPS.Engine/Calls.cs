using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using DockerPS.Connection;
using DockerPS.Errors;

namespace DockerPS.Engine
{
    /// <summary>Runs one engine call and turns Docker.DotNet and transport exceptions into the module's own.</summary>
    internal static class Calls
    {
        internal static async Task<T> Run<T>(EngineEndpoint endpoint, Func<Task<T>> call, CancellationToken requestToken,
            CancellationToken userToken, TimeSpan? timeout = null)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw Translate(e, endpoint, userToken, timeout);
            }
        }

        internal static async Task Run(EngineEndpoint endpoint, Func<Task> call, CancellationToken requestToken,
            CancellationToken userToken, TimeSpan? timeout = null)
        {
            try
            {
                await call().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw Translate(e, endpoint, userToken, timeout);
            }
        }

        internal static Exception Translate(Exception e, EngineEndpoint endpoint, CancellationToken userToken, TimeSpan? timeout)
        {
            if (e is OperationCanceledException && userToken.IsCancellationRequested)
            {
                return e; // Ctrl+C: the cmdlet turns this into a quiet stop.
            }

            switch (e)
            {
                case DockerApiException api:
                    return new DockerEngineException((int)api.StatusCode, EngineMessage(api.ResponseBody, api.Message), endpoint.Address, api);
                case OperationCanceledException _:
                case TimeoutException _:
                    string after = timeout.HasValue ? $" within {timeout.Value.TotalSeconds:0} s" : string.Empty;
                    return new DockerConnectionException($"The engine did not answer{after}.", endpoint.Address, ErrorIds.EngineTimeout, e);
            }

            for (Exception? inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is DockerConnectionException named)
                {
                    return named; // the transport named the cause already (the ssh transport: SshTransport.cs)
                }
            }

            if (e is JsonException)
            {
                // The engine answered 2xx with a body that is not the API's JSON (Podman 4.3's empty /top body): say so
                // in words, as an engine error, rather than let the parser's own message reach the user.
                return new DockerEngineException(200, "The engine's answer could not be read: it was empty or not the JSON the Engine API describes.", endpoint.Address, e);
            }

            for (Exception? inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is AuthenticationException)
                {
                    return new DockerConnectionException("The TLS handshake failed: " + Innermost(inner).Message, endpoint.Address, ErrorIds.TlsHandshakeFailed, e);
                }
            }

            for (Exception? inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException || inner is HttpRequestException || inner is IOException)
                {
                    return new DockerConnectionException(Innermost(e).Message, endpoint.Address, ErrorIds.EngineUnreachable, e);
                }
            }

            return e;
        }

        /// <summary>The engine's {"message": "..."} body, or the exception text when the body is not that.</summary>
        internal static string EngineMessage(string? body, string fallback)
        {
            if (!string.IsNullOrWhiteSpace(body))
            {
                try
                {
                    using JsonDocument doc = JsonDocument.Parse(body!);
                    if (doc.RootElement.ValueKind == JsonValueKind.Object
                        && doc.RootElement.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String)
                    {
                        return m.GetString()!;
                    }
                }
                catch (JsonException)
                {
                }

                return body!.Trim();
            }

            return fallback;
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null)
            {
                e = e.InnerException;
            }

            return e;
        }
    }
}
