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

namespace DockerPS.Completers
{
    /// <summary>
    /// Base of the tab completers: asks the engine named by an already-typed -Host (or the usual resolution) with a
    /// short time limit, and never throws — a completer that fails or hangs spoils typing.
    /// </summary>
    public abstract class EngineCompleter : IArgumentCompleter
    {
        /// <summary>How long completion may wait for the engine.</summary>
        protected static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                string? host = fakeBoundParameters["Host"] switch
                {
                    string s => s,
                    object[] a when a.Length > 0 => a[0]?.ToString(),
                    _ => null,
                };
                EngineEndpoint endpoint = EndpointResolver.ForCurrentProcess().Resolve(host, null);
                using var limit = new CancellationTokenSource(Budget);
                Task<IReadOnlyList<string>> names = Task.Run(async () =>
                {
                    IDockerEngine engine = await EngineCache.GetAsync(endpoint, limit.Token).ConfigureAwait(false);
                    return await CandidatesAsync(engine, limit.Token).ConfigureAwait(false);
                });
                if (!names.Wait(Budget))
                {
                    return Array.Empty<CompletionResult>();
                }

                string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
                WildcardPattern pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
                return names.Result
                    .Where(n => pattern.IsMatch(n))
                    .Distinct(StringComparer.Ordinal)
                    .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                    .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n))
                    .ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>The values to offer, from the engine.</summary>
        protected abstract Task<IReadOnlyList<string>> CandidatesAsync(IDockerEngine engine, CancellationToken cancellationToken);

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '&', '|', '@', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }

    /// <summary>Completes container names (all containers, running or not).</summary>
    public sealed class ContainerNameCompleter : EngineCompleter
    {
        protected override async Task<IReadOnlyList<string>> CandidatesAsync(IDockerEngine engine, CancellationToken cancellationToken) =>
            (await engine.ListContainersAsync(new ContainerListQuery { All = true }, cancellationToken).ConfigureAwait(false))
                .Select(c => c.Name).Where(n => n.Length > 0).ToList();
    }

    /// <summary>Completes container ids: offered as the 12-character short ids docker prints.</summary>
    public sealed class ContainerIdCompleter : EngineCompleter
    {
        protected override async Task<IReadOnlyList<string>> CandidatesAsync(IDockerEngine engine, CancellationToken cancellationToken) =>
            (await engine.ListContainersAsync(new ContainerListQuery { All = true }, cancellationToken).ConfigureAwait(false))
                .Select(c => Display.ShortId(c.Id)).ToList();
    }

    /// <summary>Completes image references (repository:tag), for -Image and image cmdlets.</summary>
    public sealed class ImageReferenceCompleter : EngineCompleter
    {
        protected override async Task<IReadOnlyList<string>> CandidatesAsync(IDockerEngine engine, CancellationToken cancellationToken) =>
            (await engine.ListImagesAsync(new ImageListQuery(), cancellationToken).ConfigureAwait(false))
                .Where(i => i.Repository != "<none>").Select(i => i.Reference).ToList();
    }
}
