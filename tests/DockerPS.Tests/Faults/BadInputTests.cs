using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Tests.Fixtures;
using static DockerPS.Tests.Faults.FaultHelpers;

namespace DockerPS.Tests.Faults
{
    /// <summary>
    /// A corpus of bad inputs across the cmdlets, against the suite's own engine: each gives one specific ErrorId (never
    /// UnexpectedError or an exception type's name), the right ErrorCategory, and no stack trace in the error text.
    /// Script variables: $img (busybox image), $c and $c2 (created containers), $run (running), $exited, $dir (a folder
    /// with corrupt.tar, truncated.tar, empty.tar, text.tar, ctx-bad/ and ctx-ok/), $miss (a free loopback port).
    /// </summary>
    [Collection(PrivateEngineCollection.Name)]
    public sealed class BadInputTests
    {
        private const ErrorCategory NotFound = ErrorCategory.ObjectNotFound;
        private const ErrorCategory Invalid = ErrorCategory.InvalidArgument;
        private const ErrorCategory Busy = ErrorCategory.ResourceUnavailable;
        private readonly PrivateEngineFixture _engine;

        public BadInputTests(PrivateEngineFixture engine)
        {
            _engine = engine;
            _engine.EnsureRunning();
        }

        private static object[] Case(string script, string errorId, ErrorCategory category) => new object[] { script, errorId, category };

