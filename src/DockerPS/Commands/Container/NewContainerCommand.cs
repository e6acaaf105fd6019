using System;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Creates a container without starting it (docker create).</summary>
    [Cmdlet(VerbsCommon.New, "Container", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerContainer))]
    public sealed class NewContainerCommand : ContainerCreateCmdlet
    {
        /// <summary>Remove the container when it exits (docker --rm).</summary>
        [Parameter]
        public SwitchParameter AutoRemove { get; set; }

        protected override void ProcessRecord()
        {
            ContainerCreateSpec spec;
            try
            {
                spec = BuildSpec(AutoRemove.IsPresent);
                spec.AttachOutput = true; // as docker create stores it
            }
            catch (ArgumentException e)
            {
                WriteError(ErrorMapper.Record(e, InvalidContainerSpecId, ErrorCategory.InvalidArgument, Image));
                return;
            }

            if (!ShouldProcess(spec.Name ?? Image, "Create a container from " + Image))
            {
                return;
            }

            IDockerEngine engine = Connect(ResolveEndpoints()[0]);
            if (TryCreate(this, engine, spec, out DockerContainer? created))
            {
                WriteObject(created);
            }
        }

        /// <summary>Creates the container and reads it back as a list object; errors are non-terminating, per image.</summary>
        internal static bool TryCreate(ContainerCreateCmdlet cmdlet, IDockerEngine engine, ContainerCreateSpec spec, out DockerContainer? container)
        {
            container = null;
            if (!cmdlet.TryCreateContainer(engine, spec, out ContainerCreated created))
            {
                return false;
            }

            foreach (string warning in created.Warnings)
            {
                cmdlet.WriteWarning(warning);
            }

            return cmdlet.TryReadContainer(engine, created.Id, spec.Name ?? spec.Image, out container);
        }
    }
}
