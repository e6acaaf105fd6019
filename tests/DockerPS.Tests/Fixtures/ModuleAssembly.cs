using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>
    /// The tests compile against DockerPS.dll without copying it; this resolves it from the laid-out module, so unit
    /// tests, engine tests and the imported module all share the one assembly that ships.
    /// </summary>
    internal static class ModuleAssembly
    {
        [ModuleInitializer]
        internal static void Register() =>
            AssemblyLoadContext.Default.Resolving += (context, name) =>
                name.Name == "DockerPS" ? context.LoadFromAssemblyPath(Path.Combine(Paths.ModuleDirectory, "DockerPS.dll")) : null;
    }
}
