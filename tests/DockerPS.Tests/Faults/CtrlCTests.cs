using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DockerPS.Tests.Fixtures;
using static DockerPS.Tests.Faults.FaultHelpers;

namespace DockerPS.Tests.Faults
{
    /// <summary>
    /// Ctrl+C in every streaming cmdlet, pressed while bytes flow: the pipeline ends within 1 s, the connection to the
    /// engine is released, no partial file stays, and the session goes on.
    /// </summary>
    [Collection(PrivateEngineCollection.Name)]
    public sealed class CtrlCTests : IDisposable
    {
        private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(1);
        private readonly PrivateEngineFixture _engine;
        private readonly RegistryFixture _registry;
        private readonly PowerShellSession _ps;
        private readonly string _folder;

        public CtrlCTests(PrivateEngineFixture engine, RegistryFixture registry)
        {
            _engine = engine;
            _registry = registry;
            _ps = engine.Session;
            _engine.EnsureRunning();
            _folder = Path.Combine(engine.Dir, "ctrlc-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            Directory.CreateDirectory(_folder);
        }

        public static IEnumerable<object[]> Cases() =>
            new[] { "LogFollow", "EventFollow", "StatStream", "Save", "Load", "ImportRootfs", "Pull", "Push", "Build", "Export", "Copy" }
                .Select(c => new object[] { c });

        private bool BytesOnDisk() => Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Any(f => new FileInfo(f).Length > 1_000_000);

        [Theory]
        [MemberData(nameof(Cases))]
        public void CtrlCEndsTheStreamWithinASecond(string kind)
        {
            string script;
            Func<bool> when = () => false;          // by default: stop after `max`, while the operation surely runs
            TimeSpan max = TimeSpan.FromMilliseconds(800);
            bool writesFiles = false;
            SocketRelay? proxy = null;
            var vars = _engine.Vars(("dir", _folder));
            try
            {
                switch (kind)
                {
                    case "LogFollow":
                        vars["id"] = _engine.CreateContainer(cmd: new List<string> { "sh", "-c", "while true; do echo tick; sleep 0.05; done" }, start: true);
                        script = "Get-ContainerLog $id -Follow";
                        break;
                    case "EventFollow":
                        script = "Get-DockerEvent -Follow";
                        break;
                    case "StatStream":
                        vars["id"] = _engine.CreateContainer(start: true);
                        script = "Get-ContainerStatistic $id -Stream";
                        max = TimeSpan.FromMilliseconds(1500);
                        break;
                    case "Save":
                        vars["big"] = _engine.BigImage();
                        script = "Save-Image $big -Path \"$dir/big.tar\"";
                        when = BytesOnDisk;
                        max = TimeSpan.FromSeconds(30);
                        writesFiles = true;
                        break;
                    case "Export":
                        vars["id"] = _engine.CreateContainer(image: _engine.BigImage());
                        script = "Export-Container -Id $id -Path \"$dir/fs.tar\"";
                        when = BytesOnDisk;
                        max = TimeSpan.FromSeconds(30);
                        writesFiles = true;
                        break;
                    case "Copy":
                        vars["id"] = _engine.CreateContainer(image: _engine.BigImage());
                        script = "Copy-ContainerItem \"${id}:/big.bin\" \"$dir/big.bin\"";
                        when = BytesOnDisk;
                        max = TimeSpan.FromSeconds(30);
                        writesFiles = true;
                        break;
                    case "Load":
                        vars["tar"] = SavedBigImage();
                        // Loading layers the engine already has is quick; without them it takes seconds.
                        _engine.Client.Images.DeleteImageAsync(_engine.BigImage(), new Docker.DotNet.Models.ImageDeleteParameters { Force = true }).GetAwaiter().GetResult();
                        script = "Import-Image -LiteralPath $tar";
                        max = TimeSpan.FromMilliseconds(400);
                        break;
                    case "ImportRootfs":
                        vars["tar"] = BigRootfs();
                        script = "Import-Image -RootFileSystem $tar -Repository dockerps-fault/imported:1";
                        max = TimeSpan.FromMilliseconds(400);
                        break;
                    case "Pull":
                    {
                        string source = _registry.Open + "/fault/ctrlc-pull:1";
                        RandomImage(_engine, source, 3_000_000);
                        Push(_engine, source);
                        _engine.Client.Images.DeleteImageAsync(source, new Docker.DotNet.Models.ImageDeleteParameters { Force = true }).GetAwaiter().GetResult();
                        var slow = SocketRelay.TcpToTcp(_registry.OpenPort, 128 * 1024);
                        proxy = slow;
                        vars["ref"] = slow.Address + "/fault/ctrlc-pull:1";
                        script = "Install-Image $ref";
                        when = () => slow.Transferred > 100_000;
                        max = TimeSpan.FromSeconds(30);
                        break;
                    }

                    case "Push":
                    {
                        var slow = SocketRelay.TcpToTcp(_registry.OpenPort, 128 * 1024);
                        proxy = slow;
                        string reference = slow.Address + "/fault/ctrlc-push:" + Guid.NewGuid().ToString("N").Substring(0, 6);
                        RandomImage(_engine, reference, 3_000_000);
                        vars["ref"] = reference;
                        script = "Publish-Image $ref";
                        when = () => slow.Transferred > 100_000;
                        max = TimeSpan.FromSeconds(30);
                        break;
                    }

                    case "Build":
                    {
                        string context = Path.Combine(_engine.Dir, "build-" + Guid.NewGuid().ToString("N").Substring(0, 6));
                        Directory.CreateDirectory(context);
                        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {_engine.Image}\nCOPY big.bin /big.bin\nRUN sleep 30\n");
                        using (var f = new FileStream(Path.Combine(context, "big.bin"), FileMode.Create))
                        {
                            f.SetLength(300_000_000); // sparse: cheap here, 300 MB for the engine to receive
                        }

                        vars["ctx"] = context;
                        script = "Build-Image $ctx -Network none -Tag dockerps-fault/built:1";
                        break;
                    }

                    default:
                        throw new ArgumentOutOfRangeException(nameof(kind));
                }

                int baseline = _engine.OpenConnections();
                var (took, result, stopped, endedFirst) = _ps.RunAndStopWhen(script, when, max, vars);
                Assert.False(endedFirst, $"{kind} ended before Ctrl+C: " + string.Join(" | ", result.Errors) + " " + result.Terminating);
                Assert.True(stopped, $"{kind}: the pipeline did not report a stop; errors: " + string.Join(" | ", result.Errors) + " " + result.Terminating);
                Assert.True(took < StopBound, $"{kind}: Ctrl+C took {took}");
                Assert.Null(result.Terminating);
                Assert.True(WaitFor(() => _engine.OpenConnections() <= baseline, TimeSpan.FromSeconds(3)),
                    $"{kind}: {_engine.OpenConnections()} connections to the engine are open, {baseline} before");
                if (writesFiles)
                {
                    Assert.True(WaitFor(() => !Directory.EnumerateFileSystemEntries(_folder).Any(), TimeSpan.FromSeconds(2)),
                        $"{kind} left " + string.Join(", ", Directory.EnumerateFileSystemEntries(_folder)));
                }

                Assert.Single(_ps.Run("Get-DockerVersion").AssertClean().Output);
            }
            finally
            {
                proxy?.Dispose();
                _engine.RemoveAllContainers();
            }
        }

        /// <summary>A docker-save tar of the big image, made once.</summary>
        private string SavedBigImage()
        {
            string path = Path.Combine(_engine.Dir, "big-saved.tar");
            if (!File.Exists(path))
            {
                using Stream s = _engine.Client.Images.SaveImageAsync(_engine.BigImage(), default).GetAwaiter().GetResult();
                using FileStream f = File.Create(path + ".tmp");
                s.CopyTo(f);
                f.Close();
                File.Move(path + ".tmp", path);
            }

            return path;
        }

        /// <summary>A root file system tar of about 200 MB, made once.</summary>
        private string BigRootfs()
        {
            string path = Path.Combine(_engine.Dir, "big-rootfs-for-import.tar");
            if (!File.Exists(path))
            {
                string zeros = Path.Combine(_engine.Dir, "zeros-import.bin");
                using (var f = new FileStream(zeros, FileMode.Create))
                {
                    f.SetLength(200_000_000);
                }

                using (FileStream output = File.Create(path))
                using (var writer = new System.Formats.Tar.TarWriter(output))
                {
                    writer.WriteEntry(zeros, "big.bin");
                }

                File.Delete(zeros);
            }

            return path;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_folder, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
