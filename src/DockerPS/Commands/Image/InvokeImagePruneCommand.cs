using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>docker image prune: removes dangling images, or with -All every image no container uses.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ImagePrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DockerImagePruneResult))]
    public sealed class InvokeImagePruneCommand : DockerCmdlet
    {
        /// <summary>Several -Host values: each engine in turn.</summary>
        private protected override bool TakesSeveralEngines => true;

        /// <summary>Remove every image no container uses, not only dangling ones (docker image prune -a).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>Only images with these labels: key, key=value; label!=… is not supported here, use -Filter.</summary>
        [Parameter]
        public string[]? Label { get; set; }

        /// <summary>Other prune filters: @{ until = '24h' } or @{ 'label!' = 'keep' }.</summary>
        [Parameter]
        public Hashtable? Filter { get; set; }

        /// <summary>Prune without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var filters = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
            try
            {
                EngineFilters.Add(filters, "dangling", All.IsPresent ? "false" : "true");
                EngineFilters.AddLabels(filters, Label);
                EngineFilters.AddHashtable(filters, Filter);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidImageFilter, ErrorCategory.InvalidArgument, Filter ?? (object?)Label));
            }

            foreach (var endpoint in ResolveEndpoints())
            {
                string action = All.IsPresent ? "Remove every image that no container uses" : "Remove dangling images";
                if (!(Force.IsPresent && !MyInvocation.BoundParameters.ContainsKey("Confirm")) && !ShouldProcess(endpoint.Address, action))
                {
                    continue;
                }

                IDockerEngine engine = Connect(endpoint);
                WriteObject(Call(ct => engine.PruneImagesAsync(filters, ct), "Image", endpoint.Address, ErrorIds.InvalidImageFilter));
            }
        }
    }
}
