using System;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerPS.Engine;

namespace DockerPS
{
    /// <summary>
    /// On Import-Module, loads the engine adapter and warms its first-call path on a background thread (see
    /// DockerPS.Engine's WarmUp: an in-process stand-in engine, no network), so the user's first command does not pay
    /// ~100 ms of JIT. Import-Module itself does not wait for it. DOCKERPS_NO_WARMUP=1 turns it off.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        /// <summary>Called by PowerShell when the module is imported.</summary>
        public void OnImport()
        {
            if (Environment.GetEnvironmentVariable("DOCKERPS_NO_WARMUP") == "1")
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await EngineLoader.Factory.WarmUpAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Only a speed-up: a failure here changes nothing for the commands.
                }
            });
        }
    }
}
