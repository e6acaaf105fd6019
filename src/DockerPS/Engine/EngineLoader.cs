using System;
using System.IO;
using System.Reflection;

namespace DockerPS.Engine
{
    /// <summary>
    /// Finds the engine adapter in Dependencies/ and creates its factory. On PowerShell 7 the adapter goes into a
    /// private AssemblyLoadContext; on Windows PowerShell 5.1 (no load contexts) an AssemblyResolve handler serves
    /// its dependencies from the same folder, whatever version is asked for, since 5.1 has no binding redirects.
    /// </summary>
    internal static class EngineLoader
    {
        private const string EngineFactoryType = "DockerPS.Engine.DockerEngineFactory";
        private static readonly object s_lock = new object();
        private static IDockerEngineFactory? s_factory;
        private static bool s_resolveHooked;

        internal static string DependencyDirectory
        {
            get
            {
                string root = Path.GetDirectoryName(typeof(EngineLoader).Assembly.Location) ?? ".";
                return Path.Combine(root, "Dependencies");
            }
        }

        internal static IDockerEngineFactory Factory
        {
            get
            {
                lock (s_lock)
                {
                    return s_factory ??= CreateFactory();
                }
            }
        }

        /// <summary>
        /// Puts another factory in front of the adapter's, for the tests' fake engine (it answers its own addresses and
        /// hands every other one to the adapter). Engines already connected stay in <see cref="EngineCache"/>.
        /// </summary>
        internal static void Wrap(Func<IDockerEngineFactory, IDockerEngineFactory> wrap)
        {
            lock (s_lock)
            {
                s_factory = wrap(s_factory ?? CreateFactory());
            }
        }

        private static IDockerEngineFactory CreateFactory()
        {
            string dir = DependencyDirectory;
            Assembly engine = IsCore ? LoadIntoPrivateContext(dir) : LoadWithResolveHandler(dir);
            Type type = engine.GetType(EngineFactoryType, throwOnError: true)!;
            return (IDockerEngineFactory)Activator.CreateInstance(type)!;
        }

        private static bool IsCore =>
            typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext") != null;

        private static Assembly LoadIntoPrivateContext(string dir)
        {
            Assembly loader = Assembly.LoadFrom(Path.Combine(dir, "DockerPS.LoadContext.dll"));
            MethodInfo load = loader.GetType("DockerPS.LoadContext.EngineLoadContext", throwOnError: true)!
                .GetMethod("LoadEngine", BindingFlags.Public | BindingFlags.Static)!;
            return (Assembly)load.Invoke(null, new object[] { dir, typeof(EngineLoader).Assembly })!;
        }

        private static Assembly LoadWithResolveHandler(string dir)
        {
            if (!s_resolveHooked)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
                s_resolveHooked = true;
            }

            return Assembly.LoadFrom(Path.Combine(dir, "DockerPS.Engine.dll"));
        }

        private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
        {
            // Act only for our own assemblies' requests, so other modules keep their own resolution.
            string? requester = args.RequestingAssembly?.Location;
            if (requester == null || !requester.StartsWith(Path.GetDirectoryName(typeof(EngineLoader).Assembly.Location)!, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var name = new AssemblyName(args.Name);
            if (string.Equals(name.Name, typeof(EngineLoader).Assembly.GetName().Name, StringComparison.OrdinalIgnoreCase))
            {
                return typeof(EngineLoader).Assembly;
            }

            string candidate = Path.Combine(DependencyDirectory, name.Name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
