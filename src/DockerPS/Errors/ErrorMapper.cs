using System;
using System.Management.Automation;
using DockerPS.Connection;

namespace DockerPS.Errors
{
    /// <summary>
    /// The one mapping from engine and transport failures to PowerShell errors (design.md §4). ErrorIds say what
    /// happened to which kind of thing ("ContainerNotFound"); the target is the id or name the user gave.
    /// </summary>
    internal static class ErrorMapper
    {
        /// <summary>Builds the ErrorRecord for <paramref name="exception"/>.</summary>
        /// <param name="exception">What the engine adapter or the cmdlet threw.</param>
        /// <param name="noun">The kind of object acted on: Container, Image, Engine, ...</param>
        /// <param name="target">The id, name or object the user gave.</param>
        /// <param name="badInputId">The caller's more precise id for input the engine refused (a filter, a spec), or null.</param>
        public static ErrorRecord ToErrorRecord(Exception exception, string noun, object? target, string? badInputId = null)
        {
            switch (exception)
            {
                case DockerEngineException engine:
                    return FromEngine(engine, noun, target, badInputId);
                case DockerConnectionException connection:
                    return Lost(connection, target);
                case DockerApiVersionException version:
                    return Record(version, ErrorIds.ApiVersionNotSupported, ErrorCategory.NotImplemented, target);
                case ArgumentException argument:
                    return Record(argument, ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, target);
                case TimeoutException timeout:
                    return Record(timeout, ErrorIds.EngineTimeout, ErrorCategory.OperationTimeout, target);
                case UnauthorizedAccessException access:
                    return Record(access, ErrorIds.AccessDenied, ErrorCategory.PermissionDenied, target);
                default:
                    return Record(exception, ErrorIds.UnexpectedError, ErrorCategory.NotSpecified, target);
            }
        }

        /// <summary>Failures that are the engine's or the user's, not bugs: they become ErrorRecords, never stack traces.</summary>
        public static bool IsEngineFailure(Exception e) =>
            e is DockerEngineException || e is DockerConnectionException || e is DockerApiVersionException
            || e is ArgumentException || e is TimeoutException || e is UnauthorizedAccessException || e is System.IO.IOException;

        /// <summary>True when the engine answered that the object asked for does not exist (a 404 about that noun).</summary>
        public static bool IsNotFound(Exception e, string noun) =>
            e is DockerEngineException engine && Classify(engine, noun).Kind == Failure.NotFound && Classify(engine, noun).Noun == noun;

        /// <summary>True when the engine refused the request as bad input (400, or Podman's 500 for a bad filter).</summary>
        public static bool IsBadInput(Exception e) =>
            e is DockerEngineException engine && Classify(engine, "Engine").Kind == Failure.BadInput;

        /// <summary>True for a 401 or 403, and for a 500 of a registry operation (the registry's refusal passed on).</summary>
        public static bool IsRegistryRefusal(Exception e) =>
            e is DockerEngineException engine && (engine.StatusCode == 401 || engine.StatusCode == 403 || engine.StatusCode == 500);

        /// <summary>True for an answer that is an HTTP error status (not a transport failure).</summary>
        public static bool IsErrorStatus(Exception e) =>
            e is DockerEngineException engine && engine.StatusCode >= 400 && engine.StatusCode < 600;

        /// <summary>The ErrorId for a missing <paramref name="noun"/> (ContainerNotFound, SwarmServiceNotFound, ...).</summary>
        public static string NotFoundId(string noun) => Ids(noun).NotFound;

        private enum Failure
        {
            NotFound,
            Ambiguous,
            BadInput,
            BadReference,
            Conflict,
            Denied,
            Unauthorized,
            NotModified,
            Other,
        }

