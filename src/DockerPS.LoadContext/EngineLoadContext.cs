using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace DockerPS.LoadContext
{
    /// <summary>
    /// Loads DockerPS.Engine and its third-party closure (Docker.DotNet, BouncyCastle, ...) from Dependencies/,
    /// so another module's Docker.DotNet of any version can live in the same session.
    /// </summary>
    public sealed class EngineLoadContext : AssemblyLoadContext
    {
        private readonly string _dependencyDir;
        private readonly Assembly _shared;
        private readonly string _frameworkDir;

        private EngineLoadContext(string dependencyDir, Assembly shared)
            : base("DockerPS.Engine", isCollectible: false)
        {
            _dependencyDir = dependencyDir;
            _shared = shared;
            _frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        }

        /// <summary>Loads DockerPS.Engine.dll from <paramref name="dependencyDir"/> into a new private context.</summary>
        /// <param name="dependencyDir">The module's Dependencies folder.</param>
        /// <param name="shared">DockerPS.dll as PowerShell loaded it: the engine must see the same interface types.</param>
        public static Assembly LoadEngine(string dependencyDir, Assembly shared)
        {
            var context = new EngineLoadContext(dependencyDir, shared);
            return context.LoadFromAssemblyPath(Path.Combine(dependencyDir, "DockerPS.Engine.dll"));
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (string.Equals(assemblyName.Name, _shared.GetName().Name, StringComparison.OrdinalIgnoreCase))
            {
                return _shared;
            }

            // Framework assemblies (System.Text.Json, System.Memory, ...) come from the runtime: a second copy of
            // those would split types such as Span<T> between contexts.
            string fileName = assemblyName.Name + ".dll";
            if (File.Exists(Path.Combine(_frameworkDir, fileName)))
            {
                return null;
            }

            string candidate = Path.Combine(_dependencyDir, fileName);
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
