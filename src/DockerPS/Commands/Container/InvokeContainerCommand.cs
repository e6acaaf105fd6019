using System;
using System.Management.Automation;
using System.Threading;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Runs a container (docker run): creates and starts it, waits for it to end and returns its stdout, stderr and
    /// exit code as one object; the exit code is also left in $LASTEXITCODE, as after a native command.
    /// -Detach returns the started container instead; -Remove deletes the container when it has ended.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "Container", SupportsShouldProcess = true, DefaultParameterSetName = "Wait")]
    [OutputType(typeof(DockerRunResult), ParameterSetName = new[] { "Wait" })]
    [OutputType(typeof(DockerContainer), ParameterSetName = new[] { "Detach" })]
    public sealed class InvokeContainerCommand : ContainerCreateCmdlet
    {
        /// <summary>Start the container and return it without waiting (docker run -d).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Detach")]
        [Alias("d")]
        public SwitchParameter Detach { get; set; }

        /// <summary>Remove the container once it has ended (docker run --rm).</summary>
        [Parameter]
        [Alias("rm")]
        public SwitchParameter Remove { get; set; }

        protected override void ProcessRecord()
        {
            ContainerCreateSpec spec;
            try
            {
                // Detached containers remove themselves; waited ones are removed after their output is read.
                spec = BuildSpec(autoRemove: Detach.IsPresent && Remove.IsPresent);
            }
            catch (ArgumentException e)
            {
                WriteError(ErrorMapper.Record(e, "InvalidContainerSpec", ErrorCategory.InvalidArgument, Image));
                return;
            }

            if (!ShouldProcess(spec.Name ?? Image, "Run a container from " + Image))
            {
                return;
            }

            IDockerEngine engine = Connect(ResolveEndpoints()[0]);
            if (!TryCallFor(ct => engine.CreateContainerAsync(spec, ct), spec, out ContainerCreated created))
            {
                return;
            }

            foreach (string warning in created.Warnings)
            {
                WriteWarning(warning);
            }

            object target = (object?)spec.Name ?? created.Id;
            if (!TryCall(ct => engine.StartContainerAsync(created.Id, ct), "Container", target, out bool _))
            {
                if (Remove.IsPresent)
                {
                    TryCall(ct => engine.RemoveContainerAsync(created.Id, true, true, ct), "Container", target);
                }

                return;
            }

            if (Detach.IsPresent)
            {
                if (TryReadContainer(engine, created.Id, target, out DockerContainer? container))
                {
                    WriteObject(container);
                }

                return;
            }

            long exitCode;
            string stdout;
            string stderr;
            string name;
            try
            {
                exitCode = Await(ct => engine.WaitContainerAsync(created.Id, ct));
                (stdout, stderr) = Await(ct => engine.ReadContainerOutputAsync(created.Id, ct));

                // The engine names unnamed containers; read the name before -Remove deletes it.
                name = spec.Name ?? Await(ct => engine.InspectContainerAsync(created.Id, ct)).Name;
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: docker run forwards the interrupt; do the same, and clean up what -Remove promised.
                CleanUpAfterStop(engine, created.Id);
                throw;
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                WriteEngineError(e, "Container", target);
                return;
            }

            bool removed = Remove.IsPresent && TryCall(ct => engine.RemoveContainerAsync(created.Id, true, true, ct), "Container", target);
            SessionState.PSVariable.Set("global:LASTEXITCODE", (int)exitCode);
            WriteObject(new DockerRunResult
            {
                Id = created.Id,
                Name = name,
                Image = Image,
                ExitCode = exitCode,
                Stdout = stdout,
                Stderr = stderr,
                Removed = removed,
                Engine = engine.Endpoint.Address,
            });
        }

        private void CleanUpAfterStop(IDockerEngine engine, string id)
        {
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                engine.KillContainerAsync(id, "SIGINT", limit.Token).Wait(limit.Token);
                if (Remove.IsPresent)
                {
                    engine.RemoveContainerAsync(id, true, true, limit.Token).Wait(limit.Token);
                }
            }
            catch (Exception)
            {
                // Best effort while stopping: the user asked to stop, not to hear about cleanup.
            }
        }
    }
}
