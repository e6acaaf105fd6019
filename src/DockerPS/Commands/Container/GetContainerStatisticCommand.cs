using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Gets containers' resource use (docker stats): one sample each, or with -Stream a sample about every second
    /// from every container at once until Ctrl+C.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ContainerStatistic", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(ContainerStatistic))]
    public sealed class GetContainerStatisticCommand : WildcardContainerCmdlet
    {
        private readonly List<(ItemTarget Target, IDockerEngine Engine)> _streams = new List<(ItemTarget, IDockerEngine)>();

        /// <summary>Keep sampling (about once a second per container) until the containers stop or Ctrl+C is pressed.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (Stream.IsPresent)
            {
                _streams.Add((target, engine));
                return;
            }

            TryCall(ct => ReadAsync(target, engine, false, ct), "Container", target.UserInput, out bool _);
        }

        protected override void EndProcessing()
        {
            if (_streams.Count == 0)
            {
                return;
            }

            // Every container streams at once; one that fails writes its error and the others go on.
            var failures = new List<(ItemTarget, Exception)>();
            Await(async ct =>
            {
                await Task.WhenAll(_streams.Select(async s =>
                {
                    try
                    {
                        await ReadAsync(s.Target, s.Engine, true, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (ErrorMapper.IsEngineFailure(e) && !ct.IsCancellationRequested)
                    {
                        Post(() => WriteEngineError(e, "Container", s.Target.UserInput));
                    }
                })).ConfigureAwait(false);
                return true;
            });
        }

        private async Task<bool> ReadAsync(ItemTarget target, IDockerEngine engine, bool stream, CancellationToken ct)
        {
            ContainerIdentity who = await engine.ResolveContainerAsync(target.Reference, ct).ConfigureAwait(false);
            using IRecordReader<ContainerStatistic> reader = await engine.OpenContainerStatsAsync(who.Id, stream, ct).ConfigureAwait(false);
            DisposeOnStop(reader);
            ContainerStatistic? sample;
            while ((sample = await reader.ReadAsync(ct).ConfigureAwait(false)) != null)
            {
                sample.ContainerName = who.Name;
                sample.ContainerId = who.Id;
                ContainerStatistic s = sample;
                Post(() => WriteObject(s));
                if (!stream)
                {
                    break;
                }
            }

            return true;
        }
    }
}
