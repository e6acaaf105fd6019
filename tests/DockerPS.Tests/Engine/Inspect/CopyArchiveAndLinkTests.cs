using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Inspect
{
    /// <summary>
    /// The rest of docker cp, each against the docker CLI on the same engine with the same input: owners (-a /
    /// -Archive), following links (-L / -FollowLink) and tar archives to and from files and the process's standard
    /// streams (docker cp's "-" / -AsTar). The trees each leaves are compared: names, types, modes, owners, times,
    /// checksums and link targets; the tars entry by entry.
    /// </summary>
    [Collection(EngineCollection.Name)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class CopyArchiveAndLinkTests : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("dps-cpa-").FullName;

        public CopyArchiveAndLinkTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private static (int Code, string Output) Docker(params string[] arguments) => Run("docker", null, arguments);

        /// <summary>Runs a program; <paramref name="stdin"/> (a file) is fed to its standard input.</summary>
        private static (int Code, string Output) Run(string program, string? stdin, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin != null };
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            using Process p = Process.Start(start)!;
            if (stdin != null)
            {
                using (FileStream f = File.OpenRead(stdin))
                {
                    f.CopyTo(p.StandardInput.BaseStream);
                }

                p.StandardInput.Close();
            }

            var stderr = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd() + stderr.GetAwaiter().GetResult();
            p.WaitForExit();
            return (p.ExitCode, output);
        }

        /// <summary>A program's standard output, byte for byte, written to <paramref name="file"/>.</summary>
        private static (int Code, string Errors) RunToFile(string program, string file, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            using Process p = Process.Start(start)!;
            var stderr = p.StandardError.ReadToEndAsync();
            using (FileStream f = File.Create(file))
            {
                p.StandardOutput.BaseStream.CopyTo(f);
            }

            p.WaitForExit();
            return (p.ExitCode, stderr.GetAwaiter().GetResult());
        }

        /// <summary>The pwsh users run (the pinned one the build links into out/tools, or the one on PATH).</summary>
        private static string Pwsh
        {
            get
            {
                string pinned = Path.Combine(Paths.RepoRoot, "out", "tools", "pwsh");
                return File.Exists(pinned) ? pinned : "pwsh";
            }
        }

        /// <summary>pwsh -Command with the module imported and the engine this suite uses.</summary>
        private static string[] PwshCommand(string script) =>
            new[] { "-NoProfile", "-NonInteractive", "-Command", $"Import-Module '{Paths.ManifestForScript}'; $ErrorActionPreference = 'Stop'; {script}" };

        private string Exec(string container, string script)
        {
            var (code, output) = Docker("exec", container, "sh", "-c", script);
            Assert.True(code == 0, output);
            return output;
        }

        private string Container(Action<Docker.DotNet.Models.CreateContainerParameters>? configure = null)
        {
            string name = _engine.NewName("cpa");
            _engine.CreateContainer(name, start: true, configure: configure);
            return name;
        }

        /// <summary>Every item under <paramref name="root"/> in the container: name, mode, owner, type, time, size; and checksums.</summary>
        private List<string> ContainerManifest(string container, string root)
        {
            string stat = Exec(container, $"cd '{root}' && find . ! -name . -exec stat -c '%n %a %u:%g %F %Y %s %N' {{}} + && find . -type f -exec busybox sha256sum {{}} +");
            var lines = stat.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Replace("'" + root.TrimEnd('/') + "/", "'"))
                .ToList();
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }

        /// <summary>Every item under <paramref name="root"/> here: name, type, mode, owner, time, checksum or link target.</summary>
        private static List<string> HostManifest(string root)
        {
            var lines = new List<string>();
            foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
            {
                var info = new FileInfo(path);
                bool link = info.LinkTarget != null;
                bool dir = !link && Directory.Exists(path);
                string rel = Path.GetRelativePath(root, path);
                string what = link ? "-> " + info.LinkTarget : dir ? "dir" : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
                string mode = link ? "link" : Convert.ToString((int)File.GetUnixFileMode(path), 8);
                string time = link ? "-" : File.GetLastWriteTimeUtc(path).ToString("s");
                lines.Add($"{rel} {mode} {Owner(path)} {time} {what}");
            }

            lines.Sort(StringComparer.Ordinal);
            return lines;
        }

        private static string Owner(string path)
        {
            var (code, output) = Run("stat", null, "-c", "%u:%g", path);
            Assert.True(code == 0, output);
            return output.Trim();
        }

        /// <summary>A tar's entries: name, type, mode, owner, size, link target, time and data checksum.</summary>
        private static List<string> TarEntries(string file)
        {
            var lines = new List<string>();
            using FileStream f = File.OpenRead(file);
            using var reader = new TarReader(f);
            TarEntry? e;
            while ((e = reader.GetNextEntry()) != null)
            {
                string data = "-";
                if (e.DataStream != null)
                {
                    data = Convert.ToHexString(SHA256.HashData(e.DataStream));
                }

                lines.Add($"{e.Name} {e.EntryType} {Convert.ToString((int)e.Mode, 8)} {e.Uid}:{e.Gid} {e.Length} {e.LinkName} {e.ModificationTime.ToUnixTimeSeconds()} {data}");
            }

            return lines;
        }

        private static void Chown(string path, int uid, int gid)
        {
            var (code, output) = Run("chown", null, "-h", $"{uid}:{gid}", path);
            Assert.True(code == 0, output);
        }

        /// <summary>A local tree with files and folders of several owners (the tests run as root), a link and modes.</summary>
        private string HostTree()
        {
            string src = Path.Combine(_dir, "src");
            Directory.CreateDirectory(Path.Combine(src, "sub"));
            File.WriteAllText(Path.Combine(src, "f.txt"), "f\n");
            File.WriteAllText(Path.Combine(src, "sub", "g.txt"), "g\n");
            File.CreateSymbolicLink(Path.Combine(src, "link"), "f.txt");
            File.SetUnixFileMode(Path.Combine(src, "sub", "g.txt"), (UnixFileMode)Convert.ToInt32("640", 8));
            Chown(src, 1234, 5678);
            Chown(Path.Combine(src, "f.txt"), 1234, 5678);
            Chown(Path.Combine(src, "sub"), 2000, 2001);
            Chown(Path.Combine(src, "sub", "g.txt"), 3000, 3001);
            Chown(Path.Combine(src, "link"), 4321, 8765);
            return src;
        }

        [Theory]
        [InlineData(false, "")]
        [InlineData(true, "")]
        [InlineData(true, "0")]
        public void IntoAContainerOwnersAreDockerCps(bool archive, string user)
        {
            // docker cp keeps the local owners (its tar carries them and the engine keeps them); with -a the engine gives
            // everything the container's user instead, where the container has one.
            string container = Container(user.Length == 0 ? null : p => p.User = user);
            string src = HostTree();
            Exec(container, "mkdir -p /w /d");

            var (code, output) = archive ? Docker("cp", "-a", src, container + ":/w/") : Docker("cp", src, container + ":/w/");
            Assert.True(code == 0, output);
            _ps.Run("Copy-ContainerItem -Path $s -Destination $d -Archive:$a", _engine.Vars(("s", src), ("d", container + ":/d/"), ("a", archive))).AssertClean();

            List<string> ours = ContainerManifest(container, "/d");
            Assert.Equal(ContainerManifest(container, "/w"), ours);

            // Podman 4.3 (observed): with copyUIDGID and no Config.User it gives the files root, the container's default
            // user, where dockerd keeps the archive's ids. docker cp against Podman does the same, as compared above.
            bool containerUser = user == "0" || (archive && _engine.IsPodman);
            Assert.Contains(ours, l => l.StartsWith("./src/sub/g.txt 640 " + (containerUser ? "0:0" : "3000:3001") + " ", StringComparison.Ordinal));
        }

        [Fact]
        public void OutOfAContainerTheOwnerIsWhoCopiesWithOrWithoutArchive()
        {
            // docker cp -a out of a container does not chown (its extraction runs with NoLchown): the files belong to the
            // user who copies, here root, whatever the tar says.
            string container = Container();
            Exec(container, "mkdir -p /o/d && echo x > /o/d/x && ln -s x /o/d/lx && chown -R 2222:3333 /o/d && chown -h 4444:5555 /o/d/lx");
            string witness = Path.Combine(_dir, "w");
            string ours = Path.Combine(_dir, "d");
            Directory.CreateDirectory(witness);
            Directory.CreateDirectory(ours);

            var (code, output) = Docker("cp", "-a", container + ":/o/d", witness + "/");
            Assert.True(code == 0, output);
            _ps.Run("Copy-ContainerItem -Path $s -Destination $d -Archive", _engine.Vars(("s", container + ":/o/d"), ("d", ours + "/"))).AssertClean();

            Assert.Equal(HostManifest(witness), HostManifest(ours));
            Assert.Equal("0:0", Owner(Path.Combine(ours, "d", "x")));
        }

        [Theory]
        [InlineData("l1")]
        [InlineData("chain")]
        [InlineData("ld")]
        [InlineData("abs")]
        [InlineData("ld/")]
        public void FollowLinkOutOfAContainerLikeDockerCp(string link)
        {
            string container = Container();
            Exec(container, "mkdir -p /L/d && echo t > /L/f && chmod 600 /L/f && ln -s f /L/l1 && ln -s l1 /L/chain && ln -s d /L/ld"
                + " && echo in > /L/d/in && ln -s /L/d /L/abs && touch -d '2010-01-01 00:00:00' /L/f /L/d/in /L/d");
            string witness = Path.Combine(_dir, "w");
            string ours = Path.Combine(_dir, "d");
            Directory.CreateDirectory(witness);
            Directory.CreateDirectory(ours);

            var (code, output) = Docker("cp", "-L", container + ":/L/" + link, witness + "/");
            Assert.True(code == 0, output);
            _ps.Run("Copy-ContainerItem -Path $s -Destination $d -FollowLink", _engine.Vars(("s", container + ":/L/" + link), ("d", ours + "/"))).AssertClean();

            List<string> result = HostManifest(ours);
            Assert.Equal(HostManifest(witness), result);
            Assert.DoesNotContain(result, l => l.Contains(" link ", StringComparison.Ordinal));

            // Without -FollowLink the link itself is copied, as docker cp does. Podman 4.3's archive API (observed) sends
            // what a link at the path points to, so there the copy is of the target either way.
            if (!link.EndsWith('/') && !_engine.IsPodman)
            {
                string plain = Path.Combine(_dir, "p");
                Directory.CreateDirectory(plain);
                _ps.Run("Copy-ContainerItem -Path $s -Destination $d", _engine.Vars(("s", container + ":/L/" + link), ("d", plain + "/"))).AssertClean();
                Assert.NotNull(new FileInfo(Path.Combine(plain, link)).LinkTarget);
            }
        }

        [Theory]
        [InlineData("dang", "LinkTargetNotFound", true)]
        [InlineData("loop", "LinkLoop", true)]
        [InlineData("loop", "LinkLoop", false)]
        public void BrokenLinksInAContainerAreSpecificErrors(string link, string errorId, bool follow)
        {
            string container = Container();
            Exec(container, "mkdir -p /L && ln -s missing /L/dang && ln -s loop /L/loop");
            string ours = Path.Combine(_dir, "d");
            Directory.CreateDirectory(ours);

            // docker cp fails on both too (with -L a dangling link's target is not found; the engine refuses a loop).
            var (code, _) = follow ? Docker("cp", "-L", container + ":/L/" + link, Path.Combine(_dir, "w")) : Docker("cp", container + ":/L/" + link, Path.Combine(_dir, "w"));
            Assert.NotEqual(0, code);
            PsResult r = _ps.Run("Copy-ContainerItem -Path $s -Destination $d -FollowLink:$f", _engine.Vars(("s", container + ":/L/" + link), ("d", ours), ("f", follow)));

            // Podman 4.3 (observed) follows a link at the path when it stats it: a dangling one is simply not there.
            if (_engine.IsPodman && link == "dang")
            {
                errorId = "ContainerPathNotFound";
            }

            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal(errorId + ",DockerPS.Commands.Container.CopyContainerItemCommand", e.FullyQualifiedErrorId);
            Assert.Equal(container + ":/L/" + link, e.TargetObject);
            Assert.Empty(Directory.GetFileSystemEntries(ours));
        }

        [Theory]
        [InlineData("lf")]
        [InlineData("chain")]
        [InlineData("ldir")]
        [InlineData("ldir/")]
        public void FollowLinkIntoAContainerLikeDockerCp(string link)
        {
            string container = Container();
            string tree = HostTree();
            File.CreateSymbolicLink(Path.Combine(_dir, "lf"), Path.Combine(tree, "f.txt"));
            File.CreateSymbolicLink(Path.Combine(_dir, "chain"), "lf");
            Directory.CreateSymbolicLink(Path.Combine(_dir, "ldir"), "src");
            Exec(container, "mkdir -p /w /d");

            var (code, output) = Docker("cp", "-L", Path.Combine(_dir, link), container + ":/w/");
            Assert.True(code == 0, output);
            _ps.Run("Copy-ContainerItem -Path $s -Destination $d -FollowLink", _engine.Vars(("s", Path.Combine(_dir, link)), ("d", container + ":/d/"))).AssertClean();

            List<string> ours = ContainerManifest(container, "/d");
            Assert.Equal(ContainerManifest(container, "/w"), ours);
            Assert.Contains(ours, l => l.StartsWith("./" + link.TrimEnd('/') + " ", StringComparison.Ordinal) && !l.Contains("symbolic link", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("dang", "LinkTargetNotFound")]
        [InlineData("loop", "LinkLoop")]
        public void BrokenLocalLinksAreSpecificErrors(string link, string errorId)
        {
            string container = Container();
            File.CreateSymbolicLink(Path.Combine(_dir, "dang"), "missing");
            File.CreateSymbolicLink(Path.Combine(_dir, "loop"), "loop");
            Exec(container, "mkdir -p /w /d");

            var (code, _) = Docker("cp", "-L", Path.Combine(_dir, link), container + ":/w/");
            Assert.NotEqual(0, code);
            PsResult r = _ps.Run("Copy-ContainerItem -Path $s -Destination $d -FollowLink", _engine.Vars(("s", Path.Combine(_dir, link)), ("d", container + ":/d/")));

            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal(errorId + ",DockerPS.Commands.Container.CopyContainerItemCommand", e.FullyQualifiedErrorId);
            Assert.Equal(Path.Combine(_dir, link), e.TargetObject);
            Assert.Empty(ContainerManifest(container, "/d"));
        }

        private string ContainerWithTree()
        {
            string container = Container();
            Exec(container, "mkdir -p /src/a && echo top > /src/top.txt && echo f > /src/a/f.txt && ln -s top.txt /src/link && chmod 750 /src/a"
                + " && chown -R 2222:3333 /src/a && touch -d '2010-01-01 00:00:00' /src/top.txt /src/a/f.txt");
            return container;
        }

        [Theory]
        [InlineData("/src")]
        [InlineData("/src/top.txt")]
        [InlineData("/src/.")]
        public void AsTarWritesTheArchiveDockerCpWritesToStandardOutput(string path)
        {
            string container = ContainerWithTree();
            string witness = Path.Combine(_dir, "w.tar");
            string ours = Path.Combine(_dir, "d.tar");
            File.WriteAllText(ours, "an older file that the tar replaces");

            var (code, errors) = RunToFile("docker", witness, "cp", container + ":" + path, "-");
            Assert.True(code == 0, errors);
            var info = _ps.Run("Copy-ContainerItem -Path $s -Destination $d -AsTar -PassThru", _engine.Vars(("s", container + ":" + path), ("d", ours))).AssertClean().Single<FileInfo>();

            Assert.Equal(ours, info.FullName);
            Assert.NotEmpty(TarEntries(ours));
            Assert.Equal(TarEntries(witness), TarEntries(ours));
            Assert.Equal(new[] { "d.tar", "w.tar" }, Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order().ToArray());
        }

        [Fact]
        public void DashWritesTheTarToTheProcesssStandardOutputLikeDockerCp()
        {
            string container = ContainerWithTree();
            string witness = Path.Combine(_dir, "w.tar");
            string ours = Path.Combine(_dir, "d.tar");

            var (code, errors) = RunToFile("docker", witness, "cp", container + ":/src", "-");
            Assert.True(code == 0, errors);
            (code, errors) = RunToFile(Pwsh, ours, PwshCommand($"$env:DOCKER_HOST = '{EngineHost}'; Copy-ContainerItem {container}:/src -"));
            Assert.True(code == 0, errors);

            Assert.Equal(TarEntries(witness), TarEntries(ours));
        }

        /// <summary>The engine the suite talks to, for a child pwsh (DOCKER_HOST, else the default socket).</summary>
        private static string EngineHost => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } h ? h : "unix:///var/run/docker.sock";

        [Theory]
        [InlineData(false, false)]
        [InlineData(true, false)]
        [InlineData(false, true)]
        public void ATarIntoAContainerLikeDockerCpFromStandardInput(bool fromStdin, bool archive)
        {
            string container = ContainerWithTree();
            string tar = Path.Combine(_dir, "in.tar");
            var (code, errors) = RunToFile("docker", tar, "cp", container + ":/src", "-");
            Assert.True(code == 0, errors);
            Exec(container, "mkdir -p /w /d");

            var (dc, doutput) = Run("docker", tar, archive ? new[] { "cp", "-a", "-", container + ":/w" } : new[] { "cp", "-", container + ":/w" });
            Assert.True(dc == 0, doutput);
            if (fromStdin)
            {
                var (pc, poutput) = Run(Pwsh, tar, PwshCommand($"$env:DOCKER_HOST = '{EngineHost}'; Copy-ContainerItem - {container}:/d"));
                Assert.True(pc == 0, poutput);
            }
            else
            {
                var info = _ps.Run("Copy-ContainerItem -Path $s -Destination $d -AsTar -PassThru -Archive:$a", _engine.Vars(("s", tar), ("d", container + ":/d"), ("a", archive)))
                    .AssertClean().Single<DockerPS.Models.ContainerPathInfo>();
                Assert.True(info.IsDirectory);
            }

            List<string> ours = ContainerManifest(container, "/d");
            Assert.Equal(ContainerManifest(container, "/w"), ours);

            // The archive's owners are kept (Podman names folders without the trailing /, and -a gives root there).
            string owner = TarEntries(tar).Single(l => l.StartsWith("src/a/ ", StringComparison.Ordinal) || l.StartsWith("src/a ", StringComparison.Ordinal)).Split(' ')[3];
            if (!_engine.IsPodman)
            {
                // Podman 4.3's archives (observed: docker cp - of them leaves 0:0, while it keeps the ids of other tars)
                // carry 0:0.
                Assert.Equal("2222:3333", owner);
            }

            Assert.Contains(ours, l => l.StartsWith("./src/a 750 " + (archive && _engine.IsPodman ? "0:0" : owner) + " ", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("text", "/d", "NotATarArchive")]
        [InlineData("truncated", "/d", "NotATarArchive")]
        [InlineData("folder", "/d", "NotATarArchive")]
        [InlineData("missing", "/d", "PathNotFound")]
        [InlineData("tar", "/nowhere", "DestinationFolderNotFound")]
        [InlineData("tar", "/d/file", "DestinationNotAFolder")]
        public void ATarThatCannotGoInWritesNothing(string source, string destination, string errorId)
        {
            string container = ContainerWithTree();
            string tar = Path.Combine(_dir, "in.tar");
            var (code, errors) = RunToFile("docker", tar, "cp", container + ":/src", "-");
            Assert.True(code == 0, errors);
            Exec(container, "mkdir -p /d && echo old > /d/file");
            string path = source switch
            {
                "text" => Path.Combine(_dir, "notes.txt"),
                "truncated" => Path.Combine(_dir, "cut.tar"),
                "folder" => _dir,
                "missing" => Path.Combine(_dir, "missing.tar"),
                _ => tar,
            };
            File.WriteAllText(Path.Combine(_dir, "notes.txt"), "hello, not a tar\n");
            File.WriteAllBytes(Path.Combine(_dir, "cut.tar"), File.ReadAllBytes(tar).Take(2000).ToArray());

            PsResult r = _ps.Run("Copy-ContainerItem -Path $s -Destination $d -AsTar", _engine.Vars(("s", path), ("d", container + ":" + destination)));

            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal(errorId + ",DockerPS.Commands.Container.CopyContainerItemCommand", e.FullyQualifiedErrorId);
            Assert.Equal(destination == "/d" ? path : container + ":" + destination, e.TargetObject);
            // Only the file that was there: its stat line and its checksum.
            List<string> after = ContainerManifest(container, "/d");
            Assert.Equal(2, after.Count);
            Assert.All(after, l => Assert.Contains("./file", l, StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("/missing", "file", "ContainerPathNotFound")]
        [InlineData("/src", "folder", "ArchiveDestinationIsAFolder")]
        [InlineData("/src", "nofolder", "DestinationFolderNotFound")]
        public void ATarThatCannotBeWrittenLeavesNoFile(string path, string destination, string errorId)
        {
            string container = ContainerWithTree();
            string target = destination switch
            {
                "folder" => _dir,
                "nofolder" => Path.Combine(_dir, "no", "x.tar"),
                _ => Path.Combine(_dir, "x.tar"),
            };

            PsResult r = _ps.Run("Copy-ContainerItem -Path $s -Destination $d -AsTar", _engine.Vars(("s", container + ":" + path), ("d", target)));

            ErrorRecord e = Assert.Single(r.Errors);
            Assert.Equal(errorId + ",DockerPS.Commands.Container.CopyContainerItemCommand", e.FullyQualifiedErrorId);
            Assert.Empty(Directory.GetFileSystemEntries(_dir));
        }
    }
}
