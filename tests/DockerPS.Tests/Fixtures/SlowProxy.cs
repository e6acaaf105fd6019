using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>
    /// A TCP proxy on 127.0.0.1 that forwards to another loopback port at a limited rate, so a pull or push through
    /// it stays in flight long enough for a test to stop or kill something in the middle. Counts the bytes it moved.
    /// </summary>
    public sealed class SlowProxy : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly int _target;
        private readonly int _bytesPerSecond;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private long _transferred;

        public SlowProxy(int targetPort, int bytesPerSecond)
        {
            _target = targetPort;
            _bytesPerSecond = bytesPerSecond;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptLoop);
        }

        public int Port { get; }

        /// <summary>host:port to use in image references.</summary>
        public string Address => "127.0.0.1:" + Port;

        /// <summary>Bytes forwarded so far, both directions.</summary>
        public long Transferred => Interlocked.Read(ref _transferred);

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }

                _ = Task.Run(() => Serve(client));
            }
        }

        private async Task Serve(TcpClient client)
        {
            using (client)
            using (var upstream = new TcpClient())
            {
                try
                {
                    await upstream.ConnectAsync(IPAddress.Loopback, _target, _stop.Token).ConfigureAwait(false);
                    NetworkStream a = client.GetStream(), b = upstream.GetStream();
                    await Task.WhenAny(Pump(a, b), Pump(b, a)).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A side closed or the proxy stopped.
                }
            }
        }

        private async Task Pump(NetworkStream from, NetworkStream to)
        {
            // 10 slices a second of bytesPerSecond/10 each.
            var buffer = new byte[Math.Max(1024, _bytesPerSecond / 10)];
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
                Interlocked.Add(ref _transferred, read);
                if (read >= 1024)
                {
                    await Task.Delay(100, _stop.Token).ConfigureAwait(false);
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
