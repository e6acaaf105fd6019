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
        public static ErrorRecord ToErrorRecord(Exception exception, string noun, object? target)
        {
            switch (exception)
            {
                case DockerEngineException engine:
                    return FromEngine(engine, noun, target);
                case DockerConnectionException connection:
                    return Lost(connection, target);
                case DockerApiVersionException version:
                    return Record(version, "ApiVersionNotSupported", ErrorCategory.NotImplemented, target);
                case ArgumentException argument:
                    return Record(argument, "InvalidArgument", ErrorCategory.InvalidArgument, target);
                case TimeoutException timeout:
                    return Record(timeout, "EngineTimeout", ErrorCategory.OperationTimeout, target);
                case UnauthorizedAccessException access:
                    return Record(access, "AccessDenied", ErrorCategory.PermissionDenied, target);
                default:
                    return Record(exception, "UnexpectedError", ErrorCategory.NotSpecified, target);
            }
        }

        /// <summary>Failures that are the engine's or the user's, not bugs: they become ErrorRecords, never stack traces.</summary>
        public static bool IsEngineFailure(Exception e) =>
            e is DockerEngineException || e is DockerConnectionException || e is DockerApiVersionException
            || e is ArgumentException || e is TimeoutException || e is UnauthorizedAccessException || e is System.IO.IOException;

        private static ErrorRecord FromEngine(DockerEngineException e, string noun, object? target)
        {
            switch (e.StatusCode)
            {
                case 404:
                    return Record(e, noun + "NotFound", ErrorCategory.ObjectNotFound, target);
                case 409:
                    return Record(e, ConflictId(noun, e.EngineMessage), ErrorCategory.ResourceUnavailable, target);
                case 400:
                    return Record(e, noun + "InvalidRequest", ErrorCategory.InvalidArgument, target);
                case 401:
                    return Record(e, "AuthenticationFailed", ErrorCategory.AuthenticationError, target);
                case 403:
                    return Record(e, "PermissionDenied", ErrorCategory.PermissionDenied, target);
                case 304:
                    return Record(e, noun + "NotModified", ErrorCategory.InvalidOperation, target);
                default:
                    // dockerd 20.10 answers some bad input with 500 (a tag with capitals, a subnet that is no CIDR): still the user's input.
                    string lower = e.EngineMessage.ToLowerInvariant();
                    if (lower.Contains("invalid reference format"))
                    {
                        return Record(e, "InvalidImageReference", ErrorCategory.InvalidArgument, target);
                    }

                    if (lower.Contains("invalid cidr") || lower.Contains("invalid subnet") || lower.Contains("invalid gateway") || lower.Contains("invalid ip"))
                    {
                        return Record(e, noun + "InvalidRequest", ErrorCategory.InvalidArgument, target);
                    }

                    // Some engines answer state conflicts with 500 ("Container x is not paused"); name those too.
                    string conflict = ConflictId(noun, e.EngineMessage);
                    return conflict != noun + "Conflict"
                        ? Record(e, conflict, ErrorCategory.ResourceUnavailable, target)
                        : Record(e, "EngineError", ErrorCategory.InvalidOperation, target);
            }
        }

        /// <summary>The engine says why a request conflicts only in its message; name the common cases.</summary>
        internal static string ConflictId(string noun, string message)
        {
            string m = message.ToLowerInvariant();
            if (m.Contains("is not running"))
            {
                return noun + "NotRunning";
            }

            if (m.Contains("is paused") || m.Contains("already paused") || m.Contains("paused container") || m.Contains("unpause"))
            {
                return noun + "IsPaused";
            }

            if (m.Contains("is not paused"))
            {
                return noun + "NotPaused";
            }

            if (m.Contains("running container") || m.Contains("is running") || m.Contains("stop the container"))
            {
                return noun + "IsRunning";
            }

            if (m.Contains("already in use") || m.Contains("already exists"))
            {
                return noun + "NameInUse";
            }

            if (m.Contains("is being used") || m.Contains("image is referenced") || m.Contains("in use by") || m.Contains("must be forced"))
            {
                return noun + "InUse";
            }

            return noun + "Conflict";
        }

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
            string reason = cause is DockerConnectionException c ? c.Reason : "EngineUnreachable";
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