        /// <summary>
        /// What kind of failure an engine answer is, and about which noun. Docker and Podman answer the same failure with
        /// different statuses and words (Podman: 500 "container state improper" where dockerd says 409; a 404 with
        /// "more than one result" where dockerd says 500 "Multiple IDs found"), so the status comes first and the words
        /// only pick among what the status allows; the stable parts are the statuses and Podman's error causes (the
        /// text after the last colon), not the sentences.
        /// </summary>
        private static (Failure Kind, string Noun) Classify(DockerEngineException e, string noun)
        {
            string m = e.EngineMessage.ToLowerInvariant();
            if (m.Contains("multiple ids found with provided prefix") || m.Contains("more than one result for") || m.Contains("ambiguous digest string"))
            {
                return (Failure.Ambiguous, noun);
            }

            switch (e.StatusCode)
            {
                case 404:
                    return (Failure.NotFound, MissingNoun(m, noun));
                case 409:
                    return (Failure.Conflict, noun);
                case 400:
                    return (Failure.BadInput, noun);
                case 401:
                    return (Failure.Unauthorized, noun);
                case 403:
                    // dockerd refuses to remove a network with containers with 403 "has active endpoints".
                    return (ConflictId(noun, e.EngineMessage) != Ids(noun).Conflict ? Failure.Conflict : Failure.Denied, noun);
                case 304:
                    return (Failure.NotModified, noun);
            }

            // dockerd 20.10 answers some bad input with 500 (a tag with capitals, a subnet that is no CIDR), and Podman
            // answers bad filters, state conflicts, names in use and some missing objects with 500.
            if (m.Contains("invalid reference format"))
            {
                return (Failure.BadReference, noun);
            }

            if (m.Contains("invalid cidr") || m.Contains("invalid subnet") || m.Contains("invalid gateway") || m.Contains("invalid ip")
                || m.Contains("invalid filter") || m.Contains("is an invalid") || m.Contains("unsupported image filter") || m.Contains("unsupported filter"))
            {
                return (Failure.BadInput, noun);
            }

            if (m.EndsWith(": image not known", StringComparison.Ordinal) || m.EndsWith(": no such image", StringComparison.Ordinal))
            {
                return (Failure.NotFound, "Image");
            }

            if (m.EndsWith(": no such container", StringComparison.Ordinal))
            {
                return (Failure.NotFound, "Container");
            }

            if (m.EndsWith(": network not found", StringComparison.Ordinal))
            {
                return (Failure.NotFound, "Network");
            }

            if (m.EndsWith(": no such volume", StringComparison.Ordinal))
            {
                return (Failure.NotFound, "Volume");
            }

            return ConflictId(noun, e.EngineMessage) != Ids(noun).Conflict || m.EndsWith(": container state improper", StringComparison.Ordinal)
                ? (Failure.Conflict, noun)
                : (Failure.Other, noun);
        }

        /// <summary>
        /// A 404 is about the noun acted on, unless the engine names another kind of object: starting a container whose
        /// network was removed answers 404 "network x not found" (dockerd), which is no missing container.
        /// </summary>
        private static string MissingNoun(string m, string noun)
        {
            if (m.Contains(noun.ToLowerInvariant()))
            {
                return noun;
            }

            if (m.Contains("network") && m.Contains("not found"))
            {
                return "Network";
            }

            if (m.Contains("no such image") || m.Contains("image not known"))
            {
                return "Image";
            }

            if (m.Contains("no such container"))
            {
                return "Container";
            }

            return m.Contains("no such volume") ? "Volume" : noun;
        }

        private static ErrorRecord FromEngine(DockerEngineException e, string noun, object? target, string? badInputId)
        {
            (Failure kind, string about) = Classify(e, noun);
            NounIds ids = Ids(about);
            switch (kind)
            {
                case Failure.NotFound:
                    return Record(e, ids.NotFound, ErrorCategory.ObjectNotFound, target);
                case Failure.Ambiguous:
                    return Record(e, ids.Ambiguous ?? ErrorIds.EngineError, ErrorCategory.InvalidArgument, target);
                case Failure.BadInput:
                    return Record(e, badInputId ?? ids.InvalidRequest, ErrorCategory.InvalidArgument, target);
                case Failure.BadReference:
                    return Record(e, ErrorIds.InvalidImageReference, ErrorCategory.InvalidArgument, target);
                case Failure.Unauthorized:
                    return Record(e, ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, target);
                case Failure.Denied:
                    return Record(e, ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, target);
                case Failure.NotModified:
                    return Record(e, ids.NotModified ?? ErrorIds.EngineError, ErrorCategory.InvalidOperation, target);
                case Failure.Conflict:
                    // A taken name is ResourceExists, as New-Item says of a path that exists; states and uses are ResourceUnavailable.
                    string conflict = ConflictId(noun, e.EngineMessage);
                    return Record(e, conflict, conflict == ids.NameInUse ? ErrorCategory.ResourceExists : ErrorCategory.ResourceUnavailable, target);
                default:
                    return Record(e, ErrorIds.EngineError, ErrorCategory.InvalidOperation, target);
            }
        }

