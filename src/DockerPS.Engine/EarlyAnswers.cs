using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Handler.Abstractions;

namespace DockerPS.Engine
{
    /// <summary>
    /// Keeps the engine's answer to a refused upload (build context, image load or import, archive into a container).
    /// The engine may answer "400 invalid reference format" and close the connection before it read the body;
    /// Docker.DotNet's transport only reads the answer after the whole body is written, so the write fails with
    /// "Broken pipe" and the answer is lost. This handler wraps every request body: when writing it fails because the
    /// engine went away, it reads what the engine already sent on that connection and returns it as the response, so
    /// the call fails with the engine's own status and message. A dead engine sends nothing, and its failure stays.
    /// </summary>
    internal sealed class EarlyAnswerHandler : DelegatingHandler
    {
        internal EarlyAnswerHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content == null)
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var content = new AnswerKeepingContent(request.Content);
            request.Content = content;
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (content.Answer != null)
            {
                EarlyAnswer a = content.Answer;
                var response = new HttpResponseMessage((HttpStatusCode)a.StatusCode) { ReasonPhrase = a.ReasonPhrase, RequestMessage = request };
                response.Content = new ByteArrayContent(a.Body);
                foreach (var header in a.Headers.Where(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
                {
                    response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                return response;
            }
        }
    }

    /// <summary>Writes the original body; if the engine went away meanwhile, reads its answer off the same connection.</summary>
    internal sealed class AnswerKeepingContent : HttpContent
    {
        private const int MaxAnswer = 1 << 20;
        private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(5);
        private readonly HttpContent _inner;

        internal AnswerKeepingContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        internal EarlyAnswer? Answer { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            try
            {
                await _inner.CopyToAsync(stream).ConfigureAwait(false);
            }
            catch (Exception e) when (PeerWentAway(e))
            {
                Stream? readable = Readable(stream);
                if (readable != null)
                {
                    Answer = await ReadAnswerAsync(readable).ConfigureAwait(false);
                }

                throw;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            long? known = _inner.Headers.ContentLength;
            length = known ?? -1;
            return known.HasValue;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>
        /// Pipe closed or connection reset by the engine: the failures after which an answer may be waiting. A local
        /// failure (an unreadable file under the body) has no socket error and is not waited on.
        /// </summary>
        private static bool PeerWentAway(Exception e)
        {
            for (Exception? inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException s)
                {
                    // EPIPE is reported as Shutdown on Linux and macOS.
                    return s.SocketErrorCode == SocketError.Shutdown || s.SocketErrorCode == SocketError.ConnectionReset
                        || s.SocketErrorCode == SocketError.ConnectionAborted;
                }
            }

            return false;
        }

        /// <summary>
        /// The connection itself: the transport's stream when the body goes straight to it, or the one under the
        /// chunked-encoding writer (a write-only wrapper that keeps it in a private field).
        /// </summary>
        private static Stream? Readable(Stream stream)
        {
            if (stream.CanRead)
            {
                return stream;
            }

            for (Type? t = stream.GetType(); t != null && t != typeof(Stream); t = t.BaseType)
            {
                foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
                {
                    if (typeof(Stream).IsAssignableFrom(f.FieldType) && f.GetValue(stream) is Stream s && s.CanRead)
                    {
                        return s;
                    }
                }
            }

            return null;
        }

        private static async Task<EarlyAnswer?> ReadAnswerAsync(Stream connection)
        {
            var buffer = new byte[64 * 1024];
            int count = 0;
            using var wait = new CancellationTokenSource(AnswerWait);
            try
            {
                while (count < MaxAnswer)
                {
                    if (count == buffer.Length)
                    {
                        Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxAnswer));
                    }

                    Task<int> read = connection.ReadAsync(buffer, count, buffer.Length - count, wait.Token);
                    // Some transports ignore the token on reads; the delay bounds the wait either way.
                    if (await Task.WhenAny(read, Task.Delay(AnswerWait, wait.Token)).ConfigureAwait(false) != read)
                    {
                        break;
                    }

                    int n = await read.ConfigureAwait(false);
                    if (n == 0)
                    {
                        return EarlyAnswer.TryParse(buffer, count, atEnd: true);
                    }

                    count += n;
                    EarlyAnswer? complete = EarlyAnswer.TryParse(buffer, count, atEnd: false);
                    if (complete != null)
                    {
                        return complete;
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException || e is OperationCanceledException)
            {
                // Reset or closed without an answer: fall through with what arrived.
            }

            return count > 0 ? EarlyAnswer.TryParse(buffer, count, atEnd: true) : null;
        }
    }

    /// <summary>
    /// Hooks <see cref="EarlyAnswerHandler"/> into every client: Docker.DotNet hands the transport's handler to the
    /// auth provider and uses the one it returns. TLS settings, when given, are applied to the transport first.
    /// </summary>
    internal sealed class EarlyAnswerAuthProvider : IAuthProvider
    {
        private readonly IAuthProvider? _tls;

        internal EarlyAnswerAuthProvider(IAuthProvider? tls) => _tls = tls;

        public bool TlsEnabled => _tls?.TlsEnabled ?? false;

        public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler) =>
            new EarlyAnswerHandler(_tls != null ? _tls.ConfigureHandler(handler) : handler);
    }
}
