using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Build.Session
{
    /// <summary>
    /// One gRPC call on an HTTP/2 stream, server side: the messages the engine sends (each a 5-byte prefix — a
    /// compressed flag and a big-endian length — then the protobuf), the answer's headers, messages and trailers.
    /// Unary and streaming calls are the same thing here: read until null, write any number, finish once.
    /// </summary>
    internal sealed class GrpcCall
    {
        internal const int StatusOk = 0;
        internal const int StatusCancelled = 1;
        internal const int StatusUnknown = 2;
        internal const int StatusNotFound = 5;
        internal const int StatusUnimplemented = 12;
        internal const int StatusInternal = 13;
        internal const int StatusUnavailable = 14;

        /// <summary>Messages larger than this are refused (the engine sends small requests and file chunks).</summary>
        private const int MaxMessage = 16 << 20;

        private readonly Http2Server _server;
        private readonly object _gate = new object();
        private readonly Queue<byte[]> _messages = new Queue<byte[]>();
        private readonly MemoryStream _pending = new MemoryStream();
        private readonly CancellationTokenSource _aborted = new CancellationTokenSource();
        private TaskCompletionSource<bool> _arrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _ended;
        private bool _headersSent;
        private bool _finished;

        internal GrpcCall(Http2Server server, int streamId, string method, IReadOnlyList<KeyValuePair<string, string>> headers)
        {
            _server = server;
            StreamId = streamId;
            Method = method;
            Headers = headers;
        }

        internal int StreamId { get; }

        /// <summary>The :path, "/package.Service/Method".</summary>
        internal string Method { get; }

        internal IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        /// <summary>Fires when the engine resets the stream or the connection ends.</summary>
        internal CancellationToken Aborted => _aborted.Token;

        internal bool Reset { get; private set; }

        /// <summary>What this stream may still send (HTTP/2 flow control); guarded by the server's window lock.</summary>
        internal long SendWindow { get; set; }

        /// <summary>The first value of a request header (gRPC metadata), or null.</summary>
        internal string? Header(string name)
        {
            foreach (KeyValuePair<string, string> h in Headers)
            {
                if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return h.Value;
                }
            }

            return null;
        }

        internal void OnData(byte[] data, int offset, int count, bool endStream)
        {
            lock (_gate)
            {
                _pending.Write(data, offset, count);
                byte[] buffer = _pending.GetBuffer();
                int length = (int)_pending.Length;
                int p = 0;
                while (length - p >= 5)
                {
                    if (buffer[p] != 0)
                    {
                        throw new InvalidDataException("gRPC: a compressed message, and no compression was offered.");
                    }

                    long size = ((long)buffer[p + 1] << 24) | ((long)buffer[p + 2] << 16) | ((long)buffer[p + 3] << 8) | buffer[p + 4];
                    if (size > MaxMessage)
                    {
                        throw new InvalidDataException("gRPC: a message larger than allowed.");
                    }

                    if (length - p - 5 < size)
                    {
                        break;
                    }

                    var message = new byte[size];
                    Buffer.BlockCopy(buffer, p + 5, message, 0, (int)size);
                    _messages.Enqueue(message);
                    p += 5 + (int)size;
                }

                if (p > 0)
                {
                    var rest = new byte[length - p];
                    Buffer.BlockCopy(buffer, p, rest, 0, rest.Length);
                    _pending.SetLength(0);
                    _pending.Write(rest, 0, rest.Length);
                }

                _ended |= endStream;
                _arrived.TrySetResult(true);
            }
        }

        internal void OnReset()
        {
            lock (_gate)
            {
                Reset = true;
                _ended = true;
                _arrived.TrySetResult(true);
            }

            try
            {
                _aborted.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        /// <summary>The next message from the engine, or null when it has closed its side.</summary>
        internal async Task<byte[]?> ReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                Task wait;
                lock (_gate)
                {
                    if (_messages.Count > 0)
                    {
                        return _messages.Dequeue();
                    }

                    if (Reset)
                    {
                        throw new IOException("The engine closed the session stream.");
                    }

                    if (_ended)
                    {
                        return null;
                    }

                    if (_arrived.Task.IsCompleted)
                    {
                        _arrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    wait = _arrived.Task;
                }

                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
                {
                    await Task.WhenAny(wait, cancelled.Task).ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        /// <summary>Sends one message (the response headers go first, once).</summary>
        internal async Task WriteAsync(byte[] message, CancellationToken cancellationToken)
        {
            await EnsureHeadersAsync(cancellationToken).ConfigureAwait(false);
            await _server.SendDataAsync(this, Frame(message), false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Ends the call with a gRPC status (trailers; trailers-only when nothing was sent).</summary>
        internal async Task FinishAsync(int status, string? message, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_finished)
                {
                    return;
                }

                _finished = true;
            }

            var trailers = new List<KeyValuePair<string, string>>();
            if (!_headersSent)
            {
                _headersSent = true;
                trailers.Add(new KeyValuePair<string, string>(":status", "200"));
                trailers.Add(new KeyValuePair<string, string>("content-type", "application/grpc"));
            }

            trailers.Add(new KeyValuePair<string, string>("grpc-status", status.ToString(CultureInfo.InvariantCulture)));
            if (!string.IsNullOrEmpty(message))
            {
                trailers.Add(new KeyValuePair<string, string>("grpc-message", PercentEncode(message!)));
            }

            await _server.SendHeadersAsync(StreamId, trailers, true, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Finish that never throws: for failure paths where the connection may already be gone.</summary>
        internal async Task TryFinishAsync(int status, string? message)
        {
            try
            {
                await FinishAsync(status, message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException || e is OperationCanceledException)
            {
            }
        }

        private async Task EnsureHeadersAsync(CancellationToken cancellationToken)
        {
            if (_headersSent)
            {
                return;
            }

            _headersSent = true;
            await _server.SendHeadersAsync(
                StreamId,
                new[]
                {
                    new KeyValuePair<string, string>(":status", "200"),
                    new KeyValuePair<string, string>("content-type", "application/grpc"),
                },
                false,
                cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The 5-byte gRPC prefix (uncompressed, big-endian length) and the message.</summary>
        internal static byte[] Frame(byte[] message)
        {
            var framed = new byte[5 + message.Length];
            framed[1] = (byte)(message.Length >> 24);
            framed[2] = (byte)(message.Length >> 16);
            framed[3] = (byte)(message.Length >> 8);
            framed[4] = (byte)message.Length;
            Buffer.BlockCopy(message, 0, framed, 5, message.Length);
            return framed;
        }

        /// <summary>grpc-message is percent-encoded outside printable ASCII (and '%').</summary>
        internal static string PercentEncode(string text)
        {
            var sb = new System.Text.StringBuilder();
            foreach (byte b in System.Text.Encoding.UTF8.GetBytes(text))
            {
                if (b >= 0x20 && b <= 0x7E && b != '%')
                {
                    sb.Append((char)b);
                }
                else
                {
                    sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return sb.ToString();
        }
    }
}