        public static IEnumerable<object[]> Corpus() => new[]
        {
            // Missing ids and names
            Case("Get-ContainerDetail nosuch-container-x", "ContainerNotFound", NotFound),
            Case("Get-ContainerDetail -Id 0123456789ab", "ContainerNotFound", NotFound),
            Case("Start-Container nosuch-container-x", "ContainerNotFound", NotFound),
            Case("Stop-Container nosuch-container-x", "ContainerNotFound", NotFound),
            Case("Remove-Container nosuch-container-x", "ContainerNotFound", NotFound),
            Case("Wait-Container nosuch-container-x", "ContainerNotFound", NotFound),
            Case("Get-ContainerLog nosuch-container-x", "ContainerNotFound", NotFound),
            Case("Get-ContainerStatistic nosuch-container-x", "ContainerNotFound", NotFound),
            Case("Get-ContainerChange nosuch-container-x", "ContainerNotFound", NotFound),
            Case("Export-Container nosuch-container-x -Path \"$dir/x.tar\"", "ContainerNotFound", NotFound),
            Case("New-Image nosuch-container-x", "ContainerNotFound", NotFound),
            Case("Invoke-ContainerCommand nosuch-container-x ls", "ContainerNotFound", NotFound),
            Case("Get-ImageDetail nosuch/image:1", "ImageNotFound", NotFound),
            Case("Get-ImageHistory nosuch/image:1", "ImageNotFound", NotFound),
            Case("Remove-Image nosuch/image:1", "ImageNotFound", NotFound),
            Case("Add-ImageTag nosuch/image:1 other/image:1", "ImageNotFound", NotFound),
            Case("Save-Image nosuch/image:1 -Path \"$dir/x.tar\"", "ImageNotFound", NotFound),
            Case("Publish-Image nosuch/image:1", "ImageNotFound", NotFound),
            Case("Remove-ContainerNetwork nosuch-network-x", "NetworkNotFound", NotFound),
            Case("Remove-ContainerVolume nosuch-volume-x", "VolumeNotFound", NotFound),
            Case("Use-DockerContext nosuch-context-x", "DockerContextNotFound", NotFound),
            Case("New-Container 127.0.0.1:$miss/missing/image:1 -Pull never", "ImageNotFound", NotFound),

            // Bad references and names
            Case("New-Container 'Bad Reference!'", "InvalidContainerSpec", Invalid),
            Case("Install-Image 'UPPER/Case:1'", "ImageInvalidRequest", Invalid),
            Case("Install-Image 'a:b:c:d'", "ImageInvalidRequest", Invalid),
            Case("Add-ImageTag $img 'Bad Tag!'", "InvalidImageReference", Invalid),
            Case("Get-ImageDetail 'bad//ref'", "ImageInvalidRequest", Invalid),
            Case("New-Container $img -Name 'bad/name'", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
            Case("Update-Container $c -Cpus 100000", "ContainerInvalidRequest", Invalid),
            Case("Rename-Container $c -NewName 'bad name!'", "ParameterArgumentValidationError", ErrorCategory.InvalidData),
            Case("Rename-Container $c -NewName $c2", "ContainerNameInUse", ErrorCategory.ResourceExists),
            Case("New-Container $img -Name $c", "ContainerNameInUse", ErrorCategory.ResourceExists),
            Case("New-ContainerVolume 'bad/volume'", "VolumeInvalidRequest", Invalid),

            // Port, mount, volume and other specs
            Case("New-Container $img -Port 'abc'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -Port '99999:80'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -Port '80/xyz'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -Port '1.2.3.4.5:80:80'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -Mount 'type=bogus,target=/x'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -Mount 'source=/tmp'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -Mount 'type=bind,source=/tmp,target=/x,bogus=1'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -Volume ':'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -Volume '/a:/b:/c:/d'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -Tmpfs 'relative'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -RestartPolicy 'sometimes'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -StopSignal 'SIGNOPE'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -HealthInterval 'soon'", "ParameterArgumentTransformationError", ErrorCategory.InvalidData),
            Case("Stop-Container $run -Signal 'SIGNOPE'", "ContainerInvalidRequest", Invalid),
            Case("New-ContainerNetwork fault-bad-net -Subnet 'not-a-cidr'", "NetworkInvalidRequest", Invalid),

            // Huge and out-of-range values
            Case("New-Container $img -Memory '12XB'", "ParameterArgumentTransformationError", ErrorCategory.InvalidData),
            Case("New-Container $img -Memory '99999999999999999999g'", "ParameterArgumentTransformationError", ErrorCategory.InvalidData),
            Case("New-Container $img -Memory '1k'", "InvalidContainerSpec", Invalid),
            Case("New-Container $img -Cpus 100000", "InvalidContainerSpec", Invalid),
            Case("Update-Container $c -Memory 'lots'", "ParameterArgumentTransformationError", ErrorCategory.InvalidData),
            Case("Get-ContainerDetail ('a' * 100000)", "ContainerNotFound", NotFound),
            Case("Get-ContainerLog $c -Since 'yesterday-ish'", "ParameterArgumentTransformationError", ErrorCategory.InvalidData),
            Case("Get-DockerEvent -Since 'garbage'", "ParameterArgumentTransformationError", ErrorCategory.InvalidData),

            // Filters and hosts
            Case("Get-Container -Filter @{ bogus = 'x' }", "InvalidContainerFilter", Invalid),
            Case("Get-Image -Filter @{ bogus = 'x' }", "InvalidImageFilter", Invalid),
            Case("Get-ContainerVolume -Filter @{ bogus = 'x' }", "InvalidVolumeFilter", Invalid),
            Case("Get-Container -Host 'ftp://nowhere'", "InvalidEngineHost", Invalid),
            Case("Get-Container -Host 'unix://'", "InvalidEngineHost", Invalid),
            Case("Get-DockerInfo -Host 'unix:///nonexistent/dockerps.sock'", "EngineUnreachable", ErrorCategory.ConnectionError),

            // State conflicts
            Case("Invoke-ContainerCommand $exited ls", "ContainerNotRunning", Busy),
            Case("Suspend-Container $exited", "ContainerNotRunning", Busy),
            Case("Resume-Container $run", "ContainerNotPaused", Busy),
            Case("Get-ContainerProcess $exited", "ContainerNotRunning", Busy),
            Case("Remove-Container $run", "ContainerIsRunning", Busy),

            // Files: missing, folders, corrupt and truncated tars
            Case("Copy-ContainerItem \"${c}:/nope\" $dir", "ContainerPathNotFound", NotFound),
            Case("Copy-ContainerItem \"$dir/a\" \"$dir/b\"", "InvalidCopyPath", Invalid),
            Case("Copy-ContainerItem \"$dir/missing\" \"${c}:/tmp/\"", "PathNotFound", NotFound),
            Case("Save-Image $img -Path $dir", "PathIsFolder", Invalid),
            Case("Save-Image $img -Path \"$dir/missing/x.tar\"", "FolderNotFound", NotFound),
            Case("Import-Image \"$dir/missing.tar\"", "FileNotFound", NotFound),
            Case("Import-Image \"$dir/corrupt.tar\"", "ImageLoadFailed", ErrorCategory.InvalidData),
            Case("Import-Image \"$dir/truncated.tar\"", "ImageLoadFailed", ErrorCategory.InvalidData),
            Case("Import-Image \"$dir/empty.tar\"", "ImageLoadFailed", ErrorCategory.InvalidData),
            Case("Import-Image \"$dir/text.tar\"", "ImageLoadFailed", ErrorCategory.InvalidData),
            Case("Import-Image -RootFileSystem \"$dir/corrupt.tar\" -Repository fault/rootfs:1", "ImageImportFailed", ErrorCategory.InvalidData),
            Case("Import-Image -RootFileSystem \"$dir/missing.tar\"", "FileNotFound", NotFound),
            Case("Build-Image \"$dir/no-context\"", "BuildContextNotFound", NotFound),
            Case("Build-Image \"$dir/ctx-ok\" -Dockerfile nosuch.Dockerfile", "DockerfileNotFound", NotFound),
            Case("Build-Image \"$dir/ctx-bad\"", "ImageBuildFailed", ErrorCategory.InvalidData),

            // Registries that are not there
            Case("Install-Image 127.0.0.1:$miss/fault/none:1", "RegistryUnreachable", ErrorCategory.ConnectionError),
        };

        [Theory]
        [MemberData(nameof(Corpus))]
        public void EachBadInputGivesASpecificError(string script, string errorId, ErrorCategory category)
        {
            PsResult r = _engine.Session.Run(script, Vars());
            ErrorRecord e = TheError(r);
            AssertClear(e);
            Assert.True(errorId == e.FullyQualifiedErrorId.Split(',')[0] && category == e.CategoryInfo.Category,
                $"expected {errorId}/{category}, got {e.FullyQualifiedErrorId}/{e.CategoryInfo.Category}: {e}");
        }

        [Fact]
        public void TheCorpusHasAtLeastFiftyCasesOverManyCmdlets()
        {
            var cases = Corpus().ToList();
            Assert.True(cases.Count >= 50, cases.Count + " cases");
            int cmdlets = cases.Select(c => ((string)c[0]).Split(' ')[0]).Distinct().Count();
            Assert.True(cmdlets >= 25, cmdlets + " cmdlets");
        }

        private Dictionary<string, object?> Vars()
        {
            string dir = Path.Combine(_engine.Dir, "bad-inputs");
            if (!Directory.Exists(dir))
            {
                Directory.CreateDirectory(dir);
                byte[] junk = new byte[10_000];
                new Random(9).NextBytes(junk);
                File.WriteAllBytes(Path.Combine(dir, "corrupt.tar"), junk);
                using (Stream saved = _engine.Client.Images.SaveImageAsync(_engine.Image, default).GetAwaiter().GetResult())
                using (var whole = new MemoryStream())
                {
                    saved.CopyTo(whole);
                    File.WriteAllBytes(Path.Combine(dir, "truncated.tar"), whole.ToArray().Take((int)(whole.Length / 2)).ToArray());
                }

                File.WriteAllBytes(Path.Combine(dir, "empty.tar"), Array.Empty<byte>());
                File.WriteAllText(Path.Combine(dir, "text.tar"), "this is not a tar archive\n");
                Directory.CreateDirectory(Path.Combine(dir, "ctx-ok"));
                File.WriteAllText(Path.Combine(dir, "ctx-ok", "Dockerfile"), $"FROM {_engine.Image}\n");
                Directory.CreateDirectory(Path.Combine(dir, "ctx-bad"));
                File.WriteAllText(Path.Combine(dir, "ctx-bad", "Dockerfile"), $"FROMM {_engine.Image}\nRUNN nothing\n");
                File.WriteAllText(Path.Combine(dir, "a"), "a");
            }

            var names = _engine.Client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters { All = true }).GetAwaiter().GetResult()
                .SelectMany(c => c.Names).Select(n => n.TrimStart('/')).ToHashSet();
            void Ensure(string name, bool start, IList<string>? cmd = null)
            {
                if (!names.Contains(name))
                {
                    string id = _engine.CreateContainer(name, cmd, start);
                    if (cmd != null && start)
                    {
                        _engine.Client.Containers.WaitContainerAsync(id).GetAwaiter().GetResult();
                    }
                }
            }

            Ensure("fault-bad-c", false);
            Ensure("fault-bad-c2", false);
            Ensure("fault-bad-exited", true, new List<string> { "true" });
            Ensure("fault-bad-run", false);
            _engine.Client.Containers.StartContainerAsync("fault-bad-run", new Docker.DotNet.Models.ContainerStartParameters()).GetAwaiter().GetResult();
            return _engine.Vars(("c", "fault-bad-c"), ("c2", "fault-bad-c2"), ("exited", "fault-bad-exited"), ("run", "fault-bad-run"), ("dir", dir),
                ("miss", EngineFixture.FreeLoopbackPort()));
        }
    }
}
