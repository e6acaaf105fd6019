using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Inspect
{
    [Collection(EngineCollection.Name)]
    public sealed class CopyContainerItemTests : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("dps-copy-").FullName;

        public CopyContainerItemTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        private string Running()
        {
            string name = _engine.NewName("cp");
            _engine.CreateContainer(name, start: true);
            return name;
        }

        private string[] InContainer(string name, string script) =>
            _ps.Run("(Invoke-ContainerCommand $n sh, -c, $s).StdoutLines", Vars(("n", name), ("s", script))).AssertClean().Output.Select(o => (string)o.BaseObject).ToArray();

        [Fact]
        public void AFolderTreeRoundTripsWithPermissions()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            string src = Path.Combine(_dir, "tree");
            Directory.CreateDirectory(Path.Combine(src, "sub", "deeper"));
            File.WriteAllText(Path.Combine(src, "readme.txt"), "hello ü\n");
            File.WriteAllText(Path.Combine(src, "run.sh"), "#!/bin/sh\necho run\n");
            File.WriteAllBytes(Path.Combine(src, "sub", "deeper", "blob.bin"), Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray());
            File.WriteAllText(Path.Combine(src, "sub", "secret"), "s");
            File.SetUnixFileMode(Path.Combine(src, "run.sh"), (UnixFileMode)Convert.ToInt32("755", 8));
            File.SetUnixFileMode(Path.Combine(src, "sub", "secret"), (UnixFileMode)Convert.ToInt32("600", 8));
            File.SetUnixFileMode(Path.Combine(src, "sub"), (UnixFileMode)Convert.ToInt32("750", 8));
            string name = Running();

            _ps.Run("Copy-ContainerItem -Path $p -Destination \"${n}:/tmp/\"", Vars(("p", src), ("n", name))).AssertClean();

            Assert.Equal(new[] { "600 /tmp/tree/sub/secret", "644 /tmp/tree/readme.txt", "755 /tmp/tree/run.sh", "750 /tmp/tree/sub" },
                InContainer(name, "stat -c '%a %n' /tmp/tree/sub/secret /tmp/tree/readme.txt /tmp/tree/run.sh /tmp/tree/sub"));
            Assert.Equal(new[] { "run" }, InContainer(name, "/tmp/tree/run.sh"));
            Assert.Equal(new[] { "300000" }, InContainer(name, "wc -c < /tmp/tree/sub/deeper/blob.bin"));

            string back = Path.Combine(_dir, "back");
            var passthru = _ps.Run("Copy-ContainerItem \"${n}:/tmp/tree\" $b -PassThru", Vars(("n", name), ("b", back))).AssertClean().Single<DirectoryInfo>();
            Assert.Equal(back, passthru.FullName);
            foreach (string rel in new[] { "readme.txt", "run.sh", "sub/secret", "sub/deeper/blob.bin" })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(src, rel)), File.ReadAllBytes(Path.Combine(back, rel)));
                Assert.Equal(File.GetUnixFileMode(Path.Combine(src, rel)), File.GetUnixFileMode(Path.Combine(back, rel)));
            }

            Assert.Equal(File.GetUnixFileMode(Path.Combine(src, "sub")), File.GetUnixFileMode(Path.Combine(back, "sub")));
        }

        [Fact]
        public void FilesCopyLikeDockerCp()
        {
            string name = Running();
            string local = Path.Combine(_dir, "note.txt");
            File.WriteAllText(local, "note\n");

            // Into an existing folder keeps the name; to a new path renames.
            _ps.Run("Copy-ContainerItem $l \"${n}:/tmp\"; Copy-ContainerItem $l \"${n}:/tmp/renamed.txt\"", Vars(("l", local), ("n", name))).AssertClean();
            Assert.Equal(new[] { "note", "note" }, InContainer(name, "cat /tmp/note.txt /tmp/renamed.txt"));

            string hosts = Path.Combine(_dir, "hosts-copy");
            var info = _ps.Run("Copy-ContainerItem -Path \"${n}:/etc/passwd\" -Destination $d -PassThru", Vars(("n", name), ("d", hosts))).AssertClean().Single<FileInfo>();
            Assert.StartsWith("root:x:0:0", File.ReadAllText(info.FullName));
            _ps.Run("Copy-ContainerItem \"${n}:/etc/group\" $d", Vars(("n", name), ("d", _dir))).AssertClean();
            Assert.True(File.Exists(Path.Combine(_dir, "group")));

            var pathInfo = _ps.Run("Copy-ContainerItem $l \"${n}:/root/\" -PassThru", Vars(("l", local), ("n", name))).AssertClean().Single<ContainerPathInfo>();
            Assert.Equal("note.txt", pathInfo.Name);
            Assert.Equal(5, pathInfo.Size);
        }

        [Fact]
        public void BadPathsAreClearErrors()
        {
            string name = Running();
            string local = Path.Combine(_dir, "x.txt");
            File.WriteAllText(local, "x");

            PsResult neither = _ps.Run("Copy-ContainerItem $a $b", Vars(("a", local), ("b", Path.Combine(_dir, "y"))));
            Assert.Equal("InvalidCopyPath,DockerPS.Commands.Container.CopyContainerItemCommand", Assert.Single(neither.Errors).FullyQualifiedErrorId);

            PsResult noSource = _ps.Run("Copy-ContainerItem \"${n}:/does/not/exist\" $b", Vars(("n", name), ("b", _dir)));
            var e = Assert.Single(noSource.Errors);
            Assert.Equal("ContainerPathNotFound,DockerPS.Commands.Container.CopyContainerItemCommand", e.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);

            PsResult noLocal = _ps.Run("Copy-ContainerItem $a \"${n}:/tmp/\"", Vars(("a", Path.Combine(_dir, "missing")), ("n", name)));
            Assert.Equal("PathNotFound,DockerPS.Commands.Container.CopyContainerItemCommand", Assert.Single(noLocal.Errors).FullyQualifiedErrorId);

            PsResult noContainer = _ps.Run("Copy-ContainerItem $a \"${n}:/tmp/\"", Vars(("a", local), ("n", _engine.NewName("gone"))));
            Assert.Equal("ContainerNotFound,DockerPS.Commands.Container.CopyContainerItemCommand", Assert.Single(noContainer.Errors).FullyQualifiedErrorId);

            PsResult whatIf = _ps.Run("Copy-ContainerItem $a \"${n}:/tmp/whatif.txt\" -WhatIf", Vars(("a", local), ("n", name))).AssertClean();
            Assert.Equal(new[] { "1" }, InContainer(name, "test -e /tmp/whatif.txt; echo $?"));
        }

        public void Dispose() => Directory.Delete(_dir, true);
    }
}
