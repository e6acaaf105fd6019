using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Build.Session
{
    /// <summary>
    /// The server side of an HTTP/2 connection with prior knowledge (RFC 9113), just what gRPC calls need: the
    /// engine is the client on the hijacked /session connection. Frames are read on one loop; each request stream
    /// becomes a <see cref="GrpcCall"/> handed to the handler; writes are serialised; flow control both ways.
    /// </summary>
    internal sealed class Http2Server
    {
        internal const int FrameData = 0;
        internal const int FrameHeaders = 1;
        internal const int FramePriority = 2;
        internal const int FrameRstStream = 3;
        internal const int FrameSettings = 4;
        internal const int FramePushPromise = 5;
        internal const int FramePing = 6;
        internal const int FrameGoAway = 7;
        internal const int FrameWindowUpdate = 8;
        internal const int FrameContinuation = 9;

        internal const byte FlagEndStream = 0x1;
        internal const byte FlagAck = 0x1;
        internal const byte FlagEndHeaders = 0x4;
        internal const byte FlagPadded = 0x8;
        internal const byte FlagPriority = 0x20;

        /// <summary>The client connection preface (RFC 9113 3.4).</summary>
        internal static readonly byte[] Preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

        /// <summary>What this side advertises: a larger receive window so uploads from the engine do not stall on us.</summary>
        private const int OurInitialWindow = 1 << 20;

        private readonly Stream _stream;
        private readonly Func<GrpcCall, Task> _handler;
        private readonly SemaphoreSlim _writeLock = new SemaphoreSlim(1, 1);
        private readonly Hpack.Decoder _decoder = new Hpack.Decoder();
        private readonly Dictionary<int, GrpcCall> _calls = new Dictionary<int, GrpcCall>();
        private readonly object _windowLock = new object();
        private long _connectionSendWindow = 65535;
        private int _peerInitialWindow = 65535;
        private int _peerMaxFrame = 16384;
        private TaskCompletionSource<bool> _windowChanged = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Http2Server(Stream stream, Func<GrpcCall, Task> handler)
        {
            _stream = stream;
            _handler = handler;
        }

        /// <summary>Serves until the engine closes the connection (GOAWAY or end of stream) or the token fires.</summary>
        internal async Task RunAsync(CancellationToken cancellationToken)
        {
            var preface = new byte[Preface.Length];
            await ReadExactlyAsync(preface, preface.Length, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < preface.Length; i++)
            {
                if (preface[i] != Preface[i])
                {
                    throw new InvalidDataException("The engine did not start HTTP/2 on the session connection.");
                }
            }

            var settings = new MemoryStream();
            WriteSetting(settings, 4, OurInitialWindow); // SETTINGS_INITIAL_WINDOW_SIZE
            WriteSetting(settings, 2, 0); // SETTINGS_ENABLE_PUSH: a server never pushes here anyway
            await WriteFrameAsync(FrameSettings, 0, 0, settings.ToArray(), cancellationToken).ConfigureAwait(false);
            await WriteFrameAsync(FrameWindowUpdate, 0, 0, UInt31(OurInitialWindow - 65535), cancellationToken).ConfigureAwait(false);

            var header = new byte[9];
            int continuationStream = 0;
            MemoryStream? headerBlock = null;
            byte headerFlags = 0;
            try
            {
                while (true)
                {
                    if (!await TryReadExactlyAsync(header, 9, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    int length = (header[0] << 16) | (header[1] << 8) | header[2];
                    int type = header[3];
                    byte flags = header[4];
                    int streamId = ((header[5] & 0x7F) << 24) | (header[6] << 16) | (header[7] << 8) | header[8];
                    if (length > OurMaxFrame)
                    {
                        throw new InvalidDataException("The engine sent an HTTP/2 frame larger than allowed.");
                    }

                    var payload = new byte[length];
                    await ReadExactlyAsync(payload, length, cancellationToken).ConfigureAwait(false);
                    if (headerBlock != null && type != FrameContinuation)
                    {
                        throw new InvalidDataException("HTTP/2: a header block was interrupted.");
                    }

                    switch (type)
                    {
                        case FrameHeaders:
                        {
                            int start = 0;
                            int end = length;
                            if ((flags & FlagPadded) != 0)
                            {
                                end -= payload[0];
                                start = 1;
                            }

                            if ((flags & FlagPriority) != 0)
                            {
                                start += 5;
                            }

                            headerBlock = new MemoryStream();
                            headerBlock.Write(payload, start, end - start);
                            headerFlags = flags;
                            continuationStream = streamId;
                            if ((flags & FlagEndHeaders) != 0)
                            {
                                OnHeaders(continuationStream, headerFlags, headerBlock.ToArray(), cancellationToken);
                                headerBlock = null;
                            }

                            break;
                        }

                        case FrameContinuation:
                            if (headerBlock == null || streamId != continuationStream)
                            {
                                throw new InvalidDataException("HTTP/2: a CONTINUATION frame out of place.");
                            }

                            headerBlock.Write(payload, 0, length);
                            if ((flags & FlagEndHeaders) != 0)
                            {
                                OnHeaders(continuationStream, headerFlags, headerBlock.ToArray(), cancellationToken);
                                headerBlock = null;
                            }

                            break;
                        case FrameData:
                        {
                            int start = 0;
                            int end = length;
                            if ((flags & FlagPadded) != 0)
                            {
                                end -= payload[0];
                                start = 1;
                            }

                            GrpcCall? call = Find(streamId);
                            call?.OnData(payload, start, end - start, (flags & FlagEndStream) != 0);
                            if (length > 0)
                            {
                                // Consumed at once (the call queues it): give the credit back on the connection and stream.
                                await WriteFrameAsync(FrameWindowUpdate, 0, 0, UInt31(length), cancellationToken).ConfigureAwait(false);
                                if (call != null && (flags & FlagEndStream) == 0)
                                {
                                    await WriteFrameAsync(FrameWindowUpdate, 0, streamId, UInt31(length), cancellationToken).ConfigureAwait(false);
                                }
                            }

                            break;
                        }

                        case FrameRstStream:
                            Find(streamId)?.OnReset();
                            Remove(streamId);
                            break;
                        case FrameSettings:
                            if ((flags & FlagAck) == 0)
                            {
                                ApplySettings(payload);
                                await WriteFrameAsync(FrameSettings, FlagAck, 0, Array.Empty<byte>(), cancellationToken).ConfigureAwait(false);
                            }

                            break;
                        case FramePing:
                            if ((flags & FlagAck) == 0)
                            {
                                await WriteFrameAsync(FramePing, FlagAck, 0, payload, cancellationToken).ConfigureAwait(false);
                            }

                            break;
                        case FrameGoAway:
                            return;
                        case FrameWindowUpdate:
                        {
                            int increment = ((payload[0] & 0x7F) << 24) | (payload[1] << 16) | (payload[2] << 8) | payload[3];
                            lock (_windowLock)
                            {
                                if (streamId == 0)
                                {
                                    _connectionSendWindow += increment;
                                }
                                else if (_calls.TryGetValue(streamId, out GrpcCall? c))
                                {
                                    c.SendWindow += increment;
                                }

                                SignalWindow();
                            }

                            break;
                        }

                        default:
                            break; // PRIORITY, PUSH_PROMISE (never from a client) and unknown types are ignored
                    }
                }
            }
            finally
            {
                lock (_windowLock)
                {
                    foreach (GrpcCall c in _calls.Values)
                    {
                        c.OnReset();
                    }

                    _calls.Clear();
                    SignalWindow();
                }
            }
        }

        private const int OurMaxFrame = 16384;

        private GrpcCall? Find(int streamId)
        {
            lock (_windowLock)
            {
                return _calls.TryGetValue(streamId, out GrpcCall? c) ? c : null;
            }
        }

        internal void Remove(int streamId)
        {
            lock (_windowLock)
            {
                _calls.Remove(streamId);
            }
        }

        private void OnHeaders(int streamId, byte flags, byte[] block, CancellationToken cancellationToken)
        {
            List<KeyValuePair<string, string>> headers = _decoder.Decode(block, 0, block.Length);
            GrpcCall? existing = Find(streamId);
            if (existing != null)
            {
                // Trailers from the client: only the end of its stream matters.
                existing.OnData(Array.Empty<byte>(), 0, 0, (flags & FlagEndStream) != 0);
                return;
            }

            string path = string.Empty;
            foreach (KeyValuePair<string, string> h in headers)
            {
                if (h.Key == ":path")
                {
                    path = h.Value;
                }
            }

            var call = new GrpcCall(this, streamId, path, headers);
            lock (_windowLock)
            {
                call.SendWindow = _peerInitialWindow;
                _calls[streamId] = call;
            }

            if ((flags & FlagEndStream) != 0)
            {
                call.OnData(Array.Empty<byte>(), 0, 0, true);
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await _handler(call).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A handler that fails answers INTERNAL; the message stays generic (it could carry a secret's path).
                    await call.TryFinishAsync(GrpcCall.StatusInternal, "the session handler failed").ConfigureAwait(false);
                }
                finally
                {
                    Remove(streamId);
                }
            });
        }

        private void ApplySettings(byte[] payload)
        {
            for (int i = 0; i + 6 <= payload.Length; i += 6)
            {
                int id = (payload[i] << 8) | payload[i + 1];
                int value = (payload[i + 2] << 24) | (payload[i + 3] << 16) | (payload[i + 4] << 8) | payload[i + 5];
                lock (_windowLock)
                {
                    if (id == 4)
                    {
                        int delta = value - _peerInitialWindow;
                        _peerInitialWindow = value;
                        foreach (GrpcCall c in _calls.Values)
                        {
                            c.SendWindow += delta;
                        }

                        SignalWindow();
                    }
                    else if (id == 5)
                    {
                        _peerMaxFrame = value;
                    }
                }
            }
        }

        private void SignalWindow()
        {
            TaskCompletionSource<bool> old = _windowChanged;
            _windowChanged = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            old.TrySetResult(true);
        }

        /// <summary>Sends a header block (one HEADERS frame, CONTINUATIONs if it is large).</summary>
        internal async Task SendHeadersAsync(int streamId, IEnumerable<KeyValuePair<string, string>> headers, bool endStream, CancellationToken cancellationToken)
        {
            byte[] block = Hpack.Encode(headers);
            int max = _peerMaxFrame;
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                int offset = 0;
                bool first = true;
                do
                {
                    int n = Math.Min(max, block.Length - offset);
                    bool last = offset + n == block.Length;
                    byte flags = (byte)((last ? FlagEndHeaders : 0) | (first && endStream ? FlagEndStream : 0));
                    var chunk = new byte[n];
                    Buffer.BlockCopy(block, offset, chunk, 0, n);
                    await WriteFrameUnlockedAsync(first ? FrameHeaders : FrameContinuation, flags, streamId, chunk, cancellationToken).ConfigureAwait(false);
                    offset += n;
                    first = false;
                }
                while (offset < block.Length);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        /// <summary>Sends data on a stream within the engine's flow-control windows; waits for WINDOW_UPDATE when they are spent.</summary>
        internal async Task SendDataAsync(GrpcCall call, byte[] data, bool endStream, CancellationToken cancellationToken)
        {
            int offset = 0;
            do
            {
                int n;
                Task wait;
                lock (_windowLock)
                {
                    if (call.Reset)
                    {
                        throw new IOException("The engine closed the session stream.");
                    }

                    long room = Math.Min(_connectionSendWindow, call.SendWindow);
                    n = (int)Math.Min(Math.Min(room, _peerMaxFrame), data.Length - offset);
                    if (n > 0 || data.Length == 0)
                    {
                        _connectionSendWindow -= n;
                        call.SendWindow -= n;
                        wait = Task.CompletedTask;
                    }
                    else
                    {
                        wait = _windowChanged.Task;
                    }
                }

                if (n == 0 && data.Length > 0)
                {
                    using (cancellationToken.Register(() => SignalWindowLocked()))
                    {
                        await wait.ConfigureAwait(false);
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    continue;
                }

                var chunk = new byte[n];
                Buffer.BlockCopy(data, offset, chunk, 0, n);
                offset += n;
                bool last = offset == data.Length;
                await WriteFrameAsync(FrameData, (byte)(last && endStream ? FlagEndStream : 0), call.StreamId, chunk, cancellationToken).ConfigureAwait(false);
            }
            while (offset < data.Length);
        }

        private void SignalWindowLocked()
        {
            lock (_windowLock)
            {
                SignalWindow();
            }
        }

        internal Task ResetAsync(int streamId, int errorCode, CancellationToken cancellationToken) =>
            WriteFrameAsync(FrameRstStream, 0, streamId, UInt31(errorCode), cancellationToken);

        internal async Task WriteFrameAsync(int type, byte flags, int streamId, byte[] payload, CancellationToken cancellationToken)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await WriteFrameUnlockedAsync(type, flags, streamId, payload, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        private async Task WriteFrameUnlockedAsync(int type, byte flags, int streamId, byte[] payload, CancellationToken cancellationToken)
        {
            byte[] frame = EncodeFrame(type, flags, streamId, payload);
            await _stream.WriteAsync(frame, 0, frame.Length, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>One frame: 24-bit length, type, flags, 31-bit stream id, payload.</summary>
        internal static byte[] EncodeFrame(int type, byte flags, int streamId, byte[] payload)
        {
            var frame = new byte[9 + payload.Length];
            frame[0] = (byte)(payload.Length >> 16);
            frame[1] = (byte)(payload.Length >> 8);
            frame[2] = (byte)payload.Length;
            frame[3] = (byte)type;
            frame[4] = flags;
            frame[5] = (byte)((streamId >> 24) & 0x7F);
            frame[6] = (byte)(streamId >> 16);
            frame[7] = (byte)(streamId >> 8);
            frame[8] = (byte)streamId;
            Buffer.BlockCopy(payload, 0, frame, 9, payload.Length);
            return frame;
        }

        private static void WriteSetting(Stream s, int id, int value)
        {
            s.WriteByte((byte)(id >> 8));
            s.WriteByte((byte)id);
            s.Write(UInt31(value), 0, 4);
        }

        private static byte[] UInt31(int value) => new[] { (byte)((value >> 24) & 0x7F), (byte)(value >> 16), (byte)(value >> 8), (byte)value };

        private async Task ReadExactlyAsync(byte[] buffer, int count, CancellationToken cancellationToken)
        {
            if (!await TryReadExactlyAsync(buffer, count, cancellationToken).ConfigureAwait(false) && count > 0)
            {
                throw new EndOfStreamException("The engine closed the session connection mid-frame.");
            }
        }

        /// <summary>False when the stream ends before the first byte (a clean close between frames).</summary>
        private async Task<bool> TryReadExactlyAsync(byte[] buffer, int count, CancellationToken cancellationToken)
        {
            int read = 0;
            while (read < count)
            {
                int n = await _stream.ReadAsync(buffer, read, count - read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    if (read == 0)
                    {
                        return false;
                    }

                    throw new EndOfStreamException("The engine closed the session connection mid-frame.");
                }

                read += n;
            }

            return true;
        }
    }
}
