using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
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
        private readonly string? _nativeDir;
        private readonly Assembly _shared;
        private readonly string _frameworkDir;

        private EngineLoadContext(string dependencyDir, Assembly shared)
            : base("DockerPS.Engine", isCollectible: false)
        {
            _dependencyDir = dependencyDir;
            _nativeDir = NativeDirectory(dependencyDir);
            _shared = shared;
            _frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        }

        /// <summary>Loads DockerPS.Engine.dll from <paramref name="dependencyDir"/> into a new private context.</summary>
        /// <param name="dependencyDir">The module's Dependencies folder.</param>
        /// <param name="shared">DockerPS.dll as PowerShell loaded it: the engine must see the same interface types.</param>
        public static Assembly LoadEngine(string dependencyDir, Assembly shared)
        {
            var context = new EngineLoadContext(dependencyDir, shared);
            return context.LoadFromAssemblyPath(context.Locate("DockerPS.Engine.dll")!);
        }

        /// <summary>
        /// The folder of ReadyToRun copies compiled for exactly this runtime (e.g. net10.0-linux-x64), if the module has
        /// one: the runtime ignores native code made for another major version, OS or architecture, so only a match is
        /// worth loading. Those copies start faster (no JIT of the adapter on a session's first call).
        /// </summary>
        private static string? NativeDirectory(string dependencyDir)
        {
            string dir = Path.Combine(dependencyDir, $"net{Environment.Version.Major}.0-{RuntimeInformation.RuntimeIdentifier}");
            return Directory.Exists(dir) ? dir : null;
        }

        private string? Locate(string fileName)
        {
            if (_nativeDir != null)
            {
                string native = Path.Combine(_nativeDir, fileName);
                if (File.Exists(native))
                {
                    return native;
                }
            }

            string candidate = Path.Combine(_dependencyDir, fileName);
            return File.Exists(candidate) ? candidate : null;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (string.Equals(assemblyName.Name, _shared.GetName().Name, StringComparison.OrdinalIgnoreCase))
            {
                return _shared;
            }

            // Framework assemblies (System.Memory, System.Text.Json, ...) come from the runtime when its copy is new
            // enough: a second copy of those would split types such as Span<T> between contexts. When the adapter
            // needs a newer one than the runtime has (System.Text.Json 9 on .NET 8, i.e. PowerShell 7.4), the
            // runtime cannot serve it at all, so the copy in Dependencies/ is loaded here; no DockerPS type carries
            // its types across the context boundary.
            string fileName = assemblyName.Name + ".dll";
            string framework = Path.Combine(_frameworkDir, fileName);
            if (File.Exists(framework) && (assemblyName.Version == null || AssemblyName.GetAssemblyName(framework).Version >= assemblyName.Version))
            {
                return null;
            }

            string? path = Locate(fileName);
            return path != null ? LoadFromAssemblyPath(path) : null;
        }
    }
}
