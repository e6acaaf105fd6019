using System;
using System.Management.Automation;

namespace DockerPS.Errors
{
    /// <summary>An error the engine reported inside its JSON progress stream (push, load, build; pull on Podman).</summary>
    internal sealed class DockerStreamException : Exception
    {
        public DockerStreamException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Names registry and stream failures. The engine reports them as text only (inside the stream, or as a 500 for
    /// a pull), so the ErrorId comes from the words docker and distribution use.
    /// </summary>
    internal static class StreamErrors
    {
        /// <summary>Authentication failures: wrong or missing credentials.</summary>
        public const string AuthenticationFailed = ErrorIds.AuthenticationFailed;

        /// <summary>The ErrorId and category for an engine message; <paramref name="fallbackId"/> when nothing more specific fits.</summary>
        public static (string ErrorId, ErrorCategory Category) Classify(string message, string fallbackId)
        {
            string m = message.ToLowerInvariant();
            if (m.Contains("unauthorized") || m.Contains("authentication required") || m.Contains("no basic auth credentials")
                || m.Contains("incorrect username or password") || m.Contains("access denied") || m.Contains("denied: requested access"))
            {
                return (AuthenticationFailed, ErrorCategory.AuthenticationError);
            }

            if (m.Contains("manifest unknown") || m.Contains("not found") || m.Contains("does not exist") || m.Contains("no such image")
                || m.Contains("repository name not known"))
            {
                return (ErrorIds.ImageNotFound, ErrorCategory.ObjectNotFound);
            }

            if (m.Contains("invalid reference format"))
            {
                // dockerd answers a bad tag with this, as a 400 (pull, import) or a 500 (build): the user's input either way.
                return (ErrorIds.ImageInvalidRequest, ErrorCategory.InvalidArgument);
            }

            if (m.Contains("connection refused") || m.Contains("no such host") || m.Contains("i/o timeout") || m.Contains("server gave http response"))
            {
                return (ErrorIds.RegistryUnreachable, ErrorCategory.ConnectionError);
            }

            if (m.Contains("invalid tar header") || m.Contains("unexpected eof") || m.Contains("error processing tar file")
                || m.Contains("dockerfile parse error") || m.Contains("unknown instruction") || m.Contains("/repositories: no such file"))
            {
                // The file or Dockerfile the user gave is not what it should be: corrupt, truncated, not an image tar.
                return (fallbackId, ErrorCategory.InvalidData);
            }

            return (fallbackId, ErrorCategory.InvalidOperation);
        }

        /// <summary>The record for a stream error.</summary>
        public static ErrorRecord Record(string message, string fallbackId, object? target)
        {
            (string id, ErrorCategory category) = Classify(message, fallbackId);
            return new ErrorRecord(new DockerStreamException(message), id, category, target);
        }

        /// <summary>The record for an engine exception of a registry operation (a failed pull is a 500 with the registry's words).</summary>
        public static ErrorRecord FromException(Exception e, string fallbackId, string noun, object? target)
        {
            if (e is DockerEngineException engine && engine.StatusCode != 404)
            {
                (string id, ErrorCategory category) = Classify(engine.EngineMessage, fallbackId);
                if (id != fallbackId || category != ErrorCategory.InvalidOperation || engine.StatusCode >= 500)
                {
                    return ErrorMapper.Record(e, id, category, target);
                }
            }

            return ErrorMapper.ToErrorRecord(e, noun, target);
        }
    }
}
