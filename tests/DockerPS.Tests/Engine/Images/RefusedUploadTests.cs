using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>
    /// The engine refuses an upload before reading its body: with tens of megabytes still to send, the error must be
    /// the engine's answer (its ErrorId and message), not "stopped answering: Broken pipe".
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class RefusedUploadTests : IDisposable
    {
        private const int Size = 30 << 20;
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("dps-refused-").FullName;

        public RefusedUploadTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private string BigFile(string name)
        {
            string path = Path.Combine(_dir, name);
            var data = new byte[Size];
            new Random(30).NextBytes(data);
            File.WriteAllBytes(path, data);
            return path;
        }

        private static ErrorRecord OneError(PsResult r)
        {
            ErrorRecord e = r.Terminating ?? Assert.Single(r.Errors);
            Assert.DoesNotContain("EngineUnreachable", e.FullyQualifiedErrorId);
            return e;
        }

        private static string Text(ErrorRecord e) => e.ErrorDetails?.Message ?? e.Exception.Message;

        [SkippableFact]
        public void ABuildWithAnUppercaseTagGetsTheEnginesAnswer()
        {
            Skip.If(_engine.IsPodman, "Podman 4.3: answers a build tagged UPPER:x with HTTP 500 and an empty body, no reason to report (docker: 400 'invalid reference format')");
            string context = Path.Combine(_dir, "ctx");
            Directory.CreateDirectory(context);
            File.Move(BigFile("blob"), Path.Combine(context, "blob"));
            File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY blob /\n");

            ErrorRecord e = OneError(_ps.Run("Build-Image $c -Tag UPPER:x", _engine.Vars(("c", context))));

            Assert.StartsWith("ImageInvalidRequest,", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Contains("invalid reference format", Text(e));
        }

        [Fact]
        public void AnImportWithAnUppercaseRepositoryIsRefusedBeforeTheUpload()
        {
            // As docker import does (measured: "invalid reference format: repository name (library/UPPER) must be lowercase"),
            // the reference is checked before anything is sent, on dockerd and Podman alike.
            PsResult r = _ps.Run("Import-Image -RootFileSystem $t -Repository UPPER:x", _engine.Vars(("t", BigFile("rootfs.tar"))));
            ErrorRecord e = OneError(r);

            Assert.StartsWith("InvalidImageReference,", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Equal("UPPER:x", e.TargetObject);
            Assert.EndsWith("invalid reference format: repository name (library/UPPER) must be lowercase", Text(e), StringComparison.Ordinal);
            Assert.DoesNotContain(r.Progress, p => p.Activity.StartsWith("Importing", StringComparison.Ordinal));
        }

        [SkippableFact]
        public void AnImportWithABadChangeGetsTheEnginesAnswer()
        {
            Skip.If(_engine.IsPodman, "Podman 4.3: accepts STOPSIGNAL in an import's changes (observed: the image gets StopSignal 2);"
                + " docker refuses it with 400 'stopsignal is not a valid change command'");
            ErrorRecord e = OneError(_ps.Run("Import-Image -RootFileSystem $t -Repository dockerps-test/refused:$run -Change 'STOPSIGNAL SIGINT'",
                _engine.Vars(("t", BigFile("rootfs.tar")))));

            Assert.StartsWith("ImageInvalidRequest,", e.FullyQualifiedErrorId);
            Assert.Contains("stopsignal", Text(e), StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void ACopyIntoAReadOnlyContainerGetsTheEnginesAnswer()
        {
            string name = _engine.NewName("ro");
            _engine.CreateContainer(name, start: true, configure: p => p.HostConfig.ReadonlyRootfs = true);
            string folder = Path.Combine(_dir, "big");
            Directory.CreateDirectory(folder);
            File.Move(BigFile("blob"), Path.Combine(folder, "blob"));

            // Into / itself: Podman mounts a writable tmpfs on /tmp of a --read-only container (observed: an upload to
            // /tmp/ lands), while / is the read-only root file system on both engines.
            ErrorRecord e = OneError(_ps.Run("Copy-ContainerItem $f \"${n}:/\"", _engine.Vars(("f", folder), ("n", name))));

            Assert.Contains("read-only", Text(e));
            Assert.Equal(name + ":/", e.TargetObject);
        }
    }
}
