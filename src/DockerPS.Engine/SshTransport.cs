using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Handler.Abstractions;
using DockerPS.Connection;
using DockerPS.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Client;

namespace DockerPS.Engine
{
    /// <summary>What the ssh transport of one client needs: the target, the ssh program and config, the connect timeout.</summary>
    internal sealed class SshTransportOptions
    {
        public SshTransportOptions(EngineEndpoint endpoint, TimeSpan connectTimeout)
        {
            Endpoint = endpoint;
            Target = SshTarget.TryParse(endpoint.Uri, out string? problem)
                ?? throw new ArgumentException($"'{endpoint.Address}' {problem}.");
            ConnectTimeout = connectTimeout;
        }

        public EngineEndpoint Endpoint { get; }

        public SshTarget Target { get; }

        public TimeSpan ConnectTimeout { get; }
    }

    /// <summary>
    /// ssh:// engines the way the docker CLI reaches them: every HTTP connection is one `ssh ... docker system
    /// dial-stdio` process, and HTTP goes over its stdin and stdout (Docker.DotNet's ManagedHandler over a stream, so
    /// hijacked attach/exec streams work as on a unix socket). A connection's process is killed when the connection is
    /// disposed, when its read is cancelled (Ctrl+C), when the client is disposed, and when the process exits.
    /// </summary>
    internal sealed class SshHandlerFactory : IDockerHandlerFactory<SshTransportOptions>
    {
        public static SshHandlerFactory Instance { get; } = new SshHandlerFactory();

        public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
            throw new InvalidOperationException("The ssh transport needs its options.");

        public ResolvedTransport CreateHandler(SshTransportOptions transportOptions, ResolvedClientOptions clientOptions, ILogger logger)
        {
            var live = new SshConnections();
            var handler = new SshManagedHandler(
                (_, _, cancellationToken) => Task.FromResult<Stream>(SshProcessStream.Start(transportOptions, live)), logger, live)
            {
                UseProxy = false,
            };

            // The host name is never resolved: every connection is the ssh process.
            return new ResolvedTransport(handler, new Uri("http://docker.ssh"));
        }

        public Task<WriteClosableStream> HijackStreamAsync(HttpContent content)
        {
            if (content is not HttpConnectionResponseContent hijackable)
            {
                throw new NotSupportedException("The content type is not supported for stream hijacking.");
            }

            return Task.FromResult(hijackable.HijackStream());
        }

        /// <summary>The handler of one client: disposing it (the client) kills the ssh processes it still has.</summary>
        private sealed class SshManagedHandler : ManagedHandler
        {
            private readonly SshConnections _live;

            public SshManagedHandler(StreamOpener opener, ILogger logger, SshConnections live)
                : base(opener, logger)
            {
                _live = live;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _live.KillAll();
                }

