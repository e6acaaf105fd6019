using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;

namespace DockerPS.Completers
{
    /// <summary>Completes swarm node host names.</summary>
    public sealed class SwarmNodeNameCompleter : EngineNameCompleter
    {
        protected override string Kind => "node";

        private protected override async Task<IEnumerable<KeyValuePair<string, string>>> NamesAsync(IDockerEngine engine, CancellationToken cancellationToken) =>
            (await engine.ListNodesAsync(cancellationToken).ConfigureAwait(false))
                .Select(n => new KeyValuePair<string, string>(n.Hostname, $"node {n.Hostname} ({n.Role}, {n.Availability}, {n.Status})"));
    }

    /// <summary>Completes swarm service names.</summary>
    public sealed class SwarmServiceNameCompleter : EngineNameCompleter
    {
        protected override string Kind => "service";

        private protected override async Task<IEnumerable<KeyValuePair<string, string>>> NamesAsync(IDockerEngine engine, CancellationToken cancellationToken) =>
            (await engine.ListServicesAsync(new Dictionary<string, IList<string>>(), cancellationToken).ConfigureAwait(false))
                .Select(s => new KeyValuePair<string, string>(s.Name, $"service {s.Name} ({s.Mode}, {s.RunningTasks}/{s.DesiredTasks}, {s.Image})"));
    }

    /// <summary>Completes swarm secret names.</summary>
    public sealed class SwarmSecretNameCompleter : EngineNameCompleter
    {
        protected override string Kind => "secret";

        private protected override async Task<IEnumerable<KeyValuePair<string, string>>> NamesAsync(IDockerEngine engine, CancellationToken cancellationToken) =>
            (await engine.ListSecretsAsync(cancellationToken).ConfigureAwait(false)).Select(s => new KeyValuePair<string, string>(s.Name, "secret " + s.Name));
    }

    /// <summary>Completes swarm config names.</summary>
    public sealed class SwarmConfigNameCompleter : EngineNameCompleter
    {
        protected override string Kind => "config";

        private protected override async Task<IEnumerable<KeyValuePair<string, string>>> NamesAsync(IDockerEngine engine, CancellationToken cancellationToken) =>
            (await engine.ListConfigsAsync(cancellationToken).ConfigureAwait(false)).Select(s => new KeyValuePair<string, string>(s.Name, "config " + s.Name));
    }
}
