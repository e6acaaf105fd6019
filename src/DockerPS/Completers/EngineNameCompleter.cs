using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Filters;

namespace DockerPS.Completers
{
    /// <summary>
    /// Base of the tab completers that ask the engine for names. They honour a -Host already typed on the command
    /// line, give up after <see cref="Timeout"/>, and never throw: an engine that is down just completes nothing.
    /// </summary>
    public abstract class EngineNameCompleter : IArgumentCompleter
    {
        /// <summary>How long completion may wait for the engine (connect included).</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

        /// <summary>What a completion result is called in its tooltip: network, volume.</summary>
        protected abstract string Kind { get; }

        /// <summary>The names (and a tooltip each) the engine offers.</summary>
        private protected abstract Task<IEnumerable<KeyValuePair<string, string>>> NamesAsync(IDockerEngine engine, CancellationToken cancellationToken);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
                EngineEndpoint endpoint = EndpointResolver.ForCurrentProcess().Resolve(TypedHost(fakeBoundParameters), null);
                using var cts = new CancellationTokenSource(Timeout);
                Task<IEnumerable<KeyValuePair<string, string>>> work = Task.Run(async () =>
                {
                    IDockerEngine engine = await EngineCache.GetAsync(endpoint, cts.Token).ConfigureAwait(false);
                    return await NamesAsync(engine, cts.Token).ConfigureAwait(false);
                });
                if (!work.Wait(Timeout))
                {
                    cts.Cancel();
                    return Array.Empty<CompletionResult>();
                }

                WildcardPattern pattern = EngineFilters.Pattern(word + "*");
                return work.Result
                    .Where(n => pattern.IsMatch(n.Key))
                    .OrderBy(n => n.Key, StringComparer.OrdinalIgnoreCase)
                    .Select(n => new CompletionResult(Quote(n.Key), n.Key, CompletionResultType.ParameterValue, n.Value.Length > 0 ? n.Value : Kind + " " + n.Key))
                    .ToList();
            }
            catch (Exception)
            {
                // Completion must never disturb typing: no engine, no answer in time, a bad -Host: nothing to offer.
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>The -Host (or -H) value typed so far, when it is a plain string.</summary>
        internal static string? TypedHost(IDictionary? fakeBoundParameters)
        {
            if (fakeBoundParameters == null)
            {
                return null;
            }

            foreach (string key in new[] { "Host", "H" })
            {
                if (!fakeBoundParameters.Contains(key))
                {
                    continue;
                }

                object? value = fakeBoundParameters[key];
                value = value is PSObject p ? p.BaseObject : value;
                if (value is string s && s.Length > 0)
                {
                    return s;
                }

                if (value is IEnumerable e)
                {
                    foreach (object? item in e)
                    {
                        object? v = item is PSObject pi ? pi.BaseObject : item;
                        if (v is string first && first.Length > 0)
                        {
                            return first;
                        }
                    }
                }
            }

            return null;
        }

        private static string Quote(string name) =>
            name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '|', '@', '#' }) >= 0
                ? "'" + name.Replace("'", "''") + "'"
                : name;
    }

    /// <summary>Completes network names.</summary>
    public sealed class NetworkNameCompleter : EngineNameCompleter
    {
        protected override string Kind => "network";

        private protected override async Task<IEnumerable<KeyValuePair<string, string>>> NamesAsync(IDockerEngine engine, CancellationToken cancellationToken)
        {
            var list = await engine.ListNetworksAsync(new NetworkListQuery { WithContainers = false }, cancellationToken).ConfigureAwait(false);
            return list.Select(n => new KeyValuePair<string, string>(n.Name, $"network {n.Name} ({n.Driver}, {Display.ShortId(n.Id)})"));
        }
    }

    /// <summary>Completes volume names.</summary>
    public sealed class VolumeNameCompleter : EngineNameCompleter
    {
        protected override string Kind => "volume";

        private protected override async Task<IEnumerable<KeyValuePair<string, string>>> NamesAsync(IDockerEngine engine, CancellationToken cancellationToken)
        {
            var list = await engine.ListVolumesAsync(new VolumeListQuery { WithUsage = false }, cancellationToken).ConfigureAwait(false);
            return list.Select(v => new KeyValuePair<string, string>(v.Name, $"volume {v.Name} ({v.Driver})"));
        }
    }

    /// <summary>Completes container names (all containers, running or not).</summary>
    public sealed class ContainerNameCompleter : EngineNameCompleter
    {
        protected override string Kind => "container";

        private protected override async Task<IEnumerable<KeyValuePair<string, string>>> NamesAsync(IDockerEngine engine, CancellationToken cancellationToken) =>
            (await engine.ListContainersAsync(new ContainerListQuery { All = true }, cancellationToken).ConfigureAwait(false))
                .Where(c => c.Name.Length > 0)
                .Select(c => new KeyValuePair<string, string>(c.Name, $"container {c.Name} ({c.State}, {c.Image})"));
    }

    /// <summary>Completes container ids, offered as the 12-character short ids docker prints.</summary>
    public sealed class ContainerIdCompleter : EngineNameCompleter
    {
        protected override string Kind => "container";

        private protected override async Task<IEnumerable<KeyValuePair<string, string>>> NamesAsync(IDockerEngine engine, CancellationToken cancellationToken) =>
            (await engine.ListContainersAsync(new ContainerListQuery { All = true }, cancellationToken).ConfigureAwait(false))
                .Select(c => new KeyValuePair<string, string>(Display.ShortId(c.Id), $"container {c.Name} ({c.State})"));
    }

    /// <summary>Completes image references (repository:tag).</summary>
    public sealed class ImageReferenceCompleter : EngineNameCompleter
    {
        protected override string Kind => "image";

        private protected override async Task<IEnumerable<KeyValuePair<string, string>>> NamesAsync(IDockerEngine engine, CancellationToken cancellationToken) =>
            (await engine.ListImagesAsync(new ImageListQuery(), cancellationToken).ConfigureAwait(false))
                .Where(i => i.Repository != "<none>")
                .GroupBy(i => i.Reference, StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, string>(g.Key, $"image {g.Key} ({Display.ShortId(g.First().Id)}, {Display.Size(g.First().Size)})"));
    }
}
