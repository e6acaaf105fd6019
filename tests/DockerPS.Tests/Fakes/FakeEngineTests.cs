using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Fakes
{
    /// <summary>
    /// Cmdlets against the fake engine: what they ask of the engine, -WhatIf, and the ErrorId each engine answer
    /// becomes — with the words dockerd uses and the words Podman 4.3 uses for the same failure (both taken from
    /// the engines here), which must give the same ErrorId, category and target. Milliseconds, no engine.
    /// </summary>
    [Collection(ModuleCollection.Name)]
    public sealed class FakeEngineTests
    {
        private readonly PowerShellSession _ps;

        public FakeEngineTests(PowerShellSession ps) => _ps = ps;

        private PsResult Run(string address, string command) =>
            _ps.Run(command + " -Host $h", new Dictionary<string, object?> { ["h"] = address });

        public static TheoryData<string, string, int, string, string, ErrorCategory, string> Failures() => new TheoryData<string, string, int, string, string, ErrorCategory, string>
        {
            // command, failing call, status, engine words, ErrorId, category, target
            { "Stop-Container web", "StopContainer", 404, "No such container: web", "ContainerNotFound", ErrorCategory.ObjectNotFound, "web" },
            { "Stop-Container web", "StopContainer", 404, "no container with name or ID \"web\" found: no such container", "ContainerNotFound", ErrorCategory.ObjectNotFound, "web" },
            { "Remove-Container web", "RemoveContainer", 409, "You cannot remove a running container 4f1e. Stop the container before attempting removal or force remove", "ContainerIsRunning", ErrorCategory.ResourceUnavailable, "web" },
            { "Remove-Container web", "RemoveContainer", 409, "cannot remove container 4f1e as it is running - running or paused containers cannot be removed without force: container state improper", "ContainerIsRunning", ErrorCategory.ResourceUnavailable, "web" },
            { "Remove-Image app:1", "RemoveImage", 409, "conflict: unable to remove repository reference \"app:1\" (must force) - container 4f1e is using its referenced image 9a8b", "ImageInUse", ErrorCategory.ResourceUnavailable, "app:1" },
            { "Remove-Image app:1", "RemoveImage", 409, "image used by 4f1e: image is in use by a container: consider listing external containers and force-removing image", "ImageInUse", ErrorCategory.ResourceUnavailable, "app:1" },
            { "Remove-Image app:1", "RemoveImage", 404, "No such image: app:1", "ImageNotFound", ErrorCategory.ObjectNotFound, "app:1" },
            { "Remove-Image app:1", "RemoveImage", 404, "app:1: image not known", "ImageNotFound", ErrorCategory.ObjectNotFound, "app:1" },
            { "Remove-ContainerNetwork n1", "RemoveNetwork", 403, "error while removing network: network n1 id 77aa has active endpoints", "NetworkInUse", ErrorCategory.ResourceUnavailable, "n1" },
            { "Remove-ContainerNetwork n1", "RemoveNetwork", 500, "\"n1\" has associated containers with it. Use -f to forcibly delete containers and pods: network is being used", "NetworkInUse", ErrorCategory.ResourceUnavailable, "n1" },
            { "New-Container -Image app:1 -Name web -Pull never", "CreateContainer", 404, "No such image: app:1", "ImageNotFound", ErrorCategory.ObjectNotFound, "app:1" },
            { "New-Container -Image app:1 -Name web -Pull never", "CreateContainer", 409, "Conflict. The container name \"/web\" is already in use by container \"4f1e\". You have to remove (or rename) that container to be able to reuse that name.", "ContainerNameInUse", ErrorCategory.ResourceExists, "web" },
        };

        [Theory]
        [MemberData(nameof(Failures))]
        public void AnEngineAnswerBecomesOneErrorWithTheSameIdWhateverItsWords(string command, string call, int status, string words, string errorId, ErrorCategory category, string target)
        {
            var (address, fake) = FakeEngineFactory.New();
            fake.Fail(call, status, words);
            PsResult r = Run(address, command);
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal(errorId, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(category, e.CategoryInfo.Category);
            Assert.Equal(target, e.TargetObject?.ToString());
            Assert.Contains(words, e.Exception.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Remove-Container web, db -WhatIf")]
        [InlineData("Stop-Container web -WhatIf")]
        [InlineData("Remove-Image app:1 -WhatIf")]
        [InlineData("Remove-ContainerNetwork n1 -WhatIf")]
        [InlineData("Remove-ContainerVolume v1 -WhatIf")]
        public void WhatIfAsksTheEngineToChangeNothing(string command)
        {
            var (address, fake) = FakeEngineFactory.New();
            PsResult r = Run(address, command).AssertClean();
            Assert.DoesNotContain(fake.Called, c => c.StartsWith("Remove", StringComparison.Ordinal) || c.StartsWith("Stop", StringComparison.Ordinal));
        }

        [Fact]
        public void OneFailedItemDoesNotStopTheOthersAndEachIsAskedOnce()
        {
            var (address, fake) = FakeEngineFactory.New();
            fake.On("RemoveContainer", args => (string)args[0]! == "db"
                ? throw new Errors.DockerEngineException(404, "No such container: db", address)
                : null);
            PsResult r = Run(address, "Remove-Container web, db, cache");
            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal("db", e.TargetObject);
            Assert.Equal(new[] { "cache", "db", "web" }, fake.Calls.Where(c => c.Method == "RemoveContainer").Select(c => (string)c.Args[0]!).OrderBy(x => x));
        }

        [Fact]
        public void ChangesStayInsideTheirWindowAndWriteOutcomesInTheOrderTheItemsCame()
        {
            var (address, fake) = FakeEngineFactory.New();
            int inFlight = 0, most = 0;
            fake.On("RemoveContainer", args =>
            {
                int now = Interlocked.Increment(ref inFlight);
                int seen;
                while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen)
                {
                }

                string name = (string)args[0]!;
                Thread.Sleep(name == "c0" ? 300 : 20); // the first item ends last
                Interlocked.Decrement(ref inFlight);
                throw new Errors.DockerEngineException(404, "No such container: " + name, address);
            });
            PsResult r = Run(address, "Remove-Container (0..11 | ForEach-Object { \"c$_\" }) -ThrottleLimit 3");
            Assert.Equal(Enumerable.Range(0, 12).Select(i => "c" + i), r.Errors.Select(e => (string)e.TargetObject));
            Assert.InRange(most, 1, 3);
        }

        [Fact]
        public void ANameListedOnTheEngineIsMatchedByWildcardAndNothingElseIsAsked()
        {
            var (address, fake) = FakeEngineFactory.New();
            fake.On("ListContainers", _ => (IReadOnlyList<DockerContainer>)new[]
            {
                new DockerContainer { Id = new string('a', 64), Name = "web-1", Names = new[] { "web-1" }, State = "running" },
                new DockerContainer { Id = new string('b', 64), Name = "db-1", Names = new[] { "db-1" }, State = "exited" },
            });
            PsResult r = Run(address, "Get-Container web* -All").AssertClean();
            Assert.Equal(new[] { "web-1" }, r.Output.Select(o => ((DockerContainer)o.BaseObject).Name));
            Assert.All(fake.Called, c => Assert.Equal("ListContainers", c));
        }
    }
}
