using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Streams
{
    /// <summary>
    /// Back-pressure for streams posted to the pipeline thread: at most <c>depth</c> batches wait there, so a fast
    /// engine and a slow pipeline never pile a whole stream up in memory.
    /// </summary>
    internal sealed class PostGate : IDisposable
    {
        private readonly SemaphoreSlim _slots;

        internal PostGate(int depth) => _slots = new SemaphoreSlim(depth, depth);

        /// <summary>Waits for a free slot, then posts <paramref name="batch"/> through <paramref name="post"/>; the slot frees when it ran.</summary>
        internal async Task SendAsync<T>(List<T> batch, Action<Action> post, Action<T> write, CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            post(() =>
            {
                try
                {
                    foreach (T item in batch)
                    {
                        write(item);
                    }
                }
                finally
                {
                    _slots.Release();
                }
            });
        }

        public void Dispose() => _slots.Dispose();
    }
}
