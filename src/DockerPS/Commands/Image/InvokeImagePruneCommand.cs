using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Commands.Engine;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>docker image prune: removes dangling images, or with -All every image no container uses.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ImagePrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DockerImagePruneResult))]
    public sealed class InvokeImagePruneCommand : PruneCommandBase
    {
        /// <summary>Remove every image no container uses, not only dangling ones (docker image prune -a).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            IDictionary<string, IList<string>> filters = BuildFilters(f => EngineFilters.Add(f, "dangling", All.IsPresent ? "false" : "true"), ErrorIds.InvalidImageFilter);
            string action = All.IsPresent ? "Remove every image that no container uses" : "Remove dangling images";
            PruneEachEngine(action + Describe(filters), (engine, ct) => engine.PruneImagesAsync(filters, ct), "Image", ErrorIds.InvalidImageFilter);
        }
    }
}
