using System;
using System.Collections.Generic;
using System.IO;

namespace DockerPS.Tests.Swarm
{
    /// <summary>A stack test's scratch: a folder for its compose files, and the stacks it deployed, removed at the end.</summary>
    internal sealed class StackScratch : IDisposable
    {
        private readonly SwarmFixture _swarm;
        private readonly string _prefix;
        private readonly List<string> _stacks = new List<string>();

        public StackScratch(SwarmFixture swarm, string prefix)
        {
            _swarm = swarm;
            _prefix = prefix;
            Dir = Path.Combine(swarm.Dir, "stack" + prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            Directory.CreateDirectory(Dir);
        }

        public string Dir { get; }

        /// <summary>A stack name of this run (underscores: docker stack names take no dashes in service names).</summary>
        public string NewStack()
        {
            string s = _swarm.NewName(_prefix).Replace("-", "_");
            _stacks.Add(s);
            return s;
        }

        public string Write(string name, string text)
        {
            string path = Path.Combine(Dir, name);
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose()
        {
            foreach (string s in _stacks)
            {
                _swarm.Session.Run("Remove-SwarmStack $s -ErrorAction SilentlyContinue", _swarm.Vars(("s", s)));
            }
        }
    }
}
