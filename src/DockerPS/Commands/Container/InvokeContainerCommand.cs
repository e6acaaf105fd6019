using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Runs a container (docker run): pulls the image when it is missing, creates and starts the container, and
    /// writes its output while it runs, one line at a time, until it ends; the exit code is left in $LASTEXITCODE,
    /// as after a native command. -AsResult waits and returns one object with the whole stdout, stderr and exit code.
    /// -Detach returns the started container instead; -Remove deletes the container when it has ended.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "Container", SupportsShouldProcess = true, DefaultParameterSetName = StreamSet)]
    [OutputType(typeof(ContainerLogLine), typeof(string), ParameterSetName = new[] { StreamSet })]
    [OutputType(typeof(DockerRunResult), ParameterSetName = new[] { ResultSet })]
    [OutputType(typeof(DockerContainer), ParameterSetName = new[] { DetachSet })]
    public sealed class InvokeContainerCommand : ContainerCreateCmdlet
    {
        private const string StreamSet = "Stream";
        private const string ResultSet = "Result";
        private const string DetachSet = "Detach";

        /// <summary>Start the container and return it without waiting (docker run -d).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DetachSet)]
        [Alias("d")]
        public SwitchParameter Detach { get; set; }

        /// <summary>Wait for the end and return one DockerRunResult with the whole stdout, stderr and exit code.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ResultSet)]
        public SwitchParameter AsResult { get; set; }

        /// <summary>Write each output line as a plain string instead of a ContainerLogLine object.</summary>
        [Parameter(ParameterSetName = StreamSet)]
        public SwitchParameter Raw { get; set; }

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
                spec.AttachOutput = !Detach.IsPresent; // as docker run stores it
            }
            catch (ArgumentException e)
            {
                WriteError(ErrorMapper.Record(e, InvalidContainerSpecId, ErrorCategory.InvalidArgument, Image));
                return;
            }

            if (!ShouldProcess(spec.Name ?? Image, "Run a container from " + Image))
            {
                return;
            }

            IDockerEngine engine = Connect(ResolveEndpoints()[0]);
            if (!TryCreateContainer(engine, spec, out ContainerCreated created))
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
            string stdout = string.Empty;
            string stderr = string.Empty;
            string name;
            try
            {
                // The engine names unnamed containers; read the name before -Remove deletes it.
                name = spec.Name ?? Await(ct => engine.InspectContainerAsync(created.Id, ct)).Name;
                if (AsResult.IsPresent)
                {
                    exitCode = Await(ct => engine.WaitContainerAsync(created.Id, ct));
                    (stdout, stderr) = Await(ct => engine.ReadContainerOutputAsync(created.Id, ct));
                }
                else
                {
                    var who = new ContainerIdentity { Id = created.Id, Name = name, Tty = spec.Tty, Running = true, Engine = engine.Endpoint.Address };
                    exitCode = Await(ct => StreamUntilEndAsync(engine, who, Raw.IsPresent, ct));
                }
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: docker run forwards the interrupt; do the same, and clean up what -Remove promised.
                InterruptAttachedRun(engine, created.Id, Remove.IsPresent);
                throw;
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                WriteEngineError(e, "Container", target);
                return;
            }

            bool removed = Remove.IsPresent && TryCall(ct => engine.RemoveContainerAsync(created.Id, true, true, ct), "Container", target);
            SessionState.PSVariable.Set("global:LASTEXITCODE", (int)exitCode);
            if (AsResult.IsPresent)
            {
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
        }
    }
}
