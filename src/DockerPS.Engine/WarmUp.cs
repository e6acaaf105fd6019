using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;

namespace DockerPS.Engine
{
    /// <summary>
    /// Runs the first-call path once against a stand-in engine inside this process (a loopback listener that answers
    /// /version and /containers/json with canned JSON), so the JIT work of the HTTP handler, the JSON models and the
    /// adapter is done in the background after Import-Module instead of in the user's first command. The benchmark
    /// found that first call at ~100 ms, almost all of it JIT. Nothing leaves the process; no real engine is contacted.
    /// </summary>
    internal static class WarmUp
    {
        private const string Version =
            "{\"Version\":\"0.0.0\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\",\"Arch\":\"amd64\",\"KernelVersion\":\"0\"," +
            "\"GitCommit\":\"0\",\"GoVersion\":\"go\",\"BuildTime\":\"2020-01-01T00:00:00.000000000+00:00\",\"Components\":[]}";

        private const string Containers =
            "[{\"Id\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"Names\":[\"/warm\"],\"Image\":\"warm:1\"," +
            "\"ImageID\":\"sha256:00\",\"Command\":\"true\",\"Created\":1600000000,\"Ports\":[{\"PrivatePort\":80,\"Type\":\"tcp\"}]," +
            "\"Labels\":{\"a\":\"b\"},\"State\":\"exited\",\"Status\":\"Exited (0) 1 second ago\",\"HostConfig\":{\"NetworkMode\":\"none\"}," +
            "\"NetworkSettings\":{\"Networks\":{}},\"Mounts\":[]}]";

        internal static async Task RunAsync(DockerEngineFactory factory)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                Task serve = ServeAsync(listener, stop.Token);
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var endpoint = new EngineEndpoint(new Uri("tcp://127.0.0.1:" + port), "warm-up");
                IDockerEngine engine = await factory.ConnectAsync(endpoint, TimeSpan.FromSeconds(5), stop.Token).ConfigureAwait(false);
                await engine.ListContainersAsync(new ContainerListQuery { All = true }, stop.Token).ConfigureAwait(false);
                (engine as IDisposable)?.Dispose();
            }
            finally
            {
                stop.Cancel();
                listener.Stop();
            }
        }

        private static async Task ServeAsync(TcpListener listener, CancellationToken token)
        {
            while (!token.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return; // stopped
                }

                _ = Task.Run(() => AnswerAsync(client), CancellationToken.None);
            }
        }

        private static async Task AnswerAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    NetworkStream stream = client.GetStream();
                    var head = new StringBuilder();
                    var buffer = new byte[4096];
                    while (head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0)
                    {
                        int n = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                        if (n == 0)
                        {
                            return;
                        }

                        head.Append(Encoding.ASCII.GetString(buffer, 0, n));
                    }

                    string requestLine = head.ToString().Split('\n')[0];
                    string body = requestLine.Contains("/containers/json") ? Containers : requestLine.Contains("/version") ? Version : "{\"message\":\"warm-up\"}";
                    int status = body.StartsWith("{\"message\"", StringComparison.Ordinal) ? 404 : 200;
                    byte[] payload = Encoding.UTF8.GetBytes(body);
                    byte[] header = Encoding.ASCII.GetBytes(
                        $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Not Found")}\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(header, 0, header.Length).ConfigureAwait(false);
                    await stream.WriteAsync(payload, 0, payload.Length).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A warm-up: whatever fails here, the real first call still works, only slower.
                }
            }
        }
    }
}
