using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Compose;
using DockerPS.Connection;
using DockerPS.Engine;

namespace DockerPS.Tests.Fakes
{
    /// <summary>
    /// Sits in front of the adapter's factory (EngineLoader.Wrap): each fake engine has an address of its own under
    /// .invalid, which no real engine has, and every other address goes to the adapter as before.
    /// </summary>
    internal sealed class FakeEngineFactory : IDockerEngineFactory
    {
        private static readonly ConcurrentDictionary<string, FakeEngine> s_fakes = new ConcurrentDictionary<string, FakeEngine>(StringComparer.Ordinal);
        private static readonly object s_lock = new object();
        private static bool s_installed;
        private readonly IDockerEngineFactory _real;

        private FakeEngineFactory(IDockerEngineFactory real) => _real = real;

        public IYamlCodec Yaml => _real.Yaml;

        /// <summary>A new fake engine and the -Host address that reaches it.</summary>
        public static (string Address, FakeEngine Engine) New()
        {
            lock (s_lock)
            {
                if (!s_installed)
                {
                    EngineLoader.Wrap(real => new FakeEngineFactory(real));
                    s_installed = true;
                }
            }

            string address = "tcp://fake-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".invalid:2375";
            var fake = (FakeEngine)(object)DispatchProxy.Create<IDockerEngine, FakeEngine>();
            s_fakes[address] = fake;
            return (address, fake);
        }

        public Task<IDockerEngine> ConnectAsync(EngineEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
        {
            if (s_fakes.TryGetValue(endpoint.Address, out FakeEngine? fake))
            {
                fake.Endpoint = endpoint;
                return Task.FromResult((IDockerEngine)(object)fake);
            }

            return _real.ConnectAsync(endpoint, connectTimeout, cancellationToken);
        }
    }
}
