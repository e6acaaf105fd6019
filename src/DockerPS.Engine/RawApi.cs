using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using DockerPS.Errors;

namespace DockerPS.Engine
{
    /// <summary>
    /// Requests Docker.DotNet.Enhanced has no (POST /build/prune) or models in a shape older engines do not answer
    /// with (GET /system/df: its model is API 1.52+, so Images/Containers/Volumes come back null from API 1.41).
    /// They go over the client's own HttpClient, so the transport (unix, npipe, tcp, TLS) is the client's. The
    /// client does not expose it; it is found once by field type, and a missing one says so clearly.
    /// </summary>
    internal sealed class RawApi
    {
        private static readonly FieldInfo? s_httpClientField = typeof(DockerClient)
            .GetFields(BindingFlags.Instance | BindingFlags.NonPublic).FirstOrDefault(f => f.FieldType == typeof(HttpClient));

        private static readonly FieldInfo? s_endpointField = typeof(DockerClient)
            .GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(Uri))
            .OrderBy(f => f.Name.IndexOf("ffective", StringComparison.Ordinal) >= 0 ? 0 : 1)
            .FirstOrDefault();

        private static readonly FieldInfo? s_hijackerField = typeof(DockerClient)
            .GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .FirstOrDefault(f => f.FieldType == typeof(Docker.DotNet.Handler.Abstractions.IStreamHijacker));

        private readonly HttpClient _http;
        private Docker.DotNet.Handler.Abstractions.IStreamHijacker? _hijacker;
        private readonly Uri _base;
        private readonly string _apiVersion;

        private RawApi(HttpClient http, Uri baseUri, string apiVersion)
        {
            _http = http;
            _base = baseUri;
            _apiVersion = apiVersion;
        }

        internal static RawApi For(DockerClient client, string apiVersion)
        {
            if (s_httpClientField?.GetValue(client) is HttpClient http && s_endpointField?.GetValue(client) is Uri baseUri)
            {
                return new RawApi(http, baseUri, apiVersion) { _hijacker = s_hijackerField?.GetValue(client) as Docker.DotNet.Handler.Abstractions.IStreamHijacker };
            }

            throw new NotSupportedException("This Docker.DotNet build does not expose its HTTP client; DockerPS needs 4.3.3.");
        }

