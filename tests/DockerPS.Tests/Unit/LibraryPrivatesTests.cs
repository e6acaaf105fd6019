using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Unit
{
    /// <summary>
    /// The adapter reaches into Docker.DotNet where the library has no public way (RawApi: the client's HttpClient,
    /// base Uri and stream hijacker; the multiplexing flag of MultiplexedStream; the client's JSON serializer). This
    /// checks those members in the Docker.DotNet that ships in the module's Dependencies folder, loaded apart from the
    /// tests' own copy, so a library update that renames them fails here and not on a user's machine.
    /// </summary>
    public sealed class LibraryPrivatesTests
    {
        private static Assembly ShippedDockerDotNet(AssemblyLoadContext context)
        {
            string dependencies = Path.Combine(Paths.ModuleDirectory, "Dependencies");
            context.Resolving += (c, name) =>
            {
                string file = Path.Combine(dependencies, name.Name + ".dll");
                return File.Exists(file) ? c.LoadFromAssemblyPath(file) : null;
            };
            return context.LoadFromAssemblyPath(Path.Combine(dependencies, "Docker.DotNet.dll"));
        }

        [Fact]
        public void TheMembersTheAdapterReadsByReflectionAreThere()
        {
            var context = new AssemblyLoadContext("docker-dotnet-privates", isCollectible: true);
            try
            {
                Assembly library = ShippedDockerDotNet(context);
                Type client = library.GetType("Docker.DotNet.DockerClient", throwOnError: true)!;
                FieldInfo[] fields = client.GetFields(BindingFlags.Instance | BindingFlags.NonPublic);
                Assert.Contains(fields, f => f.FieldType.FullName == typeof(HttpClient).FullName);
                Assert.Contains(fields, f => f.FieldType == typeof(Uri));
                Assert.Contains(fields, f => f.FieldType.FullName == "Docker.DotNet.Handler.Abstractions.IStreamHijacker");

                Type multiplexed = library.GetType("Docker.DotNet.MultiplexedStream", throwOnError: true)!;
                FieldInfo? flag = multiplexed.GetField("_multiplexed", BindingFlags.Instance | BindingFlags.NonPublic);
                Assert.NotNull(flag);
                Assert.Equal(typeof(bool).FullName, flag!.FieldType.FullName);

                Type? serializer = library.GetType("Docker.DotNet.JsonSerializer");
                Assert.NotNull(serializer);
                Assert.NotNull(serializer!.GetProperty("Instance", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic));
                Assert.Contains(serializer.GetMethods(), m => m.Name == "Serialize" && m.GetParameters().Select(p => p.ParameterType.FullName).SequenceEqual(new[] { typeof(object).FullName, typeof(Type).FullName }));
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
