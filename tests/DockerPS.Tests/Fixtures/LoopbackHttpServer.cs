using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>A small HTTP server on 127.0.0.1 that answers each path with fixed bytes (404 otherwise) and counts the requests.</summary>
    public sealed class LoopbackHttpServer : IDisposable
    {
        private readonly HttpListener _http = new HttpListener();
        private readonly ConcurrentDictionary<string, byte[]> _files = new ConcurrentDictionary<string, byte[]>();
        private readonly Task _loop;
        private int _requests;

        public LoopbackHttpServer()
        {
            // HttpListener cannot take port 0: borrow a free port from the kernel first.
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _http.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _http.Start();
            _loop = Task.Run(Serve);
        }

        public int Port { get; }

        /// <summary>How many requests came in so far.</summary>
        public int Requests => Volatile.Read(ref _requests);

        public string Url(string path) => $"http://127.0.0.1:{Port}/{path.TrimStart('/')}";

        public void Serve(string path, byte[] body) => _files["/" + path.TrimStart('/')] = body;

        private void Serve()
        {
            while (_http.IsListening)
            {
                HttpListenerContext c;
                try
                {
                    c = _http.GetContext();
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;
                }

                Interlocked.Increment(ref _requests);
                try
                {
                    if (_files.TryGetValue(c.Request.Url!.AbsolutePath, out byte[]? body))
                    {
                        c.Response.ContentType = "application/octet-stream";
                        c.Response.ContentLength64 = body.Length;
                        c.Response.OutputStream.Write(body, 0, body.Length);
                    }
                    else
                    {
                        c.Response.StatusCode = 404;
                    }

                    c.Response.Close();
                }
                catch (HttpListenerException)
                {
                    // The client went away; the next request is served as usual.
                }
            }
        }

        public void Dispose()
        {
            _http.Stop();
            _loop.Wait(TimeSpan.FromSeconds(10));
            _http.Close();
        }
    }
}
