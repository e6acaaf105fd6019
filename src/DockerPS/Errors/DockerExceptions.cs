using System;

namespace DockerPS.Errors
{
    /// <summary>The engine answered with an error status. Thrown by the adapter for every API error.</summary>
    internal class DockerEngineException : Exception
    {
        public DockerEngineException(int statusCode, string engineMessage, string endpoint, Exception? inner = null)
            : base($"{engineMessage} (engine {endpoint}, HTTP {statusCode})", inner)
        {
            StatusCode = statusCode;
            EngineMessage = engineMessage;
            Endpoint = endpoint;
        }

        public int StatusCode { get; }

        /// <summary>The engine's own "message" text.</summary>
        public string EngineMessage { get; }

        public string Endpoint { get; }
    }

    /// <summary>The engine could not be reached at all (no socket, refused, TLS handshake, timeout).</summary>
    internal class DockerConnectionException : Exception
    {
        public DockerConnectionException(string message, string endpoint, string reason, Exception? inner = null)
            : base(message, inner)
        {
            Endpoint = endpoint;
            Reason = reason;
        }

        public string Endpoint { get; }

        /// <summary>A short ErrorId-style reason: EngineUnreachable, EngineTimeout, TlsHandshakeFailed, ...</summary>
        public string Reason { get; }
    }

    /// <summary>The engine's API is older than a feature needs, or the pinned version is not accepted.</summary>
    internal class DockerApiVersionException : Exception
    {
        public DockerApiVersionException(string message)
            : base(message)
        {
        }
    }
}

namespace DockerPS.Errors
{
    /// <summary>A copied item would replace a folder with a file or a file with a folder at the destination (nothing was written).</summary>
    internal class CopyConflictException : System.IO.IOException
    {
        public CopyConflictException(string message)
            : base(message)
        {
        }
    }
}
