using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>Save-Image and Import-Image: round trips, docker CLI compatibility, atomic writes.</summary>
    [Collection(EngineCollection.Name)]
    public sealed class ImageTransferTests : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir;

        public ImageTransferTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
            _dir = Path.Combine(Path.GetTempPath(), "dockerps-save-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(_dir);
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

        private string Tag(string hint)
        {
            string name = "dockerps-test/" + hint + "-" + _engine.RunId + ":1";
            _engine.Client.Images.TagImageAsync(_engine.Image, new ImageTagParameters { RepositoryName = name.Split(':')[0], Tag = "1" }).GetAwaiter().GetResult();
            return name;
        }

        private static (int Code, string Output) Docker(string arguments)
        {
            var start = new ProcessStartInfo("docker", arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            using Process p = Process.Start(start)!;
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }

        [SkippableFact]
        public void SaveRemoveLoadGivesTheSameImageId()
        {
            string a = Tag("save-a");
            string b = Tag("save-b");
            string path = Path.Combine(_dir, "two.tar");
            string id = _engine.Client.Images.InspectImageAsync(a).GetAwaiter().GetResult().ID;

            FileInfo file = _ps.Run("$a, $b | Save-Image -Path $p", Vars(("a", a), ("b", b), ("p", path))).AssertClean().Single<FileInfo>();
            Assert.Equal(path, file.FullName);
            Assert.True(file.Length > 500_000);
            Assert.Single(Directory.GetFiles(_dir));

            _ps.Run("Remove-Image $a, $b", Vars(("a", a), ("b", b))).AssertClean();
            PsResult load = _ps.Run("Get-Item -LiteralPath $p -ErrorAction SilentlyContinue; Import-Image -LiteralPath $p", Vars(("p", path)));
            var images = load.Output.Where(o => o.BaseObject is DockerImage).Select(o => (DockerImage)o.BaseObject).ToList();
            Assert.Equal(new[] { a, b }, images.Select(i => i.Reference).OrderBy(r => r));
            Assert.All(images, i => Assert.Equal(id, i.Id));
        }

        [Fact]
        public void SaveRefusesToOverwriteWithoutForce()
        {
            string a = Tag("force");
            string path = Path.Combine(_dir, "x.tar");
            File.WriteAllText(path, "keep me");
            PsResult r = _ps.Run("Save-Image $a -Path $p", Vars(("a", a), ("p", path)));
            Assert.Equal("ImageFileExists,DockerPS.Commands.Image.SaveImageCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
            Assert.Equal("keep me", File.ReadAllText(path));

            _ps.Run("Save-Image $a -Path $p -Force", Vars(("a", a), ("p", path))).AssertClean();
            Assert.True(new FileInfo(path).Length > 500_000);
            Assert.Single(Directory.GetFiles(_dir));
        }

        [SkippableFact]
        public void SavingAMissingImageLeavesNoFile()
        {
            string path = Path.Combine(_dir, "missing.tar");
            PsResult r = _ps.Run("Save-Image 'dockerps-test/none-such:1' -Path $p", Vars(("p", path)));
            Assert.Equal("ImageNotFound,DockerPS.Commands.Image.SaveImageCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
            Assert.Empty(Directory.GetFiles(_dir));
        }

        [SkippableFact]
        public void DockerSaveLoadsWithImportImageAndSaveImageLoadsWithDockerLoad()
        {
            string a = Tag("cli");
            string id = _engine.Client.Images.InspectImageAsync(a).GetAwaiter().GetResult().ID;
            string fromCli = Path.Combine(_dir, "cli.tar");
            Assert.Equal(0, Docker($"save -o {fromCli} {a}").Code);
            _engine.Client.Images.DeleteImageAsync(a, new ImageDeleteParameters()).GetAwaiter().GetResult();
            DockerImage loaded = _ps.Run("Import-Image $p", Vars(("p", fromCli))).AssertClean().Single<DockerImage>();
            Assert.Equal(a, loaded.Reference);
            Assert.Equal(id, loaded.Id);

            string fromUs = Path.Combine(_dir, "ours.tar");
            _ps.Run("Save-Image $a -Path $p", Vars(("a", a), ("p", fromUs))).AssertClean();
            _engine.Client.Images.DeleteImageAsync(a, new ImageDeleteParameters()).GetAwaiter().GetResult();
            (int code, string output) = Docker($"load -i {fromUs}");
            Assert.True(code == 0, output);
            Assert.Contains(a, output);
            Assert.Equal(id, _engine.Client.Images.InspectImageAsync(a).GetAwaiter().GetResult().ID);
        }

        [Fact]
        public void LoadingATarThatIsNotAnImageIsImageLoadFailed()
        {
            string path = Path.Combine(_dir, "junk.tar");
            File.WriteAllText(path, "not a tar at all");
            PsResult r = _ps.Run("Import-Image $p; 'after'", Vars(("p", path)));
            var e = Assert.Single(r.Errors);
            Assert.Equal("ImageLoadFailed,DockerPS.Commands.Image.ImportImageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(path, e.TargetObject);
            Assert.Equal("after", r.Output.Last().BaseObject);
        }

        [SkippableFact]
        public void ImportingARootFileSystemMakesATaggedImageWithChanges()
        {
            string path = Path.Combine(_dir, "rootfs.tar");
            using (MemoryStream rootfs = EngineFixture.BuildBusyboxRootfs())
            using (FileStream f = File.Create(path))
            {
                rootfs.CopyTo(f);
            }

            string name = "dockerps-test/rootfs-" + _engine.RunId + ":2";
            DockerImage image = _ps.Run("Import-Image -RootFileSystem $p -Repository $n -Change 'CMD [\"echo\",\"hi\"]', \"LABEL dockerps.test=$r\" -Message 'from a test'",
                Vars(("p", path), ("n", name), ("r", _engine.RunId))).AssertClean().Single<DockerImage>();
            Assert.Equal(name, image.Reference);
            var inspect = _engine.Client.Images.InspectImageAsync(name).GetAwaiter().GetResult();
            Assert.Equal(new[] { "echo", "hi" }, inspect.Config.Cmd);
            Assert.Equal("from a test", inspect.Comment);
        }

        [Fact]
        public void AnInterruptedSaveLeavesNothing()
        {
            // A ~200 MB image of random data, so the save runs long enough to be stopped midway.
            string name = "dockerps-test/big-" + _engine.RunId;
            string rootfs = Path.Combine(_dir, "big-rootfs.tar");
            using (FileStream f = File.Create(rootfs))
            using (var writer = new TarWriter(f, TarEntryFormat.Pax, leaveOpen: true))
            {
                var data = new byte[200_000_000];
                new Random(5).NextBytes(data);
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "random.bin") { DataStream = new MemoryStream(data) });
            }

            using (FileStream f = File.OpenRead(rootfs))
            {
                _engine.Client.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromSrc = "-", Repo = name + ":1", /* tag inside repo: Podman ignores an import's tag */ Changes = new List<string> { $"LABEL dockerps.test={_engine.RunId}" } },
                    f, null, new Progress<JSONMessage>()).GetAwaiter().GetResult();
            }

            File.Delete(rootfs);
            string path = Path.Combine(_dir, "big.tar");
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = GetRunspace();
            ps.AddScript("Save-Image $args[0] -Path $args[1]").AddArgument(name + ":1").AddArgument(path);
            IAsyncResult handle = ps.BeginInvoke();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !Directory.GetFiles(_dir, "*.partial").Any(p => new FileInfo(p).Length > 1_000_000))
            {
                Thread.Sleep(5);
            }

            Assert.True(Directory.GetFiles(_dir, "*.partial").Length == 1, "the save did not start writing its temp file");
            ps.Stop();
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(handle));
            Assert.Empty(Directory.GetFiles(_dir));
        }

        private System.Management.Automation.Runspaces.Runspace GetRunspace()
        {
            // The session's runspace, reached through a script: PowerShellSession keeps it private.
            return (System.Management.Automation.Runspaces.Runspace)_ps.Run("[runspace]::DefaultRunspace").Output[0].BaseObject;
        }
    }
}
