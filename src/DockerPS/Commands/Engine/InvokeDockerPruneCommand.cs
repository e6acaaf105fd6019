using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Engine
{
    /// <summary>
    /// Removes unused objects engine-wide (docker system prune): stopped containers, unused networks, dangling (or
    /// with -All every unused) images, build cache, and with -Volume unused volumes. Writes one result per kind.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "DockerPrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DockerPruneResult))]
    public sealed class InvokeDockerPruneCommand : PruneCommandBase
    {
        /// <summary>Prune stopped containers.</summary>
        [Parameter]
        public SwitchParameter Container { get; set; }

        /// <summary>Prune images: dangling ones, or with -All every image no container uses.</summary>
        [Parameter]
        public SwitchParameter Image { get; set; }

        /// <summary>Prune networks no container uses.</summary>
        [Parameter]
        public SwitchParameter Network { get; set; }

        /// <summary>Prune volumes no container uses (never without this switch).</summary>
        [Parameter]
        public SwitchParameter Volume { get; set; }

        /// <summary>Prune the build cache.</summary>
        [Parameter]
        public SwitchParameter BuildCache { get; set; }

        /// <summary>Every unused image and all unused build cache, not only dangling ones (docker system prune -a).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            IDictionary<string, IList<string>> filters = BuildFilters();
            bool none = !Container.IsPresent && !Image.IsPresent && !Network.IsPresent && !Volume.IsPresent && !BuildCache.IsPresent;
            var kinds = new List<(string Kind, string Noun, Func<IDockerEngine, CancellationToken, Task<DockerPruneResult>> Prune)>();
            if (none || Container.IsPresent)
            {
                kinds.Add(("stopped containers", "Container", (e, ct) => e.PruneContainersAsync(filters, ct)));
            }

            if (none || Network.IsPresent)
            {
                kinds.Add(("unused networks", "Network", (e, ct) => e.PruneNetworksAsync(filters, ct)));
            }

            if (Volume.IsPresent)
            {
                kinds.Add(("unused volumes", "Volume", (e, ct) => e.PruneVolumesAsync(filters, true, ct)));
            }

            if (none || Image.IsPresent)
            {
                kinds.Add((All.IsPresent ? "unused images" : "dangling images", "Image", (e, ct) => e.PruneImagesAsync(filters, All.IsPresent, ct)));
            }

            if (none || BuildCache.IsPresent)
            {
                kinds.Add(("build cache", "BuildCache", (e, ct) => e.PruneBuildCacheAsync(filters, All.IsPresent, ct)));
            }

            string what = string.Join(", ", kinds.ConvertAll(k => k.Kind));
            PruneEachEngine("Remove " + what + Describe(filters), async (engine, ct) =>
            {
                // One kind failing (e.g. a filter it does not take) is one error; the other kinds still go.
                var results = new List<object>();
                foreach (var kind in kinds)
                {
                    try
                    {
                        results.Add(await kind.Prune(engine, ct).ConfigureAwait(false));
                    }
                    catch (Exception e) when (ErrorMapper.IsEngineFailure(e) && !ct.IsCancellationRequested)
                    {
                        results.Add(ErrorMapper.IsBadInput(e)
                            ? ErrorMapper.Record(e, ErrorIds.InvalidPruneFilter, ErrorCategory.InvalidArgument, kind.Noun)
                            : ErrorMapper.ToErrorRecord(e, kind.Noun, engine.Endpoint.Address));
                    }
                }

                return results;
            }, "Engine");
        }
    }
}
