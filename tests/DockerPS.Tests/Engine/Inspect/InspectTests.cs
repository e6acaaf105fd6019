using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Inspect
{
    /// <summary>Get-ContainerProcess, Get-ContainerStatistic, Get-ContainerChange, Export-Container, Get-DockerEvent, Enter-Container.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class InspectTests
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public InspectTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        private void Exec(string id, params string[] cmd)
        {
            var exec = _engine.Client.Exec.ExecCreateContainerAsync(id, new Docker.DotNet.Models.ContainerExecCreateParameters { Cmd = cmd }).GetAwaiter().GetResult();
            _engine.Client.Exec.StartContainerExecAsync(exec.ID).GetAwaiter().GetResult();
            for (int i = 0; i < 100 && _engine.Client.Exec.InspectContainerExecAsync(exec.ID).GetAwaiter().GetResult().Running; i++)
            {
                System.Threading.Thread.Sleep(20);
            }

            System.Threading.Thread.Sleep(100);
        }

        [SkippableFact]
        public void ProcessesOfAContainer()
        {
            Skip.If(_engine.IsPodman, "Podman: GET /containers/{id}/top returns 200 with an empty body");
            string name = _engine.NewName("top");
            _engine.CreateContainer(name, new List<string> { "sleep", "301" }, start: true);
            List<ContainerProcess> ps = _ps.Run("Get-ContainerProcess $n", Vars(("n", name))).AssertClean().All<ContainerProcess>();
            var p = Assert.Single(ps);
            Assert.Equal("sleep 301", p.Command);
            Assert.True(p.Pid > 0);
            Assert.Equal("root", p.User);
            Assert.Equal(name, p.ContainerName);
            Assert.Contains("PID", p.Fields.Keys);

            PsResult stopped = _ps.Run("Get-ContainerProcess $n", Vars(("n", _engine.CreateExitedContainer(_engine.NewName("topx")))));
            Assert.Equal("ContainerNotRunning,DockerPS.Commands.Container.GetContainerProcessCommand", Assert.Single(stopped.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void OneStatisticSamplePerContainer()
        {
            string a = _engine.NewName("stat");
            string b = _engine.NewName("stat");
            _engine.CreateContainer(a, start: true);
            _engine.CreateContainer(b, start: true);
            List<ContainerStatistic> s = _ps.Run("Get-ContainerStatistic $a, $b", Vars(("a", a), ("b", b))).AssertClean().All<ContainerStatistic>();
            Assert.Equal(new[] { a, b }, s.Select(x => x.ContainerName));
            Assert.All(s, x =>
            {
                Assert.True(x.MemoryUsage > 0);
                Assert.True(x.MemoryLimit > 0);
                Assert.Equal(1, x.Pids);
                Assert.InRange(x.Time, DateTime.Now.AddMinutes(-1), DateTime.Now.AddMinutes(1));
            });
        }

        [SkippableFact]
        public void StatisticStreamRunsUntilCtrlC()
        {
            Skip.If(_engine.IsPodman, "Podman: the stats stream of several containers does not deliver samples the way dockerd does");
            string a = _engine.NewName("stats");
            string b = _engine.NewName("stats");
            _engine.CreateContainer(a, start: true);
            _engine.CreateContainer(b, start: true);
            var (took, result, stopped) = _ps.RunAndStop($"Get-ContainerStatistic '{a}', '{b}' -Stream", TimeSpan.FromSeconds(3.5));
            Assert.True(stopped);
            Assert.True(took < TimeSpan.FromSeconds(1), "stop took " + took);
            Assert.Empty(result.Errors);
            var names = result.Output.Select(o => ((ContainerStatistic)o.BaseObject).ContainerName).ToList();
            Assert.True(names.Count(n => n == a) >= 2 && names.Count(n => n == b) >= 2, string.Join(",", names));
        }

        [Fact]
        public void ChangesOfAContainerFileSystem()
        {
            string name = _engine.NewName("diff");
            string id = _engine.CreateContainer(name, start: true);
            Exec(id, "sh", "-c", "touch /tmp/added && rm /etc/group");
            List<ContainerChange> changes = _ps.Run("Get-ContainerChange $n", Vars(("n", name))).AssertClean().All<ContainerChange>();
            Assert.Contains(changes, c => c.Path == "/tmp/added" && c.Kind == ContainerChangeKind.Added);
            Assert.Contains(changes, c => c.Path == "/etc/group" && c.Kind == ContainerChangeKind.Deleted);
            Assert.Contains(changes, c => c.Path == "/tmp" && c.Kind == ContainerChangeKind.Modified);
            Assert.Equal("A /tmp/added", changes.First(c => c.Path == "/tmp/added").ToString());
            var added = _ps.Run("Get-ContainerChange $n -Kind Added | ForEach-Object Path", Vars(("n", name))).AssertClean();
            Assert.Equal("/tmp/added", Assert.Single(added.Output).BaseObject);
        }

        [Fact]
        public void ExportWritesTheFileSystemAtomically()
        {
            string name = _engine.NewName("export");
            string id = _engine.CreateContainer(name, start: true);
            Exec(id, "sh", "-c", "echo known-content > /tmp/known.txt");
            string dir = Directory.CreateTempSubdirectory("dps-export-").FullName;
            try
            {
                string tarPath = Path.Combine(dir, "fs.tar");
                var file = _ps.Run("Export-Container $n -Path $p", Vars(("n", name), ("p", tarPath))).AssertClean().Single<FileInfo>();
                Assert.Equal(tarPath, file.FullName);
                string? content = null;
                using (var reader = new TarReader(File.OpenRead(tarPath)))
                {
                    TarEntry? e;
                    while ((e = reader.GetNextEntry()) != null)
                    {
                        if (e.Name.TrimStart('.', '/') == "tmp/known.txt")
                        {
                            content = new StreamReader(e.DataStream!).ReadToEnd();
                        }
                    }
                }

                Assert.Equal("known-content\n", content);

                PsResult again = _ps.Run("Export-Container $n -Path $p", Vars(("n", name), ("p", tarPath)));
                Assert.Equal("FileExists,DockerPS.Commands.Container.ExportContainerCommand", Assert.Single(again.Errors).FullyQualifiedErrorId);
                _ps.Run("Export-Container $n -Path $p -Force", Vars(("n", name), ("p", tarPath))).AssertClean();
                Assert.Equal(new[] { "fs.tar" }, Directory.GetFiles(dir).Select(Path.GetFileName));

                PsResult missing = _ps.Run("Export-Container $n -Path $p", Vars(("n", _engine.NewName("nope")), ("p", Path.Combine(dir, "x.tar"))));
                Assert.Equal("ContainerNotFound,DockerPS.Commands.Container.ExportContainerCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
                Assert.Equal(new[] { "fs.tar" }, Directory.GetFiles(dir).Select(Path.GetFileName));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkippableFact]
        public void EventsOfAContainerStartedByTheTest()
        {
            DateTime since = DateTime.Now.AddSeconds(-1);
            string name = _engine.NewName("events");
            _engine.CreateContainer(name, start: true);
            List<DockerEvent> events = _ps.Run("Get-DockerEvent -Since $s -Container $n -Type container", Vars(("s", since), ("n", name))).AssertClean().All<DockerEvent>();
            // Podman reports an init between create and start (observed); both engines give create, then start.
            Assert.Equal(new[] { "create", "start" }, events.Select(e => e.Action).Where(a => !(_engine.IsPodman && a == "init")).Take(2));
            Assert.All(events, e =>
            {
                Assert.Equal(name, e.Name);
                Assert.Equal("container", e.Type);
                Assert.Equal(_engine.Endpoint, e.Engine);
            });

            PsResult byEvent = _ps.Run("Get-DockerEvent -Since $s -Container $n -Event start | ForEach-Object Action", Vars(("s", since), ("n", name))).AssertClean();
            Assert.Equal("start", Assert.Single(byEvent.Output).BaseObject);
            PsResult byLabel = _ps.Run("Get-DockerEvent -Since 1m -Label \"dockerps.test=$r\" -Event create | ForEach-Object Name", Vars(("r", _engine.RunId))).AssertClean();
            Assert.Contains(name, byLabel.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public void FollowSeesNewEventsAndStopsOnCtrlC()
        {
            string name = _engine.NewName("evfollow");
            var t = new System.Threading.Thread(() =>
            {
                System.Threading.Thread.Sleep(1000);
                _engine.CreateContainer(name, start: true);
            });
            t.Start();
            var (took, result, stopped) = _ps.RunAndStop($"Get-DockerEvent -Follow -Container '{name}'", TimeSpan.FromSeconds(3));
            t.Join();
            Assert.True(stopped);
            Assert.True(took < TimeSpan.FromSeconds(1), "stop took " + took);
            Assert.Empty(result.Errors);
            Assert.Contains(result.Output, o => ((DockerEvent)o.BaseObject).Action == "start");
        }

        [Fact]
        public void EnterContainerNeedsAnInteractiveConsole()
        {
            string name = _engine.NewName("enter");
            _engine.CreateContainer(name, start: true);
            PsResult r = _ps.Run("Enter-Container $n", Vars(("n", name)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("InteractiveConsoleRequired,DockerPS.Commands.Container.EnterContainerCommand", e.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidOperation, e.CategoryInfo.Category);
        }
    }
}
