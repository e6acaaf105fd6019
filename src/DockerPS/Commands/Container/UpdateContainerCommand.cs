using System;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Commands.Container
{
    /// <summary>Changes the resource limits and restart policy of containers, running or not (docker update).</summary>
    [Cmdlet(VerbsData.Update, "Container", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DockerContainer))]
    public sealed class UpdateContainerCommand : ContainerCmdlet
    {
        /// <summary>Memory limit: bytes or a size such as 512m or 1g.</summary>
        [Parameter]
        [Alias("m")]
        [ByteSizeTransformation]
        public long? Memory { get; set; }

        /// <summary>Memory plus swap limit; -1 for unlimited swap.</summary>
        [Parameter]
        [ByteSizeTransformation(MinusOneIsUnlimited = true)]
        public long? MemorySwap { get; set; }

        /// <summary>CPU limit in CPUs, e.g. 0.5.</summary>
        [Parameter]
        public double? Cpus { get; set; }

        /// <summary>Relative CPU weight.</summary>
        [Parameter]
        public long? CpuShares { get; set; }

        /// <summary>no, always, unless-stopped or on-failure[:max-retries].</summary>
        [Parameter]
        [Alias("Restart")]
        public string? RestartPolicy { get; set; }

        /// <summary>Maximum number of processes; -1 for unlimited.</summary>
        [Parameter]
        public long? PidsLimit { get; set; }

        /// <summary>Output the container afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private ContainerUpdateSpec? _update;

        protected override void BeginProcessing()
        {
            try
            {
                _update = new ContainerUpdateSpec
                {
                    Memory = Memory,
                    MemorySwap = MemorySwap,
                    NanoCpus = Cpus.HasValue ? SizeSpec.CpusToNano(Cpus.Value) : (long?)null,
                    CpuShares = CpuShares,
                    PidsLimit = PidsLimit,
                };
                if (RestartPolicy != null)
                {
                    (string name, long retries) = RestartPolicySpec.Parse(RestartPolicy);
                    _update.RestartPolicy = name;
                    _update.RestartMaximumRetryCount = retries;
                }
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidContainerUpdate, ErrorCategory.InvalidArgument, null));
            }

            if (Memory == null && MemorySwap == null && Cpus == null && CpuShares == null && RestartPolicy == null && PidsLimit == null)
            {
                var e = new ArgumentException("Give at least one of -Memory, -MemorySwap, -Cpus, -CpuShares, -RestartPolicy or -PidsLimit.");
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.NothingToUpdate, ErrorCategory.InvalidArgument, null));
            }
        }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (!ShouldProcess(Describe(target), "Update container resources"))
            {
                return;
            }

            if (TryCall(ct => engine.UpdateContainerAsync(target.Reference, _update!, ct), "Container", target.UserInput, out string[] warnings))
            {
                foreach (string w in warnings)
                {
                    WriteWarning(w);
                }

                if (PassThru.IsPresent)
                {
                    WriteCurrent(engine, target);
                }
            }
        }
    }
}
