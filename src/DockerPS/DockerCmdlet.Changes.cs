using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Errors;

namespace DockerPS
{
    /// <summary>
    /// Changes to many items in flight at once. The docker CLI stops or removes all the ids of one call concurrently;
    /// one request at a time made `Get-Container | Remove-Container` over 200 containers 4.4x as slow as `docker rm`.
    /// Each item is still confirmed (ShouldProcess) on the pipeline thread before its request starts, and its outcome
    /// (-PassThru output or its own non-terminating error) is written on the pipeline thread in the order the items
    /// came, so a script sees the same stream as before, only sooner.
    /// </summary>
    public abstract partial class DockerCmdlet
    {
        /// <summary>Requests kept in flight by default: the docker CLI's own window for its multi-id forms (50 in
        /// cli/command/container parallelOperation), so a pipeline is as fast as `docker stop <ids>`, and a pipeline of
        /// thousands still does not open thousands of connections. At 16, stopping 50 containers took 2.4x the CLI.</summary>
        private protected const int DefaultChangesInFlight = 50;

        private readonly Queue<PendingChange> _changes = new Queue<PendingChange>();

        /// <summary>The free places in the window; made on the first change, when -ThrottleLimit is bound.</summary>
        private SemaphoreSlim? _slots;

        /// <summary>The window of this cmdlet (its -ThrottleLimit where it has one).</summary>
        private protected virtual int ChangesInFlight => DefaultChangesInFlight;

        private sealed class PendingChange
        {
            internal PendingChange(Task work, string noun, object? target, Action? onDone, Func<Exception, ErrorRecord>? mapError)
            {
                Work = work;
                Noun = noun;
                Target = target;
                OnDone = onDone;
                MapError = mapError;
            }

            internal Task Work { get; }

            internal string Noun { get; }

            internal object? Target { get; }

            internal Action? OnDone { get; }

            internal Func<Exception, ErrorRecord>? MapError { get; }
        }

        /// <summary>
        /// Starts one item's engine request now; its outcome is written later, in item order. <paramref name="onDone"/>
        /// runs on the pipeline thread after success (e.g. -PassThru); <paramref name="mapError"/> names a failure more
        /// precisely than the noun's default (e.g. NetworkInUse). The work must not Post: it runs beside others.
        /// </summary>
        private protected void QueueChange(Func<CancellationToken, Task> work, string noun, object? target, Action? onDone = null,
            Func<Exception, ErrorRecord>? mapError = null)
        {
            if (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            // A free slot as soon as ANY request ends, as the CLI's semaphore gives one: waiting for the oldest held
            // the window shut behind one slow item (200 stops ran 1.2x the CLI). The pipeline thread waits here
            // directly (no trip through the bridge: the work never posts), and outcomes still go out in item order.
            SemaphoreSlim slots = _slots ??= new SemaphoreSlim(Math.Max(1, ChangesInFlight));
            try
            {
                slots.Wait(StopToken);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }

            _changes.Enqueue(new PendingChange(Task.Run(async () =>
            {
                try
                {
                    await work(StopToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }), noun, target, onDone, mapError));
            WriteFinishedChanges();
        }

        /// <summary>Writes the outcomes at the head of the queue that are ready, in item order.</summary>
        private void WriteFinishedChanges()
        {
            while (_changes.Count > 0 && _changes.Peek().Work.IsCompleted)
            {
                CompleteOldestChange();
            }
        }

        private void CompleteOldestChange()
        {
            PendingChange change = _changes.Dequeue();
            try
            {
                if (change.Work.IsCompleted)
                {
                    Finished(change.Work); // its outcome is there: no trip through the bridge
                }
                else
                {
                    Await(_ => change.Work);
                }
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                if (change.MapError != null && !(e is DockerConnectionException))
                {
                    WriteError(change.MapError(e));
                }
                else
                {
                    WriteEngineError(e, change.Noun, change.Target);
                }

                return;
            }

            change.OnDone?.Invoke();
        }

        /// <summary>Rethrows what a finished task threw, as <see cref="Await"/> would; Ctrl+C stops the pipeline.</summary>
        private void Finished(Task done)
        {
            if (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            try
            {
                done.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Writes the outcome of every change still in flight; the pipeline's last input has arrived.</summary>
        protected override void EndProcessing()
        {
            while (_changes.Count > 0)
            {
                CompleteOldestChange();
            }
        }
    }
}
