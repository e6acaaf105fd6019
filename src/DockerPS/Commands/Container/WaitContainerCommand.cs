using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Waits until containers stop and returns how each ended (docker wait).</summary>
    [Cmdlet(VerbsLifecycle.Wait, "Container", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerContainerExit))]
    public sealed class WaitContainerCommand : ContainerCmdlet
    {
        /// <summary>Give up on a container after this many seconds (a non-terminating WaitTimeout error).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Timeout { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (!TryCall(ct => engine.InspectContainerAsync(target.Reference, ct), "Container", target.UserInput, out DockerContainerDetail detail))
            {
                return;
            }

            long? code = null;
            try
            {
                code = Await(async ct =>
                {
                    using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    if (Timeout.HasValue)
                    {
                        limit.CancelAfter(TimeSpan.FromSeconds(Timeout.Value));
                    }

                    try
                    {
                        return (long?)await engine.WaitContainerAsync(detail.Id, limit.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        return null;
                    }
                });
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                WriteEngineError(e, "Container", target.UserInput);
                return;
            }

            if (code == null)
            {
                var e = new TimeoutException($"The container {detail.Name} was still running after {Timeout} s.");
                WriteError(ErrorMapper.Record(e, ErrorIds.WaitTimeout, ErrorCategory.OperationTimeout, target.UserInput));
                return;
            }

            WriteObject(new DockerContainerExit { Id = detail.Id, Name = detail.Name, ExitCode = code.Value, Engine = engine.Endpoint.Address });
        }
    }
}