        /// <summary>
        /// The engine says why a request conflicts only in its message; name the common cases. The state words are the
        /// ones dockerd and Podman share ("is not running", "is not paused", "already paused"); Podman's own forms
        /// ("can only kill running containers", "is in state created") are read as the state they report.
        /// </summary>
        internal static string ConflictId(string noun, string message)
        {
            string m = message.ToLowerInvariant();
            NounIds ids = Ids(noun);
            if (noun == "Container")
            {
                if (m.Contains("is not paused"))
                {
                    return ErrorIds.ContainerNotPaused;
                }

                if (m.Contains("is not running") || System.Text.RegularExpressions.Regex.IsMatch(m, @"only \w+( \w+)* (on )?running containers")
                    || System.Text.RegularExpressions.Regex.IsMatch(m, @"is in state (created|configured|exited|stopped|initialized)"))
                {
                    return ErrorIds.ContainerNotRunning;
                }

                if (m.Contains("is paused") || m.Contains("already paused") || m.Contains("unpause the container") || m.Contains("a paused container")
                    || m.Contains("try unpause") || m.Contains("is running or paused") || m.Contains("in a paused or unknown state")
                    || m.Contains("must be in created or stopped state"))
                {
                    return ErrorIds.ContainerIsPaused;
                }

                if (m.Contains("running container") || m.Contains("is running") || m.Contains("stop the container"))
                {
                    return ErrorIds.ContainerIsRunning;
                }
            }

            if (m.Contains("already in use") || m.Contains("already exists"))
            {
                return ids.NameInUse ?? ids.Conflict;
            }

            // dockerd's rmi of an image a stopped container uses says "(must force) - container x is using its referenced image".
            if (m.Contains("is being used") || m.Contains("image is referenced") || m.Contains("in use by") || m.Contains("must be forced")
                || m.Contains("is using its referenced image")
                || m.Contains("running container") || m.Contains("has associated containers") || m.Contains("is in use")
                || m.Contains("active endpoints"))
            {
                return ids.InUse ?? ids.Conflict;
            }

            return ids.Conflict;
        }

        /// <summary>The ErrorIds the mapper names for one noun; null where the noun has no such condition.</summary>
        private sealed class NounIds
        {
            public NounIds(string notFound, string invalidRequest, string conflict, string? nameInUse = null, string? inUse = null,
                string? ambiguous = null, string? notModified = null)
            {
                NotFound = notFound;
                InvalidRequest = invalidRequest;
                Conflict = conflict;
                NameInUse = nameInUse;
                InUse = inUse;
                Ambiguous = ambiguous;
                NotModified = notModified;
            }

            public string NotFound { get; }

            public string InvalidRequest { get; }

            public string Conflict { get; }

            public string? NameInUse { get; }

            public string? InUse { get; }

            public string? Ambiguous { get; }

            public string? NotModified { get; }
        }

        private static readonly System.Collections.Generic.Dictionary<string, NounIds> s_nouns = new System.Collections.Generic.Dictionary<string, NounIds>
        {
            ["Container"] = new NounIds(ErrorIds.ContainerNotFound, ErrorIds.ContainerInvalidRequest, ErrorIds.ContainerConflict,
                ErrorIds.ContainerNameInUse, ErrorIds.ContainerInUse, ErrorIds.AmbiguousContainerId, ErrorIds.ContainerNotModified),
            ["Image"] = new NounIds(ErrorIds.ImageNotFound, ErrorIds.ImageInvalidRequest, ErrorIds.ImageConflict,
                inUse: ErrorIds.ImageInUse, ambiguous: ErrorIds.AmbiguousImageId),
            ["Network"] = new NounIds(ErrorIds.NetworkNotFound, ErrorIds.NetworkInvalidRequest, ErrorIds.NetworkConflict,
                ErrorIds.NetworkNameInUse, ErrorIds.NetworkInUse),
            ["Volume"] = new NounIds(ErrorIds.VolumeNotFound, ErrorIds.VolumeInvalidRequest, ErrorIds.VolumeConflict,
                ErrorIds.VolumeNameInUse, ErrorIds.VolumeInUse),
            ["Engine"] = new NounIds(ErrorIds.EngineNotFound, ErrorIds.EngineInvalidRequest, ErrorIds.EngineConflict),
            ["Registry"] = new NounIds(ErrorIds.RegistryNotFound, ErrorIds.RegistryInvalidRequest, ErrorIds.RegistryConflict),
            ["BuildCache"] = new NounIds(ErrorIds.BuildCacheNotFound, ErrorIds.BuildCacheInvalidRequest, ErrorIds.BuildCacheConflict),
            ["Swarm"] = new NounIds(ErrorIds.SwarmNotFound, ErrorIds.SwarmInvalidRequest, ErrorIds.SwarmConflict),
            ["SwarmService"] = new NounIds(ErrorIds.SwarmServiceNotFound, ErrorIds.SwarmServiceInvalidRequest, ErrorIds.SwarmServiceConflict,
                ErrorIds.SwarmServiceNameInUse),
            ["SwarmNode"] = new NounIds(ErrorIds.SwarmNodeNotFound, ErrorIds.SwarmNodeInvalidRequest, ErrorIds.SwarmNodeConflict),
            ["SwarmTask"] = new NounIds(ErrorIds.SwarmTaskNotFound, ErrorIds.SwarmTaskInvalidRequest, ErrorIds.SwarmTaskConflict),
            ["SwarmSecret"] = new NounIds(ErrorIds.SwarmSecretNotFound, ErrorIds.SwarmSecretInvalidRequest, ErrorIds.SwarmSecretConflict,
                ErrorIds.SwarmSecretNameInUse),
            ["SwarmConfig"] = new NounIds(ErrorIds.SwarmConfigNotFound, ErrorIds.SwarmConfigInvalidRequest, ErrorIds.SwarmConfigConflict,
                ErrorIds.SwarmConfigNameInUse),
        };

