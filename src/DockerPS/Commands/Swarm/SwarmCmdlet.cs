using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;

namespace DockerPS.Commands.Swarm
{
    /// <summary>The ErrorIds only swarm cmdlets write.</summary>
    internal static class SwarmErrorIds
    {
        /// <summary>The engine has no swarm mode at all (Podman: 404 on /swarm, 503 "does not support").</summary>
        public const string NotSupported = ErrorIds.SwarmNotSupported;

        /// <summary>The engine is a worker, or in no swarm: cluster state is only on managers.</summary>
        public const string NotManager = ErrorIds.SwarmNotManager;

        /// <summary>Leave, update or unlock on an engine that is in no swarm.</summary>
        public const string NotActive = ErrorIds.SwarmNotActive;

        /// <summary>Init or join on an engine that is already in a swarm.</summary>
        public const string AlreadyJoined = ErrorIds.SwarmAlreadyJoined;

        /// <summary>The manager's raft data is locked (autolock) until Unlock-DockerSwarm.</summary>
        public const string Locked = ErrorIds.SwarmLocked;

        /// <summary>Wait-SwarmService gave up.</summary>
        public const string WaitTimeout = ErrorIds.SwarmServiceWaitTimeout;

        /// <summary>A setting a cmdlet could not read (a bad -Port, -Secret, duration, size).</summary>
        public const string InvalidSettings = ErrorIds.InvalidSwarmSettings;
    }

    /// <summary>
    /// Base of the swarm cmdlets: the swarm's own failures (not a manager, no swarm mode, locked) get their own
    /// ErrorIds instead of the engine's bare 503 or 404, and name lookups share one wildcard matcher.
    /// </summary>
    public abstract class SwarmCmdlet : DockerCmdlet
    {
        /// <summary>
        /// The ErrorRecord for a failed swarm request. <paramref name="clusterWide"/> marks requests that name no object
        /// (list, inspect swarm, init): a 404 there means the engine has no such endpoint, i.e. no swarm mode. A 404
        /// whose body is the router's "404 page not found" (Podman's answer for every swarm path) means the same for a
        /// named object too; a missing object is named in the engine's words ("service web not found").
        /// </summary>
        internal static ErrorRecord SwarmError(Exception e, string noun, object? target, bool clusterWide)
        {
            if (e is DockerEngineException engine)
            {
                string m = engine.EngineMessage.ToLowerInvariant();
                if (m.Contains("podman") || m.Contains("does not support") || m.Contains("not supported") || (ErrorMapper.IsNotFound(e, noun) && (clusterWide || m.Contains("page not found"))))
                {
                    var unsupported = new NotSupportedException(
                        $"The engine at {engine.Endpoint} has no swarm mode ({engine.EngineMessage}). Swarm cmdlets need a Docker Engine; Podman has no swarm.", e);
                    return ErrorMapper.Record(unsupported, SwarmErrorIds.NotSupported, ErrorCategory.NotImplemented, target);
                }

                if (m.Contains("not a swarm manager"))
                {
                    return ErrorMapper.Record(e, SwarmErrorIds.NotManager, ErrorCategory.InvalidOperation, target);
                }

                if (m.Contains("not part of a swarm"))
                {
                    return ErrorMapper.Record(e, SwarmErrorIds.NotActive, ErrorCategory.InvalidOperation, target);
                }

                if (m.Contains("already part of a swarm"))
                {
                    return ErrorMapper.Record(e, SwarmErrorIds.AlreadyJoined, ErrorCategory.ResourceExists, target);
                }

                if (m.Contains("swarm is encrypted") || m.Contains("locked"))
                {
                    return ErrorMapper.Record(e, SwarmErrorIds.Locked, ErrorCategory.InvalidOperation, target);
                }
            }

            return ErrorMapper.ToErrorRecord(e, noun, target);
        }

        /// <summary>One request whose failure ends the command.</summary>
        private protected T SwarmCall<T>(Func<CancellationToken, Task<T>> work, string noun, object? target, bool clusterWide = false)
        {
            try
            {
                return Await(work);
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                ThrowTerminatingError(SwarmError(e, noun, target, clusterWide));
                throw; // not reached
            }
        }

        /// <summary>One request for one item: a failure is a non-terminating error and the next item goes on.</summary>
        private protected bool TrySwarmCall<T>(Func<CancellationToken, Task<T>> work, string noun, object? target, out T result, bool clusterWide = false)
        {
            try
            {
                result = Await(work);
                return true;
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                ErrorRecord record = SwarmError(e, noun, target, clusterWide);
                if (e is DockerConnectionException || record.FullyQualifiedErrorId == SwarmErrorIds.NotSupported || record.FullyQualifiedErrorId == SwarmErrorIds.NotManager)
                {
                    // Every later item fails the same way: say it once.
                    ThrowTerminatingError(record);
                }

                WriteError(record);
                result = default!;
                return false;
            }
        }

        /// <inheritdoc cref="TrySwarmCall{T}"/>
        private protected bool TrySwarmCall(Func<CancellationToken, Task> work, string noun, object? target) =>
            TrySwarmCall(async ct =>
            {
                await work(ct).ConfigureAwait(false);
                return true;
            }, noun, target, out bool _);

        /// <summary>A terminating InvalidSwarmSettings error for input the cmdlet could not read.</summary>
        private protected void ThrowBadSettings(Exception e, object? target) =>
            ThrowTerminatingError(ErrorMapper.Record(e, SwarmErrorIds.InvalidSettings, ErrorCategory.InvalidArgument, target));

        /// <summary>
        /// The items whose name matches a pattern (wildcards allowed) or whose id starts with it, each once. A plain
        /// name that matches nothing writes <paramref name="kind"/>NotFound.
        /// </summary>
        private protected IEnumerable<T> Matches<T>(IReadOnlyList<T> items, string[]? patterns, Func<T, string> name, Func<T, string> id, string kind)
        {
            if (patterns == null || patterns.Length == 0)
            {
                foreach (T item in items)
                {
                    yield return item;
                }

                yield break;
            }

            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (string wanted in patterns)
            {
                WildcardPattern pattern = EngineFilters.Pattern(wanted);
                List<T> found = items.Where(i => pattern.IsMatch(name(i)) || (!WildcardPattern.ContainsWildcardCharacters(wanted) && id(i).StartsWith(wanted, StringComparison.OrdinalIgnoreCase)))
                    .ToList();
                foreach (T item in found)
                {
                    if (written.Add(id(item)))
                    {
                        yield return item;
                    }
                }

                if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(wanted))
                {
                    var e = new ItemNotFoundException($"No {Words(kind)} with the name or id '{wanted}' was found.");
                    WriteError(ErrorMapper.Record(e, ErrorMapper.NotFoundId(kind), ErrorCategory.ObjectNotFound, wanted));
                }
            }
        }

        /// <summary>SwarmNode → "swarm node".</summary>
        private static string Words(string kind) =>
            string.Concat(kind.Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
    }
}
