using System;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS
{
    /// <summary>
    /// docker run's attached part, shared by Invoke-Container and Invoke-ComposeService: the started container's
    /// output as it comes until the end, its exit code, and Ctrl+C forwarded to it.
    /// </summary>
    public abstract partial class DockerCmdlet
    {
        /// <summary>How long a program that ignores the forwarded Ctrl+C gets before it is killed.</summary>
        private static readonly TimeSpan s_interruptGrace = TimeSpan.FromMilliseconds(500);

        /// <summary>Follows the log from the start until the container stops, writing each line; returns the exit code.</summary>
        private protected async Task<long> StreamUntilEndAsync(IDockerEngine engine, ContainerIdentity who, bool raw, CancellationToken ct)
        {
            var query = new ContainerLogQuery { Follow = true, Timestamps = true };
            try
            {
                await ReadLogLinesAsync(engine, who, query, raw, keepTimestamp: false, ct).ConfigureAwait(false);
            }
            catch (DockerEngineException e) when (!ct.IsCancellationRequested && ErrorMapper.IsErrorStatus(e) && !ErrorMapper.IsNotFound(e, "Container"))
            {
                // A log driver that cannot be read back (none, syslog, …): docker run would attach; say why nothing shows.
                Post(() => WriteWarning("The container's output cannot be shown: " + e.EngineMessage));
            }

            return await engine.WaitContainerAsync(who.Id, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// After Ctrl+C stopped an attached run: docker run forwards the interrupt; do the same, and remove the
        /// container when <paramref name="remove"/> (--rm) promised it.
        /// </summary>
        private protected static void InterruptAttachedRun(IDockerEngine engine, string id, bool remove)
        {
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                engine.KillContainerAsync(id, "SIGINT", limit.Token).Wait(limit.Token);
                if (remove)
                {
                    engine.RemoveContainerAsync(id, true, true, limit.Token).Wait(limit.Token);
                    return;
                }

                // A program that ignores SIGINT (a shell or sleep as PID 1 does) would keep running: kill it soon after.
                if (!engine.WaitContainerAsync(id, limit.Token).Wait(s_interruptGrace))
                {
                    engine.KillContainerAsync(id, "SIGKILL", limit.Token).Wait(limit.Token);
                }
            }
            catch (Exception)
            {
                // Best effort while stopping: the user asked to stop, not to hear about cleanup.
            }
        }
    }
}
