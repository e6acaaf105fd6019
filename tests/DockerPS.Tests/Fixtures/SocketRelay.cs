using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>
    /// The tests' one socket relay: listens on a unix socket or on 127.0.0.1 (a free port) and forwards every connection
    /// to a unix socket or a loopback port, at full speed or at a limited rate (so a pull or push stays in flight long
    /// enough for a test to stop or kill something in the middle). Counts the connections and the bytes it moved.
    /// </summary>
    public sealed class SocketRelay : IDisposable
    {
        private readonly Socket _listener;
        private readonly EndPoint _target;
        private readonly int _bytesPerSecond;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _connections;
        private long _transferred;

        private SocketRelay(EndPoint listen, EndPoint target, int bytesPerSecond)
        {
            _target = target;
            _bytesPerSecond = bytesPerSecond;
            _listener = new Socket(listen.AddressFamily, SocketType.Stream, listen is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp);
            _listener.Bind(listen);
            _listener.Listen(64);
            Port = _listener.LocalEndPoint is IPEndPoint ip ? ip.Port : 0;
            _ = Task.Run(AcceptLoop);
        }

        /// <summary>A unix socket at <paramref name="path"/> forwarded to the unix socket <paramref name="target"/>.</summary>
        public static SocketRelay UnixToUnix(string path, string target) =>
            new SocketRelay(new UnixDomainSocketEndPoint(path), new UnixDomainSocketEndPoint(target), 0);

        /// <summary>127.0.0.1:&lt;free port&gt; forwarded to the unix socket <paramref name="target"/>: an engine on plain tcp.</summary>
        public static SocketRelay TcpToUnix(string target) =>
            new SocketRelay(new IPEndPoint(IPAddress.Loopback, 0), new UnixDomainSocketEndPoint(target), 0);

        /// <summary>127.0.0.1:&lt;free port&gt; forwarded to another loopback port, at most about <paramref name="bytesPerSecond"/> each way.</summary>
        public static SocketRelay TcpToTcp(int targetPort, int bytesPerSecond) =>
            new SocketRelay(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, targetPort), bytesPerSecond);

        /// <summary>The loopback port it listens on (0 for a unix socket).</summary>
        public int Port { get; }

        /// <summary>host:port to use in image references.</summary>
        public string Address => "127.0.0.1:" + Port;

        public int Connections => Volatile.Read(ref _connections);

        /// <summary>Bytes forwarded so far, both directions.</summary>
        public long Transferred => Interlocked.Read(ref _transferred);

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }

                Interlocked.Increment(ref _connections);
                _ = Task.Run(() => Serve(client));
            }
        }

        private async Task Serve(Socket client)
        {
            using (client)
            using (var upstream = new Socket(_target.AddressFamily, SocketType.Stream, _target is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp))
            {
                try
                {
                    await upstream.ConnectAsync(_target, _stop.Token).ConfigureAwait(false);
                    using var a = new NetworkStream(client, ownsSocket: false);
                    using var b = new NetworkStream(upstream, ownsSocket: false);
                    await Task.WhenAll(Pump(a, b, upstream), Pump(b, a, client)).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A side closed or the relay stopped: this pair ends, the others go on.
                }
            }
        }

        private async Task Pump(NetworkStream from, NetworkStream to, Socket toSocket)
        {
            // Rate-limited: 10 slices a second of bytesPerSecond/10 each.
            var buffer = new byte[_bytesPerSecond > 0 ? Math.Max(1024, _bytesPerSecond / 10) : 81920];
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
                Interlocked.Add(ref _transferred, read);
                if (_bytesPerSecond > 0 && read >= 1024)
                {
                    await Task.Delay(100, _stop.Token).ConfigureAwait(false);
                }
            }

            // The sender is done: pass the half-close on, so a request body's end reaches the other side.
            try
            {
                toSocket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception)
            {
            }
        }

        public void Dispose()
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            _listener.Dispose();
        }
    }
}
