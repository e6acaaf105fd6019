using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Images
{
    /// <summary>
    /// Build-Image -Secret on the real engine: a BuildKit session (POST /session, HTTP/2 + gRPC served by DockerPS)
    /// hands the secret to RUN --mount=type=secret. The Dockerfile checks the value by its SHA-256 only, so the value
    /// itself appears nowhere but in the secret file; the docker 20.10 CLI (DOCKER_BUILDKIT=1) is the witness.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class BuildKitSessionTests
    {
        private const string PodmanHasNoBuildKit = "Podman builds with Buildah: Build-Image uses the legacy API there (Builder Legacy)";

        /// <summary>Debian's docker.io CLI (20.10) builds with BuildKit itself; the newer CLI on PATH needs the buildx plugin.</summary>
        private const string Cli2010 = "/usr/bin/docker";

        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;

        public BuildKitSessionTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
        }

        private static string Sha256(string text)
        {
            using SHA256 sha = SHA256.Create();
            return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2")));
        }

        /// <summary>A context whose RUN succeeds only when /run/secrets/s holds <paramref name="expected"/> (required: a missing secret fails the step rather than leaving the mount out).</summary>
        private string Context(string expected, string marker)
        {
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-bks-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Dockerfile"),
                $"FROM {_engine.Image}\n" +
                $"RUN --mount=type=secret,id=s,required test \"$(sha256sum < /run/secrets/s)\" = \"{Sha256(expected)}  -\" && echo {marker} > /proof\n");
            return dir;
        }

        private static string AllText(PsResult r, List<string> info) =>
            string.Join("\n", r.Output.Select(o => o.ToString()))
            + string.Join("\n", r.Errors.Select(e => e.Exception.Message + " " + e.TargetObject + " " + e.ErrorDetails?.Message))
            + string.Join("\n", r.Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation))
            + string.Join("\n", r.Verbose) + string.Join("\n", r.Warnings) + r.HostText + string.Join("\n", info);

        private static List<string> Info(PsResult r) =>
            r.Output.Where(o => o.BaseObject is InformationRecord).Select(o => ((InformationRecord)o.BaseObject).MessageData?.ToString() ?? string.Empty).ToList();

        private static (int Code, string Output) Docker2010(string arguments, string dir)
        {
            var start = new ProcessStartInfo(Cli2010, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
            start.Environment["DOCKER_BUILDKIT"] = "1";
            using Process p = Process.Start(start)!;
            string output = p.StandardOutput.ReadToEndAsync().Result + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }

        [SkippableFact]
        public void ASecretReachesTheRunStepAndStaysOutOfTheImageAndEveryStream()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string value = "val-" + Guid.NewGuid().ToString("N");
            string dir = Context(value, "proof-" + _engine.RunId);
            string secretFile = Path.Combine(dir, "..", Path.GetFileName(dir) + ".secret");
            File.WriteAllText(secretFile, value);
            string tag = "dockerps-test/bks-secret-" + _engine.RunId + ":1";
            string saved = Path.Combine(Path.GetTempPath(), "dockerps-bks-" + Guid.NewGuid().ToString("N") + ".tar");
            try
            {
                // Unquoted, as a docker user types it: PowerShell splits it at the comma and Build-Image joins it.
                PsResult r = _ps.Run(
                    "Build-Image $d -Tag $t -Network none -NoCache -Secret id=s,src=$f -Label @{ 'dockerps.test' = $run } -InformationVariable info -Verbose; $info",
                    _engine.Vars(("d", dir), ("t", tag), ("f", secretFile), ("run", _engine.RunId))).AssertClean();
                Assert.Equal("BuildKit", r.Output[0].Properties["Builder"]?.Value);
                Assert.Contains(r.Verbose, v => v.Contains("read 1 secret(s) through the session", StringComparison.Ordinal));
                Assert.DoesNotContain(value, AllText(r, Info(r)));

                // The step ran with the right value (its test passed and wrote the proof)...
                PsResult run = _ps.Run("Invoke-Container $t -Pull Never -Network none -Remove -Command cat, /proof", _engine.Vars(("t", tag))).AssertClean();
                Assert.Contains("proof-" + _engine.RunId, string.Join("\n", run.Output.Select(o => o.ToString())));

                // ...and the value is in no layer, no history line and no config of the saved image.
                _ps.Run("Save-Image $t -Path $p", _engine.Vars(("t", tag), ("p", saved))).AssertClean();
                byte[] tar = File.ReadAllBytes(saved);
                Assert.True(tar.Length > 100_000);
                Assert.Equal(-1, Encoding.Latin1.GetString(tar).IndexOf(value, StringComparison.Ordinal));
                PsResult history = _ps.Run("Get-ImageHistory $t | ConvertTo-Json -Depth 4; Get-ImageDetail $t | ConvertTo-Json -Depth 6", _engine.Vars(("t", tag))).AssertClean();
                Assert.Contains("sha256sum", AllText(history, new List<string>())); // the RUN line is there, its secret is not
                Assert.DoesNotContain(value, AllText(history, new List<string>()));

                // The docker 20.10 CLI with BuildKit agrees on the same engine.
                Skip.IfNot(File.Exists(Cli2010), "the docker.io 20.10 CLI is not at " + Cli2010);
                var (code, output) = Docker2010($"build --secret id=s,src={secretFile} --network none --no-cache -q .", dir);
                Assert.True(code == 0, output);
                _engine.Client.Images.DeleteImageAsync(output.Trim().Split('\n').Last().Trim(), new Docker.DotNet.Models.ImageDeleteParameters { Force = true }).GetAwaiter().GetResult();
            }
            finally
            {
                Directory.Delete(dir, true);
                File.Delete(secretFile);
                File.Delete(saved);
                try
                {
                    _engine.Client.Images.DeleteImageAsync(tag, new Docker.DotNet.Models.ImageDeleteParameters { Force = true }).GetAwaiter().GetResult();
                }
                catch (Docker.DotNet.DockerApiException)
                {
                }
            }
        }

        [SkippableFact]
        public void AWrongValueFailsTheStepAsItDoesForTheCliAndAMissingIdSaysSo()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string wrong = "wrong-" + Guid.NewGuid().ToString("N");
            string dir = Context("the-right-value", "never");
            string secretFile = Path.Combine(dir, "..", Path.GetFileName(dir) + ".secret");
            File.WriteAllText(secretFile, wrong);
            try
            {
                PsResult r = _ps.Run("Build-Image $d -Network none -NoCache -Secret \"id=s,src=$f\" -InformationVariable info -Verbose; $info",
                    _engine.Vars(("d", dir), ("f", secretFile)));
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.Equal("ImageBuildFailed,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                Assert.Contains("exit code: 1", e.Exception.Message);
                Assert.DoesNotContain(wrong, AllText(r, Info(r)));

                // Another id than the one the Dockerfile mounts: BuildKit asks for "s", the session says NotFound.
                PsResult other = _ps.Run("Build-Image $d -Network none -NoCache -Secret \"id=other,src=$f\"", _engine.Vars(("d", dir), ("f", secretFile)));
                ErrorRecord missing = Assert.Single(other.Errors);
                Assert.Equal("BuildSecretNotFound,DockerPS.Commands.Image.BuildImageCommand", missing.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
                Assert.Contains("secret s not found", missing.Exception.Message);

                Skip.IfNot(File.Exists(Cli2010), "the docker.io 20.10 CLI is not at " + Cli2010);
                var (code, output) = Docker2010($"build --secret id=s,src={secretFile} --network none --no-cache -q .", dir);
                Assert.True(code != 0, output);
                Assert.Contains("exit code: 1", output);
                (code, output) = Docker2010($"build --secret id=other,src={secretFile} --network none --no-cache -q .", dir);
                Assert.True(code != 0, output);
                Assert.Contains("secret s not found", output);
            }
            finally
            {
                Directory.Delete(dir, true);
                File.Delete(secretFile);
            }
        }

        [SkippableFact]
        public void ASecretFromAnEnvironmentVariableIsReadWhenTheBuildAsks()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string value = "env-" + Guid.NewGuid().ToString("N");
            string dir = Context(value, "env-proof");
            try
            {
                PsResult r = _ps.Run("$env:DOCKERPS_BKS_VALUE = $v; try { Build-Image $d -Network none -NoCache -Secret id=s,env=DOCKERPS_BKS_VALUE -Label @{ 'dockerps.test' = $run } -InformationVariable info -Verbose; $info } finally { Remove-Item Env:DOCKERPS_BKS_VALUE }",
                    _engine.Vars(("d", dir), ("v", value), ("run", _engine.RunId))).AssertClean();
                Assert.Equal("BuildKit", r.Output[0].Properties["Builder"]?.Value);
                Assert.DoesNotContain(value, string.Join("\n", r.Verbose) + string.Join("\n", Info(r)));

                // An unset variable is refused before anything is sent.
                ErrorRecord e = Assert.Single(_ps.Run("Build-Image $d -Network none -Secret id=s,env=DOCKERPS_BKS_UNSET", _engine.Vars(("d", dir))).Errors);
                Assert.Equal("BuildSecretInvalid,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                Assert.Contains("DOCKERPS_BKS_UNSET", e.Exception.Message);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkippableFact]
        public void CtrlCDuringASessionBuildStopsWithinASecond()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-bks-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Dockerfile"), $"FROM {_engine.Image}\nRUN --mount=type=secret,id=s echo ctrlc-{Guid.NewGuid():N}; sleep 48\n");
            File.WriteAllText(Path.Combine(dir, "s.txt"), "x");
            try
            {
                _ps.Run("$null", _engine.Vars(("bksCtrlC", dir))).AssertClean();
                var (took, result, stopped) = _ps.RunAndStop("Build-Image $bksCtrlC -Network none -Secret \"id=s,src=$bksCtrlC/s.txt\"", TimeSpan.FromSeconds(4));
                Assert.True(stopped, "the pipeline did not report a stop; errors: " + string.Join(" | ", result.Errors));
                Assert.True(took < TimeSpan.FromSeconds(1), $"Ctrl+C took {took}");
                Assert.Empty(result.Errors);
                Assert.Single(_ps.Run("Get-DockerVersion").AssertClean().Output);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkippableFact]
        public void OnPodmanASecretIsRefusedClearly()
        {
            Skip.IfNot(_engine.IsPodman, "dockerd here offers BuildKit");
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-bks-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Dockerfile"), $"FROM {_engine.Image}\n");
            File.WriteAllText(Path.Combine(dir, "s.txt"), "x");
            try
            {
                ErrorRecord e = Assert.Single(_ps.Run("Build-Image $d -Secret \"id=s,src=$d/s.txt\"", _engine.Vars(("d", dir))).Errors);
                Assert.Equal("BuildKitUnavailable,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
                Assert.Contains("-Secret needs a BuildKit build", e.Exception.Message);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        /// <summary>A context whose final stage holds a few files, a nested folder with its own mode, and a symlink.</summary>
        private string OutputContext()
        {
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-bko-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Dockerfile"),
                $"FROM {_engine.Image} AS build\n" +
                "RUN mkdir -p /out/sub && echo hello > /out/a.txt && echo nested > /out/sub/b.txt && chmod 0750 /out/sub && chmod 0640 /out/a.txt && ln -s a.txt /out/link && head -c 300000 /dev/zero | tr '\\0' x > /out/big\n" +
                "FROM scratch\nCOPY --from=build /out /\n");
            return dir;
        }

        /// <summary>Relative path → description (kind, mode, content or link target) of every entry under a folder.</summary>
        private static SortedDictionary<string, string> Tree(string root)
        {
            var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
            {
                var info = new FileInfo(path);
                string rel = Path.GetRelativePath(root, path);
                string mode = OperatingSystem.IsWindows() ? string.Empty : Convert.ToString((int)File.GetUnixFileMode(path), 8);
                tree[rel] = info.LinkTarget != null ? "link " + info.LinkTarget
                    : Directory.Exists(path) ? "dir " + mode
                    : "file " + mode + " " + Sha256(File.ReadAllText(path));
            }

            return tree;
        }

        [SkippableFact]
        public void OutputToAFolderWritesWhatTheCliWrites()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string dir = OutputContext();
            string ours = Path.Combine(dir, "..", Path.GetFileName(dir) + "-ours");
            string theirs = Path.Combine(dir, "..", Path.GetFileName(dir) + "-cli");
            try
            {
                // Unquoted, as a docker user types it; the folder does not exist yet.
                PsResult r = _ps.Run("Build-Image $d -Network none -Output type=local,dest=$o -Verbose", _engine.Vars(("d", dir), ("o", ours))).AssertClean();
                var written = Assert.IsType<DirectoryInfo>(Assert.Single(r.Output).BaseObject);
                Assert.Equal(Path.GetFullPath(ours), written.FullName.TrimEnd('/'));
                Assert.Equal("BuildKit", r.Output[0].Properties["Builder"]?.Value);
                SortedDictionary<string, string> tree = Tree(ours);
                Assert.Equal("file 640 " + Sha256("hello\n"), tree["a.txt"]);
                Assert.Equal("dir 750", tree["sub"]);
                Assert.Equal("file 644 " + Sha256("nested\n"), tree[Path.Combine("sub", "b.txt")]);
                Assert.Equal("link a.txt", tree["link"]);
                Assert.Equal(300_000, new FileInfo(Path.Combine(ours, "big")).Length);

                Skip.IfNot(File.Exists(Cli2010), "the docker.io 20.10 CLI is not at " + Cli2010);
                var (code, output) = Docker2010($"build --network none -o type=local,dest={theirs} .", dir);
                Assert.True(code == 0, output);
                Assert.Equal(Tree(theirs), tree);
            }
            finally
            {
                Directory.Delete(dir, true);
                foreach (string d in new[] { ours, theirs })
                {
                    if (Directory.Exists(d))
                    {
                        Directory.Delete(d, true);
                    }
                }
            }
        }

        [SkippableFact]
        public void OutputToATarWritesTheEntriesTheCliWrites()
        {
            Skip.If(_engine.IsPodman, PodmanHasNoBuildKit);
            string dir = OutputContext();
            string ours = Path.Combine(dir, "..", Path.GetFileName(dir) + "-ours.tar");
            string theirs = Path.Combine(dir, "..", Path.GetFileName(dir) + "-cli.tar");
            try
            {
                PsResult r = _ps.Run("Build-Image $d -Network none -Output \"type=tar,dest=$o\"", _engine.Vars(("d", dir), ("o", ours))).AssertClean();
                Assert.Equal(Path.GetFullPath(ours), Assert.IsType<FileInfo>(Assert.Single(r.Output).BaseObject).FullName);
                SortedDictionary<string, string> entries = TarEntries(ours);
                Assert.EndsWith(" " + Sha256("hello\n"), entries["a.txt"]);
                Assert.Equal("SymbolicLink a.txt", entries["link"]);

                Skip.IfNot(File.Exists(Cli2010), "the docker.io 20.10 CLI is not at " + Cli2010);
                var (code, output) = Docker2010($"build --network none -o type=tar,dest={theirs} .", dir);
                Assert.True(code == 0, output);
                Assert.Equal(TarEntries(theirs), entries);

                // A type the engine's API builds do not export here is refused before anything is sent.
                ErrorRecord e = Assert.Single(_ps.Run("Build-Image $d -Output type=registry,dest=x", _engine.Vars(("d", dir))).Errors);
                Assert.Equal("BuildOutputInvalid,DockerPS.Commands.Image.BuildImageCommand", e.FullyQualifiedErrorId);
            }
            finally
            {
                Directory.Delete(dir, true);
                File.Delete(ours);
                File.Delete(theirs);
            }
        }

        private static SortedDictionary<string, string> TarEntries(string path)
        {
            var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
            using FileStream file = File.OpenRead(path);
            using var reader = new System.Formats.Tar.TarReader(file);
            System.Formats.Tar.TarEntry? entry;
            while ((entry = reader.GetNextEntry()) != null)
            {
                string content = entry.DataStream == null ? string.Empty : Sha256(new StreamReader(entry.DataStream).ReadToEnd());
                entries[entry.Name.TrimEnd('/')] = entry.EntryType + " " + (entry.EntryType == System.Formats.Tar.TarEntryType.SymbolicLink ? entry.LinkName : content) + (entry.EntryType == System.Formats.Tar.TarEntryType.Directory ? string.Empty : string.Empty);
            }

            return entries;
        }
    }
}
