using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>
    /// A runspace (InitialSessionState.CreateDefault2) with the built module imported from out/, as a user gets it.
    /// Before the first import it loads Docker.DotNet 3.125.15 into this process, so every test also proves that
    /// DockerPS keeps its own Docker.DotNet apart from another module's.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly StringWriter _hostText = new StringWriter();
        private readonly Runspace _runspace;
        private readonly object _lock = new object();

        public PowerShellSession()
        {
            OtherDockerDotNet = PreloadOtherDockerDotNet();
            var iss = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows())
            {
                iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Unrestricted;
            }

            _runspace = RunspaceFactory.CreateRunspace(new TextHost(_hostText), iss);
            _runspace.Open();
            Run($"Import-Module '{Paths.ManifestForScript}' -ErrorAction Stop").AssertClean();
        }

        /// <summary>The Docker.DotNet assembly the test process loaded before DockerPS.</summary>
        public System.Reflection.Assembly OtherDockerDotNet { get; }

        internal static System.Reflection.Assembly PreloadOtherDockerDotNet()
        {
            // Touch a type so the runtime really loads the assembly into the default context.
            var config = new Docker.DotNet.DockerClientConfiguration(new Uri("unix:///var/run/docker.sock"));
            config.Dispose();
            return typeof(Docker.DotNet.DockerClient).Assembly;
        }

        /// <summary>Runs script text; $args-style values can be passed as variables.</summary>
        public PsResult Run(string script, IDictionary<string, object?>? variables = null)
        {
            lock (_lock)
            {
                var result = new PsResult();
                using PowerShell ps = PowerShell.Create();
                ps.Runspace = _runspace;
                if (variables != null)
                {
                    foreach (var v in variables)
                    {
                        _runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
                    }
                }

                _hostText.GetStringBuilder().Clear();
                ps.AddScript(script);
                try
                {
                    foreach (PSObject o in ps.Invoke())
                    {
                        if (o != null)
                        {
                            result.Output.Add(o);
                        }
                    }
                }
                catch (RuntimeException e)
                {
                    result.Terminating = e.ErrorRecord;
                }

                result.Errors.AddRange(ps.Streams.Error);
                result.Progress.AddRange(ps.Streams.Progress);
                result.Verbose.AddRange(ps.Streams.Verbose.Select(v => v.Message));
                result.Warnings.AddRange(ps.Streams.Warning.Select(w => w.Message));
                result.HostText = _hostText.ToString();
                return result;
            }
        }

        /// <summary>
        /// Starts <paramref name="script"/>, presses Ctrl+C (PowerShell.Stop) after <paramref name="stopAfter"/>, and
        /// returns how long the stop took to end the pipeline, and what the script left in its streams.
        /// </summary>
        public (TimeSpan StopTook, PsResult Result, bool Stopped) RunAndStop(string script, TimeSpan stopAfter)
        {
            lock (_lock)
            {
                var result = new PsResult();
                using PowerShell ps = PowerShell.Create();
                ps.Runspace = _runspace;
                ps.AddScript(script);
                var output = new PSDataCollection<PSObject>();
                IAsyncResult handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
                Thread.Sleep(stopAfter);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                ps.Stop();
                bool stopped = false;
                try
                {
                    ps.EndInvoke(handle);
                }
                catch (PipelineStoppedException)
                {
                    stopped = true;
                }

                watch.Stop();
                result.Output.AddRange(output);
                result.Errors.AddRange(ps.Streams.Error);
                return (watch.Elapsed, result, stopped || ps.InvocationStateInfo.State == PSInvocationState.Stopped);
            }
        }

        /// <summary>
        /// Like <see cref="RunAndStop"/>, but presses Ctrl+C as soon as <paramref name="when"/> holds (polled every
        /// 20 ms; at the latest after <paramref name="max"/>). Also returns whether the script ended on its own first.
        /// </summary>
        public (TimeSpan StopTook, PsResult Result, bool Stopped, bool EndedFirst) RunAndStopWhen(string script, Func<bool> when, TimeSpan max,
            IDictionary<string, object?>? variables = null)
        {
            lock (_lock)
            {
                var result = new PsResult();
                using PowerShell ps = PowerShell.Create();
                ps.Runspace = _runspace;
                foreach (var v in variables ?? new Dictionary<string, object?>())
                {
                    _runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
                }

                ps.AddScript(script);
                var output = new PSDataCollection<PSObject>();
                IAsyncResult handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
                var deadline = System.Diagnostics.Stopwatch.StartNew();
                while (!handle.IsCompleted && !when() && deadline.Elapsed < max)
                {
                    Thread.Sleep(20);
                }

                bool endedFirst = handle.IsCompleted;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                ps.Stop();
                bool stopped = false;
                try
                {
                    ps.EndInvoke(handle);
                }
                catch (PipelineStoppedException)
                {
                    stopped = true;
                }
                catch (RuntimeException e)
                {
                    result.Terminating = e.ErrorRecord;
                }

                watch.Stop();
                result.Output.AddRange(output);
                result.Errors.AddRange(ps.Streams.Error);
                return (watch.Elapsed, result, stopped || ps.InvocationStateInfo.State == PSInvocationState.Stopped, endedFirst);
            }
        }

        public void Dispose()
        {
            _runspace.Dispose();
        }
    }
}
