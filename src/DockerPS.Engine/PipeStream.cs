using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;

namespace DockerPS.Engine
{
    /// <summary>
    /// A bounded in-memory pipe: a producer writes through <see cref="Writer"/>, this stream reads what it wrote. It lets
    /// a tar be built while the engine receives it, with at most a few blocks in memory.
    /// </summary>
    internal sealed class PipeStream : ReadOnlyStream
    {
        private readonly BlockingCollection<byte[]> _blocks;
        private readonly CancellationTokenSource _closed = new CancellationTokenSource();
        private byte[]? _current;
        private int _offset;
        private Exception? _writerError;

        internal PipeStream(int capacity)
        {
            _blocks = new BlockingCollection<byte[]>(capacity);
            Writer = new WriteEnd(this);
        }

        /// <summary>The end the producer writes to; disposing it does not end the pipe (CompleteWriting does).</summary>
        internal Stream Writer { get; }

        /// <summary>The reading side (the transport) closed the pipe: a writer failing after that failed because of it.</summary>
        internal bool ReaderClosed => _closed.IsCancellationRequested;

        internal void CompleteWriting(Exception? error)
        {
            _writerError = error;
            _blocks.CompleteAdding();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_current == null || _offset >= _current.Length)
            {
                try
                {
                    if (!_blocks.TryTake(out _current, Timeout.Infinite, _closed.Token))
                    {
                        if (_writerError != null)
                        {
                            throw new IOException("The archive could not be written: " + _writerError.Message, _writerError);
                        }

                        return 0;
                    }
                }
                catch (OperationCanceledException)
                {
                    return 0;
                }

                _offset = 0;
            }

            int n = Math.Min(count, _current.Length - _offset);
            Buffer.BlockCopy(_current, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_closed.IsCancellationRequested)
            {
                _closed.Cancel();
            }

            base.Dispose(disposing);
        }

        private void Add(byte[] buffer, int offset, int count)
        {
            if (count == 0)
            {
                return;
            }

            var copy = new byte[count];
            Buffer.BlockCopy(buffer, offset, copy, 0, count);
            try
            {
                _blocks.Add(copy, _closed.Token);
            }
            catch (OperationCanceledException e)
            {
                throw new IOException("The engine stopped reading the archive.", e);
            }
        }

        private sealed class WriteEnd : Stream
        {
            private readonly PipeStream _pipe;

            internal WriteEnd(PipeStream pipe) => _pipe = pipe;

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => _pipe.Add(buffer, offset, count);
        }
    }
}
