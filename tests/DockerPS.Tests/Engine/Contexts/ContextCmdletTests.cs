using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Engine.Contexts
{
    /// <summary>
    /// New-/Remove-DockerContext against the docker CLI's own context commands on folders of the test's own
    /// (DOCKER_CONFIG), the per-call -Context parameter, and malformed engine addresses.
    /// </summary>
    [Collection(EngineCollection.Name)]
    public sealed class ContextCmdletTests : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly PowerShellSession _ps;
        private readonly string _temp;
        private readonly string? _savedConfig = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        private readonly string? _savedHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        private readonly string? _savedContext = Environment.GetEnvironmentVariable("DOCKER_CONTEXT");

        public ContextCmdletTests(EngineFixture engine)
        {
            _engine = engine;
            _ps = engine.Session;
            _temp = Directory.CreateTempSubdirectory("dps-ctxcmd-").FullName;
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", _savedConfig);
            Environment.SetEnvironmentVariable("DOCKER_HOST", _savedHost);
            Environment.SetEnvironmentVariable("DOCKER_CONTEXT", _savedContext);
            Directory.Delete(_temp, true);
        }

        private string Folder(string name)
        {
            string dir = Path.Combine(_temp, name);
            Directory.CreateDirectory(dir);
            return dir;
        }

        /// <summary>The docker CLI with DOCKER_CONFIG=<paramref name="config"/>; returns exit code, stdout and stderr.</summary>
        private static (int Code, string Out, string Err) DockerCli(string config, params string[] args)
        {
            var info = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.Environment["DOCKER_CONFIG"] = config;
            info.Environment.Remove("DOCKER_HOST");
            info.Environment.Remove("DOCKER_CONTEXT");
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            using Process p = Process.Start(info)!;
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output, err.Result);
        }

        private PsResult Run(string config, string script, params (string, object?)[] vars)
        {
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", config);
            Environment.SetEnvironmentVariable("DOCKER_HOST", null);
            Environment.SetEnvironmentVariable("DOCKER_CONTEXT", null);
            return _ps.Run(script, vars.ToDictionary(v => v.Item1, v => v.Item2));
        }

        private static string Meta(string config, string name) =>
            File.ReadAllText(Path.Combine(config, "contexts", "meta", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))).ToLowerInvariant(), "meta.json"));

        [Theory]
        [InlineData("dps-ssh", "ssh://me@build01:2222", "build <server> & \"more\"")]
        [InlineData("dps.unix+1", "unix:///run/user/1000/docker.sock", null)]
        [InlineData("Tcp-9", "tcp://127.0.0.1:2375", "plain tcp")]
        public void NewDockerContextWritesWhatDockerContextCreateWrites(string name, string host, string? description)
        {
            string byDocker = Folder("docker");
            string byUs = Folder("dockerps");
            var args = new List<string> { "context", "create", name, "--docker", "host=" + host };
            if (description != null)
            {
                args.Add("--description");
                args.Add(description);
            }

            var made = DockerCli(byDocker, args.ToArray());
            Assert.True(made.Code == 0, made.Err);

            var ctx = Run(byUs, description != null ? "New-DockerContext $n $h -Description $d" : "New-DockerContext -Name $n -Host $h",
                ("n", name), ("h", host), ("d", description)).AssertClean().Single<DockerContext>();
            Assert.Equal(name, ctx.Name);
            Assert.Equal(host, ctx.DockerEndpoint);
            Assert.Equal(description ?? string.Empty, ctx.Description);
            Assert.Equal(Meta(byDocker, name), Meta(byUs, name));

            // The docker CLI reads the context DockerPS wrote.
            var inspect = DockerCli(byUs, "context", "inspect", name, "--format", "{{.Endpoints.docker.Host}}");
            Assert.True(inspect.Code == 0, inspect.Err);
            Assert.Equal(host, inspect.Out.Trim());
            Assert.Contains(name + "|" + description + "|" + host,
                DockerCli(byUs, "context", "ls", "--format", "{{.Name}}|{{.Description}}|{{.DockerEndpoint}}").Out.Split('\n').Select(l => l.Trim()));
        }

        [Fact]
        public void NewDockerContextRefusesWhatDockerRefuses()
        {
            string config = Folder("refuse");
            Run(config, "New-DockerContext dps-one unix:///var/run/docker.sock").AssertClean();
            string before = Meta(config, "dps-one");

            foreach (var (script, id, dockerArgs) in new[]
            {
                ("New-DockerContext dps-one tcp://127.0.0.1:2375", "DockerContextExists", new[] { "context", "create", "dps-one", "--docker", "host=tcp://127.0.0.1:2375" }),
                ("New-DockerContext default tcp://127.0.0.1:2375", "DockerContextNameReserved", new[] { "context", "create", "default", "--docker", "host=tcp://127.0.0.1:2375" }),
                ("New-DockerContext x tcp://127.0.0.1:2375", "InvalidDockerContextName", new[] { "context", "create", "x", "--docker", "host=tcp://127.0.0.1:2375" }),
                ("New-DockerContext 'bad name' tcp://127.0.0.1:2375", "InvalidDockerContextName", new[] { "context", "create", "bad name", "--docker", "host=tcp://127.0.0.1:2375" }),
                ("New-DockerContext dps-two unix://", "InvalidEngineHost", new[] { "context", "create", "dps-two", "--docker", "host=unix://" }),
            })
            {
                PsResult r = Run(config, script);
                Assert.Equal(id + ",DockerPS.Commands.Context.NewDockerContextCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
                Assert.NotEqual(0, DockerCli(config, dockerArgs).Code);
            }

            Assert.Equal(before, Meta(config, "dps-one"));
            Assert.Equal(new[] { "default", "dps-one" }, Run(config, "(Get-DockerContext).Name").AssertClean().Output.Select(o => (string)o.BaseObject));
            Run(config, "New-DockerContext dps-three unix:///x.sock -WhatIf").AssertClean();
            Assert.Equal(new[] { "default", "dps-one" }, Run(config, "(Get-DockerContext).Name").AssertClean().Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public void RemoveDockerContextRefusesTheCurrentOneUnlessForceAsDockerDoes()
        {
            string ours = Folder("rm-ours");
            string theirs = Folder("rm-docker");
            foreach (string config in new[] { ours, theirs })
            {
                Assert.Equal(0, DockerCli(config, "context", "create", "dps-cur", "--docker", "host=unix:///cur.sock").Code);
                Assert.Equal(0, DockerCli(config, "context", "create", "dps-other", "--docker", "host=unix:///other.sock").Code);
                Assert.Equal(0, DockerCli(config, "context", "use", "dps-cur").Code);
            }

            // docker context rm of the current context fails; so does Remove-DockerContext.
            Assert.NotEqual(0, DockerCli(theirs, "context", "rm", "dps-cur").Code);
            PsResult refused = Run(ours, "Remove-DockerContext dps-cur");
            Assert.Equal("DockerContextInUse,DockerPS.Commands.Context.RemoveDockerContextCommand", Assert.Single(refused.Errors).FullyQualifiedErrorId);
            Assert.Equal("dps-cur", refused.Errors[0].TargetObject);

            Run(ours, "Remove-DockerContext dps-other -WhatIf").AssertClean();
            Assert.Equal(new[] { "default", "dps-cur", "dps-other" }, Run(ours, "(Get-DockerContext).Name").AssertClean().Output.Select(o => (string)o.BaseObject));

            Assert.Equal(0, DockerCli(theirs, "context", "rm", "dps-other").Code);
            Run(ours, "'dps-other' | Remove-DockerContext").AssertClean();
            Assert.Equal(0, DockerCli(theirs, "context", "rm", "-f", "dps-cur").Code);
            Run(ours, "Remove-DockerContext dps-cur -Force").AssertClean();

            // Both stores end the same: no contexts left, default current again (docker ls agrees on ours).
            Assert.Equal(DockerCli(theirs, "context", "ls", "--format", "{{.Name}} {{.Current}}").Out, DockerCli(ours, "context", "ls", "--format", "{{.Name}} {{.Current}}").Out);
            Assert.Empty(Directory.GetDirectories(Path.Combine(ours, "contexts", "meta")));
            Assert.DoesNotContain("currentContext", File.ReadAllText(Path.Combine(ours, "config.json")));

            PsResult missing = Run(ours, "Remove-DockerContext dps-gone, default");
            Assert.Equal(
                new[] { "DockerContextNotFound,DockerPS.Commands.Context.RemoveDockerContextCommand", "DockerContextIsDefault,DockerPS.Commands.Context.RemoveDockerContextCommand" },
                missing.Errors.Select(e => e.FullyQualifiedErrorId));
        }

        [Fact]
        public void ContextParameterPicksTheEngineOfOneCall()
        {
            string config = Folder("percall");
            Run(config, "New-DockerContext dps-here $e -Description 'the test engine'", ("e", _engine.Endpoint)).AssertClean();
            Run(config, "New-DockerContext dps-nowhere $e", ("e", "unix://" + Path.Combine(_temp, "none.sock"))).AssertClean();
            string name = _engine.NewName("ctxp");
            _engine.CreateContainer(name);

            var c = Run(config, "Get-Container $n -All -Context dps-here", ("n", name)).AssertClean().Single<DockerContainer>();
            Assert.Equal(_engine.Endpoint, c.Engine);
            Assert.Equal("default", Run(config, "(Get-DockerContext -Current).Name").AssertClean().Single<string>());

            PsResult verbose = Run(config, "Get-DockerVersion -Context dps-here -Verbose").AssertClean();
            Assert.Contains(verbose.Verbose, v => v.Contains("docker context 'dps-here'") && v.Contains("-Context"));

            PsResult nowhere = Run(config, "Get-DockerInfo -Context dps-nowhere");
            Assert.Equal("EngineUnreachable,DockerPS.Commands.Engine.GetDockerInfoCommand", Assert.Single(nowhere.Errors).FullyQualifiedErrorId);

            PsResult both = Run(config, "Get-Container -Context dps-here -Host $e", ("e", _engine.Endpoint));
            ErrorRecord conflict = both.Terminating ?? Assert.Single(both.Errors);
            Assert.Equal("HostAndContextConflict,DockerPS.Commands.Container.GetContainerCommand", conflict.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, conflict.CategoryInfo.Category);

            PsResult missing = Run(config, "Stop-Container $n -Context dps-missing", ("n", name));
            ErrorRecord notFound = missing.Terminating ?? Assert.Single(missing.Errors);
            Assert.Equal("DockerContextNotFound,DockerPS.Commands.Container.StopContainerCommand", notFound.FullyQualifiedErrorId);
            Assert.Equal("dps-missing", notFound.TargetObject);

            // Tab completion of -Context offers the stored names.
            var offered = Run(config, "[System.Management.Automation.CommandCompletion]::CompleteInput($s, $s.Length, $null).CompletionMatches | ForEach-Object CompletionText",
                ("s", "Get-Container -Context dps-h")).AssertClean().Output.Select(o => (string)o.BaseObject);
            Assert.Equal(new[] { "dps-here" }, offered);
        }

        [Theory]
        [InlineData("unix://")]
        [InlineData("unix:///")]
        [InlineData("npipe://")]
        [InlineData("tcp://:2375")]
        [InlineData("ssh://")]
        public void MalformedDockerHostIsAnInvalidArgumentNotAUriFormatException(string value)
        {
            string config = Folder("badhost");
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", config);
            Environment.SetEnvironmentVariable("DOCKER_CONTEXT", null);
            Environment.SetEnvironmentVariable("DOCKER_HOST", value);
            PsResult r = _ps.Run("Get-Container");
            ErrorRecord e = r.Terminating ?? Assert.Single(r.Errors);
            Assert.Equal("InvalidEngineHost,DockerPS.Commands.Container.GetContainerCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Equal(value, e.TargetObject);
            Assert.Contains("DOCKER_HOST", e.Exception.Message);
            Assert.IsNotType<UriFormatException>(e.Exception);
            Assert.DoesNotContain("Invalid URI", e.Exception.Message);
        }
    }
}