        /// <summary>Sends one request and returns the parsed JSON answer; an error status becomes a DockerEngineException.</summary>
        internal async Task<JsonDocument> SendAsync(HttpMethod method, string path, IDictionary<string, string>? query, string endpointAddress,
            CancellationToken cancellationToken, string? jsonBody = null)
        {
            var uri = new StringBuilder(_base.ToString().TrimEnd('/')).Append("/v").Append(_apiVersion).Append('/').Append(path.TrimStart('/'));
            if (query != null && query.Count > 0)
            {
                uri.Append('?').Append(string.Join("&", query.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value))));
            }

            using var request = new HttpRequestMessage(method, uri.ToString());
            if (jsonBody != null)
            {
                request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
            }

            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new DockerEngineException((int)response.StatusCode, Calls.EngineMessage(body, response.ReasonPhrase ?? "error"), endpointAddress);
            }

            return JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
        }

        /// <summary>GET /_ping's headers (unversioned, as the CLI asks): Builder-Version, Ostype, Libpod-Api-Version.</summary>
        internal async Task<IDictionary<string, string>> PingHeadersAsync(string endpointAddress, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _base.ToString().TrimEnd('/') + "/_ping");
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                throw new DockerEngineException((int)response.StatusCode, Calls.EngineMessage(body, response.ReasonPhrase ?? "error"), endpointAddress);
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, IEnumerable<string>> h in response.Headers)
            {
                headers[h.Key] = string.Join(",", h.Value);
            }

            return headers;
        }

        /// <summary>
        /// POST /session with Upgrade: h2c and the session's headers; on 101 the connection is handed back raw, and
        /// the engine speaks HTTP/2 (as the client) on it. Any other answer becomes a DockerEngineException.
        /// </summary>
        internal async Task<System.IO.Stream> OpenSessionAsync(IEnumerable<KeyValuePair<string, string>> headers, string endpointAddress, CancellationToken cancellationToken)
        {
            if (_hijacker == null)
            {
                throw new NotSupportedException("This Docker.DotNet build does not expose its stream hijacker; a BuildKit session needs it.");
            }

            string uri = _base.ToString().TrimEnd('/') + "/v" + _apiVersion + "/session";
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Version = new System.Version(1, 1) };
            request.Headers.TryAddWithoutValidation("Upgrade", "h2c");
            request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
            // A repeated header (one X-Docker-Expose-Session-Grpc-Method per method) must go as separate lines: the
            // engine reads each line as one value, and HttpHeaders would join the values with commas on one line.
            // The client's HTTP/1.1 writer sends the header text as it is, so the extra lines are put in the value.
            foreach (IGrouping<string, KeyValuePair<string, string>> h in headers.GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(h.Key, string.Join("\r\n" + h.Key + ": ", h.Select(x => x.Value)));
            }

            HttpResponseMessage response = await UntilCancelled(_http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken), r => r.Dispose(), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.SwitchingProtocols)
            {
                using (response)
                {
                    string error = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    throw new DockerEngineException((int)response.StatusCode, Calls.EngineMessage(error, response.ReasonPhrase ?? "error"), endpointAddress);
                }
            }

            return await _hijacker.HijackStreamAsync(response.Content).ConfigureAwait(false);
        }

        /// <summary>
        /// Posts <paramref name="body"/> and hands each JSON line of the streamed answer to <paramref name="onLine"/>
        /// as it arrives (build output); an error status becomes a DockerEngineException.
        /// </summary>
        internal async Task PostStreamAsync(string path, IEnumerable<KeyValuePair<string, string>> query, HttpContent body,
            string endpointAddress, Action<JsonElement> onLine, CancellationToken cancellationToken)
        {
            var uri = new StringBuilder(_base.ToString().TrimEnd('/')).Append("/v").Append(_apiVersion).Append('/').Append(path.TrimStart('/'));
            string q = string.Join("&", query.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));
            if (q.Length > 0)
            {
                uri.Append('?').Append(q);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, uri.ToString()) { Content = body };
            // The transport may ignore the token while it waits for the engine (a long silent RUN step): every wait
            // races the token, and what it leaves behind is disposed, which closes the connection and so ends the
            // engine's build.
            Task<HttpResponseMessage> sending = _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            HttpResponseMessage response = await UntilCancelled(sending, r => r.Dispose(), cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    string error = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    throw new DockerEngineException((int)response.StatusCode, Calls.EngineMessage(error, response.ReasonPhrase ?? "error"), endpointAddress);
                }

                System.IO.Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var reader = new System.IO.StreamReader(stream, Encoding.UTF8);
                using (cancellationToken.Register(() =>
                {
                    stream.Dispose();
                    response.Dispose();
                }))
                {
                    try
                    {
                        string? line;
                        while ((line = await UntilCancelled(reader.ReadLineAsync(), null, cancellationToken).ConfigureAwait(false)) != null)
                        {
                            if (line.Trim().Length == 0)
                            {
                                continue;
                            }

                            using JsonDocument doc = JsonDocument.Parse(line);
                            onLine(doc.RootElement);
                        }
                    }
                    catch (Exception e) when (!(e is OperationCanceledException) && cancellationToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }
                }
            }
        }

        /// <summary>
        /// <paramref name="task"/>'s result, or OperationCanceledException as soon as the token fires; a result that
        /// arrives after that goes to <paramref name="abandon"/>.
        /// </summary>
        private static async Task<T> UntilCancelled<T>(Task<T> task, Action<T>? abandon, CancellationToken cancellationToken)
        {
            if (task.IsCompleted)
            {
                return await task.ConfigureAwait(false);
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) == task)
                {
                    return await task.ConfigureAwait(false);
                }
            }

            _ = task.ContinueWith(
                t =>
                {
                    if (t.Status == TaskStatus.RanToCompletion)
                    {
                        abandon?.Invoke(t.Result);
                    }
                    else
                    {
                        _ = t.Exception; // observed: the abandoned wait's failure is expected
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            throw new OperationCanceledException(cancellationToken);
        }

        /// <summary>The engine's filters query value: {"label":{"a=b":true}}.</summary>
        internal static string FiltersJson(IDictionary<string, IList<string>> filters)
        {
            var sb = new StringBuilder("{");
            bool first = true;
            foreach (KeyValuePair<string, IList<string>> f in filters)
            {
                if (!first)
                {
                    sb.Append(',');
                }

                first = false;
                sb.Append(JsonSerializer.Serialize(f.Key)).Append(":{");
                sb.Append(string.Join(",", f.Value.Select(v => JsonSerializer.Serialize(v) + ":true")));
                sb.Append('}');
            }

            return sb.Append('}').ToString();
        }
    }
}
