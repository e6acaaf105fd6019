using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>What one script run produced.</summary>
    public sealed class PsResult
    {
        public List<PSObject> Output { get; } = new List<PSObject>();

        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();

        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();

        public List<string> Verbose { get; } = new List<string>();

        public List<string> Warnings { get; } = new List<string>();

        /// <summary>The terminating error, if the script ended with one.</summary>
        public ErrorRecord? Terminating { get; set; }

        /// <summary>What the host showed (Out-Default renders format views here).</summary>
        public string HostText { get; set; } = string.Empty;

        public T Single<T>() => Assert.IsType<T>(Assert.Single(Output).BaseObject);

        public List<T> All<T>() => Output.Select(o => Assert.IsType<T>(o.BaseObject)).ToList();

        /// <summary>Fails with every error's text when the run was not clean.</summary>
        public PsResult AssertClean()
        {
            var problems = Errors.Select(e => e.FullyQualifiedErrorId + ": " + e).ToList();
            if (Terminating != null)
            {
                problems.Add("terminating " + Terminating.FullyQualifiedErrorId + ": " + Terminating);
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            return this;
        }
    }
}
