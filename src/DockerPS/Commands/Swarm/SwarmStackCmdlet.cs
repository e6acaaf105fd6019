using System;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Engine;
using DockerPS.Models;
using DockerPS.Errors;

namespace DockerPS.Commands.Swarm
{
    /// <summary>
    /// Base of the stack cmdlets (docker stack ...): a stack is what carries the label com.docker.stack.namespace=name
    /// (services, networks, secrets, configs), the label the docker CLI writes and reads, so stacks deployed by either
    /// tool are one kind of thing.
    /// </summary>
    public abstract class SwarmStackCmdlet : SwarmCmdlet
    {
        internal const string NamespaceLabel = "com.docker.stack.namespace";
        internal const string ImageLabel = "com.docker.stack.image";

        /// <summary>ErrorId: nothing on the swarm carries the stack's label.</summary>
        internal const string StackNotFoundId = ErrorIds.SwarmStackNotFound;

        /// <summary>The services of one stack, or of every stack when <paramref name="stack"/> is null.</summary>
        private protected IReadOnlyList<SwarmService> StackServices(IDockerEngine engine, string? stack)
        {
            var filters = new Dictionary<string, IList<string>>(StringComparer.Ordinal)
            {
                ["label"] = new List<string> { stack == null ? NamespaceLabel : NamespaceLabel + "=" + stack },
            };
            return SwarmCall(ct => engine.ListServicesAsync(filters, ct), "SwarmStack", stack ?? engine.Endpoint.Address, clusterWide: true);
        }

        private protected static bool InStack(IDictionary<string, string> labels, string stack) =>
            labels.TryGetValue(NamespaceLabel, out string? n) && n == stack;
    }
}
