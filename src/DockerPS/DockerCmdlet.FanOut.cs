using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Errors;

namespace DockerPS
{
    /// <summary>Reads from several engines at once (-Host a, b, c), for the read cmdlets.</summary>
    public abstract partial class DockerCmdlet
    {
        /// <summary>
        /// Runs <paramref name="read"/> against every engine of this call and hands each result to <paramref name="write"/>
        /// on the pipeline thread. The rule for reads: an engine that cannot be reached writes its own non-terminating
        /// ConnectionError, one engine or several, so -ErrorAction decides. One engine: a failed request (a bad filter)
        /// ends the command, as <see cref="Call{T}"/> does. Several: at most <paramref name="throttleLimit"/> at a time,
        /// results written as each engine answers, and an engine that fails writes its own error while the rest go on.
        /// </summary>
        /// <returns>True when every engine answered, so a name none of them had is really missing.</returns>
        private protected bool ReadEachEngine<T>(IReadOnlyList<EngineEndpoint> endpoints, Func<IDockerEngine, CancellationToken, Task<T>> read,
            Action<EngineEndpoint, T> write, string noun, object? target, int throttleLimit, string? badRequestId = null)
        {
            if (endpoints.Count == 0)
            {
                return true;
            }

            if (endpoints.Count == 1)
            {
                IDockerEngine? engine = ConnectForRead(endpoints[0]);
                if (engine == null)
                {
                    return false;
                }

                write(endpoints[0], Call(ct => read(engine, ct), noun, target ?? endpoints[0].Address, badRequestId));
                return true;
            }

            int answered = 0;

            Await(async ct =>
            {
                // This Await's queue, captured now: write actions may run nested Awaits that swap _pipelineQueue.
                BlockingCollection<Action> queue = _pipelineQueue!;
                using var gate = new SemaphoreSlim(Math.Max(1, throttleLimit));
                var reads = new List<Task>();
                foreach (EngineEndpoint endpoint in endpoints)
                {
                    reads.Add(ReadOneAsync(endpoint, read, (e, r) => { Interlocked.Increment(ref answered); write(e, r); }, noun, target, badRequestId, gate, queue, ct));
                }

                await Task.WhenAll(reads).ConfigureAwait(false);
            });
            return answered == endpoints.Count;
        }

        private async Task ReadOneAsync<T>(EngineEndpoint endpoint, Func<IDockerEngine, CancellationToken, Task<T>> read,
            Action<EngineEndpoint, T> write, string noun, object? target, string? badRequestId, SemaphoreSlim gate,
            BlockingCollection<Action> queue, CancellationToken ct)
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                IDockerEngine engine;
                try
                {
                    engine = await EngineCache.GetAsync(endpoint, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (IsConnectFailure(e))
                {
                    ErrorRecord record = ConnectFailure(endpoint, e);
                    queue.Add(() => WriteError(record));
                    return;
                }

                queue.Add(() => Connected(endpoint, engine));

                T result = await read(engine, ct).ConfigureAwait(false);
                queue.Add(() => write(endpoint, result));
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                ErrorRecord record = ErrorMapper.ToErrorRecord(e, noun, target ?? endpoint.Address, badRequestId);
                queue.Add(() => WriteError(record));
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>A read cmdlet that fans out over several engines: -Host a, b, c with -ThrottleLimit.</summary>
    public abstract class DockerReadCmdlet : DockerCmdlet
    {
        /// <summary>With several -Host values, how many engines are read at the same time.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        private protected override bool TakesSeveralEngines => true;

        /// <inheritdoc cref="DockerCmdlet.ReadEachEngine{T}"/>
        private protected bool ReadEachEngine<T>(Func<IDockerEngine, CancellationToken, Task<T>> read, Action<EngineEndpoint, T> write,
            string noun, object? target, string? badRequestId = null) =>
            ReadEachEngine(ResolveEndpoints(), read, write, noun, target, ThrottleLimit, badRequestId);
    }
}
