using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine
{
    /// <summary>
    /// The async bridge against an "engine" that accepts connections and never answers: Ctrl+C ends the command at
    /// once, and without Ctrl+C the connect timeout turns the hang into a clear error.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class StopAndTimeoutTests : IDisposable
    {
        private readonly PowerShellSession _ps;
        private readonly TcpListener _silent = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _done = new CancellationTokenSource();

        public StopAndTimeoutTests(EngineFixture engine)
        {
            _ps = engine.Session;
            _silent.Start();
            // Accept and hold every connection, reading nothing back: a hung engine.
            _ = Task.Run(async () =>
            {
                var held = new System.Collections.Generic.List<TcpClient>();
                try
                {
                    while (!_done.IsCancellationRequested)
                    {
                        held.Add(await _silent.AcceptTcpClientAsync(_done.Token));
                    }
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    held.ForEach(c => c.Dispose());
                }
            });
        }

        private string Address => "tcp://127.0.0.1:" + ((IPEndPoint)_silent.LocalEndpoint).Port;

        [Fact]
        public void CtrlCEndsAHungCallWithinASecond()
        {
            var (took, result, stopped) = _ps.RunAndStop($"Get-Container -Host '{Address}'", TimeSpan.FromMilliseconds(500));
            Assert.True(stopped, "the pipeline did not report a stop");
            Assert.True(took < TimeSpan.FromSeconds(1), "stop took " + took);
            Assert.Empty(result.Errors);

            // The session is still usable afterwards.
            Assert.Single(_ps.Run("'still here'").AssertClean().Output);
        }

        [Fact]
        public void AHungEngineTimesOutWithAConnectionError()
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            // Reads write an unreachable engine as a non-terminating error; -ErrorAction Stop makes it catchable.
            PsResult r = _ps.Run($"try {{ Get-DockerVersion -Host '{Address}' -ErrorAction Stop }} catch {{ $_ }}");
            watch.Stop();
            var e = Assert.IsType<ErrorRecord>(Assert.Single(r.Output).BaseObject);
            Assert.Equal("EngineTimeout,DockerPS.Commands.Engine.GetDockerVersionCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
            Assert.Contains(Address, e.ToString());
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(20));
        }

        public void Dispose()
        {
            _done.Cancel();
            _silent.Stop();
        }
    }
}