        /// <summary>The nouns the mapper knows (a test checks that every noun the cmdlets pass is one of them).</summary>
        internal static System.Collections.Generic.IEnumerable<string> Nouns => s_nouns.Keys;

        private static NounIds Ids(string noun) =>
            s_nouns.TryGetValue(noun, out NounIds? ids) ? ids : s_nouns["Engine"];

        /// <summary>A record with an explicit ErrorId, for conditions the cmdlets detect themselves.</summary>
        public static ErrorRecord Record(Exception exception, string errorId, ErrorCategory category, object? target)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (exception is DockerEngineException engine)
            {
                // The engine's own sentence reads best; the status and endpoint stay on the exception.
                record.ErrorDetails = new ErrorDetails(engine.EngineMessage);
            }

            return record;
        }

        /// <summary>
        /// An engine that stopped answering during a command: the transport's own words ("Invalid chunk header", "Connection
        /// reset") do not say which engine or what to do, so the error details do.
        /// </summary>
        private static ErrorRecord Lost(DockerConnectionException connection, object? target)
        {
            ErrorRecord record = Record(connection, connection.Reason, ErrorCategory.ConnectionError, target ?? connection.Endpoint);
            if (!connection.Message.Contains(connection.Endpoint))
            {
                record.ErrorDetails = new ErrorDetails(
                    $"The Docker engine at {connection.Endpoint} stopped answering: {connection.Message} Check that the engine runs, then run the command again.");
            }

            return record;
        }

        /// <summary>The terminating error for an engine that cannot be reached: which endpoint, from where, what to do.</summary>
        public static ErrorRecord Unreachable(EngineEndpoint endpoint, Exception cause)
        {
            string reason = cause is DockerConnectionException c ? c.Reason : ErrorIds.EngineUnreachable;
            string advice = reason.StartsWith("Tls", StringComparison.Ordinal)
                ? "Check -CertificatePath/-Certificate (or DOCKER_CERT_PATH) against the engine's --tlscacert and certificate."
                : endpoint.IsSsh
                    ? "Check that ssh reaches the host without prompts and that docker runs there (ssh <host> docker version)."
                    : "Start the engine, or point -Host or DOCKER_HOST at one that runs.";
            string message = reason.StartsWith("Tls", StringComparison.Ordinal)
                ? $"Cannot connect securely to the Docker engine at {endpoint.Address} (from {endpoint.Source}): {Sentence(cause.Message)} {advice}"
                : $"Cannot reach the Docker engine at {endpoint.Address} (from {endpoint.Source}): {Sentence(WhyUnreachable(endpoint, cause))} {advice}";
            var exception = new DockerConnectionException(message, endpoint.Address, reason, cause);
            return new ErrorRecord(exception, reason, ErrorCategory.ConnectionError, endpoint.Address);
        }

        /// <summary>
        /// The socket layer says "Cannot assign requested address" (or "No such file") for a unix socket that is not
        /// there; the user needs to hear that the file does not exist.
        /// </summary>
        private static string WhyUnreachable(EngineEndpoint endpoint, Exception cause)
        {
            if (endpoint.Uri.Scheme == "unix" && !System.IO.File.Exists(endpoint.Uri.LocalPath))
            {
                return $"The socket {endpoint.Uri.LocalPath} does not exist";
            }

            return cause.Message;
        }

        /// <summary>Transport messages often lack a full stop; the advice that follows is a sentence of its own.</summary>
        private static string Sentence(string text)
        {
            string trimmed = text.TrimEnd();
            return trimmed.Length == 0 || trimmed.EndsWith(".", StringComparison.Ordinal) || trimmed.EndsWith("!", StringComparison.Ordinal)
                || trimmed.EndsWith("?", StringComparison.Ordinal) ? trimmed : trimmed + ".";
        }
    }
}
