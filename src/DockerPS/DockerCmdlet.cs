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
    /// <summary>
    /// The base of every engine cmdlet (design.md §4): engine resolution, the async bridge that keeps every
    /// Write* and ShouldProcess on the pipeline thread, Ctrl+C, and error mapping.
    /// </summary>
    public abstract partial class DockerCmdlet : PSCmdlet, IDisposable
    {
        /// <summary>ErrorId: -Host and -Context given together (docker: "cannot specify both --host and --context").</summary>
        internal const string HostAndContextConflict = ErrorIds.HostAndContextConflict;

        /// <summary>ErrorId: several -Host values given to a cmdlet that acts on one engine.</summary>
        internal const string SeveralHostsNotSupported = ErrorIds.SeveralHostsNotSupported;

        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<IDisposable> _openOnStop = new List<IDisposable>();
        private readonly HashSet<string> _announced = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _unreachable = new HashSet<string>(StringComparer.Ordinal);
        private BlockingCollection<Action>? _pipelineQueue;
        private bool _disposed;

        /// <summary>
        /// The engine to talk to: unix:///path, npipe://./pipe/name or tcp://host:port. Without it the piped object's
        /// engine, DOCKER_HOST, the docker context or the platform default is used.
        /// </summary>
        [Parameter]
        [Alias("H")]
        [ValidateNotNullOrEmpty]
        public new string[]? Host { get; set; }

        /// <summary>
        /// The docker context to use for this call (docker --context): its engine, instead of the current context's.
        /// Not together with -Host.
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Context { get; set; }

        /// <summary>Bound from piped DockerPS objects, so they go back to the engine they came from.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? Engine { get; set; }

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken StopToken => _stop.Token;

        /// <summary>
        /// Whether this cmdlet works on several engines in one call (the Get-* readers, prunes, events). The others act
        /// on one engine: several -Host values there are refused rather than all but the first silently ignored.
        /// </summary>
        private protected virtual bool TakesSeveralEngines => false;

        /// <summary>The endpoints this call targets: each -Host value, or the one resolved from context.</summary>
        private protected IReadOnlyList<EngineEndpoint> ResolveEndpoints()
        {
            if (!TakesSeveralEngines && Host != null && Host.Length > 1)
            {
                ThrowTerminatingError(ErrorMapper.Record(
                    new ArgumentException($"{MyInvocation.MyCommand.Name} works on one engine, and -Host names {Host.Length}: {string.Join(", ", Host)}. " +
                                          "Give one -Host, or run the command once per engine (the Get-* readers, the prunes and Get-DockerEvent take several)."),
                    SeveralHostsNotSupported, ErrorCategory.InvalidArgument, string.Join(",", Host)));
            }

            if (Host != null && Host.Length > 0 && !string.IsNullOrEmpty(Context))
            {
                ThrowTerminatingError(ErrorMapper.Record(
                    new ArgumentException($"-Host and -Context both name an engine ({string.Join(", ", Host)}; context '{Context}'): give one of them."),
                    HostAndContextConflict, ErrorCategory.InvalidArgument, Context));
            }

            var resolver = EndpointResolver.ForCurrentProcess();
            try
            {
                var list = new List<EngineEndpoint>();
                if (!string.IsNullOrEmpty(Context))
                {
                    list.Add(WithTlsOptions(resolver.ResolveContext(Context!), piped: false));
                }
                else if (Host != null && Host.Length > 0)
                {
                    foreach (string h in Host)
                    {
                        list.Add(WithTlsOptions(resolver.Resolve(h, null), piped: false));
                    }
                }
                else
                {
                    list.Add(WithTlsOptions(resolver.Resolve(null, Engine), piped: !string.IsNullOrEmpty(Engine)));
                }

                return list;
            }
            catch (DockerContextMissingException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.DockerContextNotFound, ErrorCategory.ObjectNotFound, e.Name));
                throw; // not reached
            }
            catch (EngineHostException e)
            {
                // The address as given is the target; the message says where it came from (-Host, DOCKER_HOST, a context...).
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidEngineHost, ErrorCategory.InvalidArgument, e.Value));
                throw; // not reached
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidEngineHost, ErrorCategory.InvalidArgument, Host != null ? string.Join(",", Host) : Engine));
                throw; // not reached
            }
        }

        /// <summary>The endpoint for one piped object: -Host wins, then the object's own engine, then the environment.</summary>
        private protected EngineEndpoint EndpointFor(string? objectEngine)
        {
            string? saved = Engine;
            if (!string.IsNullOrEmpty(objectEngine))
            {
                Engine = objectEngine;
            }

            try
            {
                return ResolveEndpoints()[0];
            }
            finally
            {
                Engine = saved;
            }
        }

        /// <summary>The connected engine for <paramref name="endpoint"/>; a terminating ConnectionError if it does not answer.</summary>
        private protected IDockerEngine Connect(EngineEndpoint endpoint)
        {
            try
            {
                return Connected(endpoint, Await(ct => EngineCache.GetAsync(endpoint, ct)));
            }
            catch (Exception e) when (IsConnectFailure(e))
            {
                ThrowTerminatingError(ConnectFailure(endpoint, e));
                throw; // not reached
            }
        }

        /// <summary>
        /// The connected engine for a read, or null: an engine that does not answer writes its non-terminating
        /// ConnectionError, so -ErrorAction decides, whether the call names one engine or several.
        /// </summary>
        private protected IDockerEngine? ConnectForRead(EngineEndpoint endpoint)
        {
            if (_unreachable.Contains(endpoint.Address))
            {
                return null; // said once for this engine; its other items are skipped quietly
            }

            try
            {
                return Connected(endpoint, Await(ct => EngineCache.GetAsync(endpoint, ct)));
            }
            catch (Exception e) when (IsConnectFailure(e))
            {
                _unreachable.Add(endpoint.Address);
                WriteError(ConnectFailure(endpoint, e));
                return null;
            }
        }

        /// <summary>
        /// Connects for one pipeline item, or null to skip it. Reads (Get-*) follow the read rule of
        /// <see cref="ConnectForRead"/>, one error per engine; a change stops at an engine it cannot reach, since every
        /// later item would fail the same way.
        /// </summary>
        private protected IDockerEngine? ConnectItem(EngineEndpoint endpoint) =>
            IsRead ? ConnectForRead(endpoint) : Connect(endpoint);

        private bool IsRead =>
            ((CmdletAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute)))?.VerbName == VerbsCommon.Get;

        private static bool IsConnectFailure(Exception e) =>
            e is DockerConnectionException || e is DockerEngineException || e is DockerApiVersionException;

        private static ErrorRecord ConnectFailure(EngineEndpoint endpoint, Exception e) =>
            e is DockerConnectionException ? ErrorMapper.Unreachable(endpoint, e) : ErrorMapper.ToErrorRecord(e, "Engine", endpoint.Address);

        /// <summary>
        /// Every engine a command talks to passes here once connected: -Verbose names it, where the choice came from and
        /// the API version. Returns <paramref name="engine"/>. Call on the pipeline thread (or through Post).
        /// </summary>
        private IDockerEngine Connected(EngineEndpoint endpoint, IDockerEngine engine)
        {
            if (_announced.Add(endpoint.Address))
            {
                WriteVerbose($"Engine {endpoint.Address} (from {endpoint.Source}), API {engine.ApiVersion}");
            }

            return engine;
        }

        /// <summary>Resolves and connects the single engine of this call (the first -Host when several are given).</summary>
        private protected IDockerEngine ConnectDefault() => Connect(ResolveEndpoints()[0]);

        /// <summary>
        /// Runs async engine work on the thread pool while this (pipeline) thread carries out what the work posts
        /// with <see cref="Post"/>. Returns when the work ends; Ctrl+C turns into PipelineStoppedException.
        /// </summary>
        protected T Await<T>(Func<CancellationToken, Task<T>> work)
        {
            if (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            var queue = new BlockingCollection<Action>();
            BlockingCollection<Action>? outer = _pipelineQueue;
            _pipelineQueue = queue;
            Task<T> task = Task.Run(() => work(_stop.Token));
            _ = task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                foreach (Action action in queue.GetConsumingEnumerable())
                {
                    action();
                }
            }
            catch
            {
                // A Write* failed here (Select-Object -First has its items, or the pipeline stops): stop the worker
                // before leaving. A blocked socket read ignores the token, so its stream is closed too, as on Ctrl+C.
                CancelWork();
                try
                {
                    task.Wait();
                }
                catch (AggregateException)
                {
                }

                throw;
            }
            finally
            {
                _pipelineQueue = outer;
            }

            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <inheritdoc cref="Await{T}(Func{CancellationToken, Task{T}})"/>
        protected void Await(Func<CancellationToken, Task> work) =>
            Await<bool>(async ct =>
            {
                await work(ct).ConfigureAwait(false);
                return true;
            });

        /// <summary>
        /// Awaits one engine request whose failure ends the command: the engine's error becomes a terminating
        /// ErrorRecord (mapped once, in ErrorMapper). <paramref name="badRequestId"/> names a 400 answer more precisely.
        /// </summary>
        protected T Call<T>(Func<CancellationToken, Task<T>> work, string noun, object? target, string? badRequestId = null)
        {
            try
            {
                return Await(work);
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(e, noun, target, badRequestId));
                throw; // not reached
            }
        }

        /// <summary>
        /// Awaits one engine request for one pipeline item: on failure it writes a non-terminating error and returns
        /// false, so the next item goes on.
        /// </summary>
        protected bool TryCall<T>(Func<CancellationToken, Task<T>> work, string noun, object? target, out T result)
        {
            try
            {
                result = Await(work);
                return true;
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                WriteEngineError(e, noun, target);
                result = default!;
                return false;
            }
        }

        /// <inheritdoc cref="TryCall{T}(Func{CancellationToken, Task{T}}, string, object?, out T)"/>
        protected bool TryCall(Func<CancellationToken, Task> work, string noun, object? target) =>
            TryCall(async ct =>
            {
                await work(ct).ConfigureAwait(false);
                return true;
            }, noun, target, out bool _);

        /// <summary>Queues an action (WriteObject, WriteProgress, ...) to run on the pipeline thread. Only valid inside <see cref="Await{T}"/>.</summary>
        protected void Post(Action action)
        {
            BlockingCollection<Action> queue = _pipelineQueue ?? throw new InvalidOperationException("Post is only valid while Await runs.");
            queue.Add(action);
        }

        /// <summary>Asks ShouldProcess on the pipeline thread from async work.</summary>
        protected Task<bool> ShouldProcessAsync(string target, string action)
        {
            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(() => answer.SetResult(ShouldProcess(target, action)));
            return answer.Task;
        }

        /// <summary>
        /// Disposes <paramref name="resource"/> when the user presses Ctrl+C: a blocked socket read ignores
        /// cancellation tokens, disposing the stream ends it.
        /// </summary>
        protected void DisposeOnStop(IDisposable resource)
        {
            lock (_openOnStop)
            {
                if (_stop.IsCancellationRequested)
                {
                    resource.Dispose();
                    return;
                }

                _openOnStop.Add(resource);
            }
        }

        /// <summary>Writes a non-terminating error for one failed item; the pipeline goes on with the next.</summary>
        protected void WriteEngineError(Exception exception, string noun, object? target)
        {
            if (exception is DockerConnectionException)
            {
                // An engine that stopped answering fails every later item too: say it once, and stop.
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(exception, noun, target));
            }

            WriteError(ErrorMapper.ToErrorRecord(exception, noun, target));
        }

        protected override void StopProcessing() => CancelWork();

        /// <summary>Cancels the async work and closes the streams it reads (see <see cref="DisposeOnStop"/>).</summary>
        private void CancelWork()
        {
            _stop.Cancel();
            lock (_openOnStop)
            {
                foreach (IDisposable resource in _openOnStop)
                {
                    try
                    {
                        resource.Dispose();
                    }
                    catch (Exception)
                    {
                        // Best effort: the stream may already be broken by the cancellation.
                    }
                }

                _openOnStop.Clear();
            }
        }

        /// <summary>PowerShell calls this after the pipeline ends, also after Ctrl+C or a terminating error (EndProcessing is skipped then).</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            StopProcessing();
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