                base.Dispose(disposing);
            }
        }
    }

    /// <summary>The ssh processes of one client, so none outlives it (nor this PowerShell process).</summary>
    internal sealed class SshConnections
    {
        private static readonly List<SshConnections> s_all = new List<SshConnections>();
        private readonly HashSet<SshProcessStream> _streams = new HashSet<SshProcessStream>();

        static SshConnections()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                SshConnections[] all;
                lock (s_all)
                {
                    all = s_all.ToArray();
                }

                foreach (SshConnections c in all)
                {
                    c.KillAll();
                }
            };
        }

        public SshConnections()
        {
            lock (s_all)
            {
                s_all.Add(this);
            }
        }

        public void Add(SshProcessStream stream)
        {
            lock (_streams)
            {
                _streams.Add(stream);
            }
        }

        public void Remove(SshProcessStream stream)
        {
            lock (_streams)
            {
                _streams.Remove(stream);
            }
        }

        public void KillAll()
        {
            SshProcessStream[] streams;
            lock (_streams)
            {
                streams = new SshProcessStream[_streams.Count];
                _streams.CopyTo(streams);
            }

            foreach (SshProcessStream s in streams)
            {
                s.Dispose();
            }
        }
    }

    /// <summary>
    /// One `ssh ... docker system dial-stdio` process as a duplex stream: writes go to its stdin, reads come from its
    /// stdout, CloseWrite closes its stdin (the remote side sees end of input, as a socket's shutdown). When the
    /// process ends before it said anything, the read fails with what ssh wrote on stderr, named by its cause.
    /// </summary>
    internal sealed class SshProcessStream : WriteClosableStream
    {
        private const int MaxErrorText = 4000;
        private readonly Process _process;
        private readonly SshTransportOptions _options;
        private readonly SshConnections _owner;
        private readonly StringBuilder _stderr = new StringBuilder();
        private bool _answered;
        private int _disposed;

        private SshProcessStream(Process process, SshTransportOptions options, SshConnections owner)
        {
            _process = process;
            _options = options;
            _owner = owner;
        }

        public static SshProcessStream Start(SshTransportOptions options, SshConnections owner)
        {
            string program = options.Endpoint.SshProgram ?? "ssh";
            var info = new ProcessStartInfo(program, ProcessArguments.Join(options.Target.Arguments((int)Math.Ceiling(options.ConnectTimeout.TotalSeconds), options.Endpoint.SshConfigFile)))
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };

            var process = new Process { StartInfo = info };
            var stream = new SshProcessStream(process, options, owner);

            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    lock (stream._stderr)
                    {
                        if (stream._stderr.Length < MaxErrorText)
                        {
                            stream._stderr.AppendLine(e.Data);
                        }
                    }
                }
            };
            return stream.Launch(program);
        }

        private SshProcessStream Launch(string program)
        {
            try
            {
                _process.Start();
            }
            catch (Exception e) when (e is Win32Exception || e is FileNotFoundException)
            {
                _process.Dispose();
                throw new DockerConnectionException(
                    $"Cannot run the ssh client '{program}' to reach {_options.Target.Display}: {e.Message}. Install OpenSSH's client (Debian: apt-get install openssh-client; Windows: the OpenSSH Client feature) or set DOCKERPS_SSH to its path.",
                    _options.Endpoint.Address, ErrorIds.SshClientNotFound, e);
            }

            _process.BeginErrorReadLine();
            _owner.Add(this);
            return this;
        }

        // Process.StandardInput/StandardOutput need a started process: these are read after Start.
        private Stream Stdin => _process.StandardInput.BaseStream;

        private Stream Stdout => _process.StandardOutput.BaseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override bool CanCloseWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int read;
            try
            {
                // A pipe read does not watch the token: Ctrl+C kills the process, which ends the read.
                using (cancellationToken.Register(() => Dispose()))
                {
                    read = await Stdout.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when ((e is IOException || e is ObjectDisposedException || e is InvalidOperationException) && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (read > 0)
            {
                _answered = true;
                return read;
            }

            if (!_answered && Volatile.Read(ref _disposed) == 0)
            {
                throw Failure();
            }

            return 0;
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                await Stdin.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (!_answered && Volatile.Read(ref _disposed) == 0)
            {
                // ssh ended before the request was written (refused, unknown host key, ...): say why it ended.
                throw Failure(e);
            }
        }

        public override void Flush() => Stdin.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => Stdin.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void CloseWrite()
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The process is gone already; its output tells the rest.
            }
        }

        /// <summary>What ended the ssh process, from its exit code and stderr, as a connection error naming the host.</summary>
        private DockerConnectionException Failure(Exception? inner = null)
        {
            if (!_process.WaitForExit(5000))
            {
                Kill();
            }
            else
            {
                _process.WaitForExit(); // lets the stderr reader finish
            }

            string text;
            lock (_stderr)
            {
                text = _stderr.ToString().Trim();
            }

            int code = _process.HasExited ? _process.ExitCode : -1;
            string host = _options.Target.Display;
            string said = text.Length > 0 ? " ssh said: " + text : $" ssh exited with code {code} and said nothing.";
            string reason;
            string message;
            if (text.IndexOf("Host key verification failed", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("host key is known", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                reason = ErrorIds.SshHostKeyUnknown;
                message = $"ssh does not know or trust the host key of {host}; add it to known_hosts (connect once with ssh {host}, or ssh-keyscan).";
            }
            else if (text.IndexOf("Permission denied", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("Too many authentication failures", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                reason = ErrorIds.SshAuthenticationFailed;
                message = $"{host} refused the ssh login; DockerPS runs ssh without prompts (BatchMode), so the key must come from ssh-agent or ~/.ssh/config (IdentityFile).";
            }
            else if (code == 127 || text.IndexOf("command not found", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("docker: not found", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                reason = ErrorIds.SshRemoteDockerMissing;
                message = $"{host} has no docker command; the docker CLI must be installed there (DockerPS runs docker system dial-stdio on it, as the docker CLI does).";
            }
            else
            {
                reason = ErrorIds.EngineUnreachable;
                message = $"The ssh connection to {host} ended before the engine answered (exit code {code}).";
            }

            return new DockerConnectionException(message + said, _options.Endpoint.Address, reason, inner);
        }

        private void Kill()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill();
                }
            }
            catch (Exception e) when (e is InvalidOperationException || e is Win32Exception || e is NotSupportedException)
            {
                // It ended on its own meanwhile.
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.Remove(this);
                try
                {
                    _process.StandardInput.Close();
                }
                catch (Exception e) when (e is IOException || e is InvalidOperationException || e is ObjectDisposedException)
                {
                }

                Kill();
                try
                {
                    _process.WaitForExit(2000);
                }
                catch (Exception e) when (e is InvalidOperationException || e is SystemException)
                {
                }

                _process.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
