using System;
using System.Linq;
using System.Runtime.Loader;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Module
{
    /// <summary>
    /// design.md §2: another module's Docker.DotNet (here 3.125.15, loaded first into the default context) and
    /// DockerPS's own (Enhanced 4.3, in its private load context) live side by side.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class IsolationTests
    {
        private readonly EngineFixture _engine;

        public IsolationTests(EngineFixture engine) => _engine = engine;

        [Fact]
        public void DockerPSWorksNextToAnotherDockerDotNet()
        {
            var other = _engine.Session.OtherDockerDotNet;
            Assert.Equal(3, other.GetName().Version!.Major);
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(other));

            string name = _engine.NewName("iso");
            _engine.CreateContainer(name);
            var listed = _engine.Session.Run("Get-Container -Name $n", new System.Collections.Generic.Dictionary<string, object?> { ["n"] = name }).AssertClean();
            Assert.Single(listed.Output);

            var dockerDotNets = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "Docker.DotNet").ToList();
            var ours = Assert.Single(dockerDotNets, a => a.GetName().Version!.Major == 4);
            AssemblyLoadContext ourContext = AssemblyLoadContext.GetLoadContext(ours)!;
            Assert.Equal("DockerPS.Engine", ourContext.Name);
            Assert.StartsWith(Paths.ModuleDirectory, ours.Location);
            Assert.Contains(dockerDotNets, a => a == other);

            // The cmdlet assembly itself is PowerShell's, in the default context, loaded from the module folder.
            var cmdlets = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "DockerPS");
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(cmdlets));
            Assert.Equal(System.IO.Path.Combine(Paths.ModuleDirectory, "DockerPS.dll"), cmdlets.Location);
        }
    }
}
