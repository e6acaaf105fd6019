using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerPS.Compose;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Tests.Unit
{
    /// <summary>The compose reader on files written to a temp folder: interpolation, merging, profiles, errors.</summary>
    public sealed class ComposeLoaderTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-compose-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly Dictionary<string, string> _env = new Dictionary<string, string>(StringComparer.Ordinal);

        public ComposeLoaderTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text.Replace("\t", "  "));

        private ComposeProject Load(string? name = "proj", IList<string>? files = null, IList<string>? profiles = null) =>
            ComposeLoader.Load(new ComposeLoadOptions
            {
                CurrentDirectory = _dir,
                ProjectName = name,
                Files = files ?? new List<string>(),
                Profiles = profiles,
                Environment = k => _env.TryGetValue(k, out string? v) ? v : null,
            }, EngineLoader.Factory.Yaml);

        private ComposeService Service(ComposeProject p, string name) => p.Config.Services.Single(s => s.Name == name);

        [Theory]
        [InlineData("${A}", "a")]
        [InlineData("$A-$B", "a-")]
        [InlineData("${B:-dflt}", "dflt")]
        [InlineData("${E:-dflt}", "dflt")]
        [InlineData("${E-dflt}", "")]
        [InlineData("${B-dflt}", "dflt")]
        [InlineData("${A:+alt}", "alt")]
        [InlineData("${E:+alt}", "")]
        [InlineData("${E+alt}", "alt")]
        [InlineData("${B:-${A}x}", "ax")]
        [InlineData("$$A costs $$5", "$A costs $5")]
        [InlineData("no vars", "no vars")]
        public void InterpolatesLikeCompose(string text, string expected)
        {
            var vars = new Dictionary<string, string> { ["A"] = "a", ["E"] = string.Empty };
            Assert.Equal(expected, Interpolation.Apply(text, k => vars.TryGetValue(k, out string? v) ? v : null));
        }

        [Fact]
        public void RequiredVariablesAndBadSyntaxAreErrorsNamingFileLineAndKey()
        {
            Write("compose.yaml", "services:\n  web:\n    image: busybox\n    environment:\n      PASSWORD: ${PASSWORD:?set a password}\n");
            var e = Assert.Throws<ComposeFileException>(() => Load());
            Assert.Equal(ComposeLoader.VariableMissingId, e.ErrorId);
            Assert.Contains("compose.yaml, line 5", e.Message);
            Assert.Contains("services.web.environment.PASSWORD", e.Message);
            Assert.Contains("required variable PASSWORD is missing a value: set a password", e.Message);

            Assert.Throws<ArgumentException>(() => Interpolation.Apply("${A", k => null));
            Assert.Throws<ArgumentException>(() => Interpolation.Apply("${1A}", k => null));
        }

        [Fact]
        public void DotEnvFillsVariablesAndTheShellWins()
        {
            Write(".env", "# comment\nTAG=1.0\nexport NAME='web app'\nGREETING=\"hi ${TAG}\"\nSHELL_WINS=env-file\n");
            Write("compose.yaml", "services:\n  web:\n    image: busybox:${TAG}\n    environment:\n      - N=${NAME}\n      - G=${GREETING}\n      - S=${SHELL_WINS}\n      - UNSET=${NOPE}\n");
            _env["SHELL_WINS"] = "shell";
            ComposeProject p = Load();
            ComposeService web = Service(p, "web");
            Assert.Equal("busybox:1.0", web.Image);
            Assert.Equal("web app", web.Environment["N"]);
            Assert.Equal("hi 1.0", web.Environment["G"]);
            Assert.Equal("shell", web.Environment["S"]);
            Assert.Equal(string.Empty, web.Environment["UNSET"]);
            Assert.Contains(p.Config.Warnings, w => w.Contains("\"NOPE\" variable is not set"));
        }

        [Fact]
        public void MergeKeysLetExplicitKeysWinWhereYamlDotNetsMergingParserThrows()
        {
            Write("compose.yaml", @"
x-common: &common
  image: busybox
  restart: always
  environment:
    A: from-anchor
x-more: &more
  restart: on-failure
  user: nobody
services:
  web:
    <<: [*common, *more]
    restart: unless-stopped
  worker:
    <<: *common
");
            ComposeProject p = Load();
            ComposeService web = Service(p, "web");
            Assert.Equal("busybox", web.Image);
            Assert.Equal("unless-stopped", web.Restart);
            Assert.Equal("nobody", web.User);
            Assert.Equal("from-anchor", web.Environment["A"]);
            Assert.Equal("always", Service(p, "worker").Restart);
        }

        [Fact]
        public void ShortAndLongSyntaxOfPortsVolumesEnvironmentAndDependsOn()
        {
            Write("compose.yaml", @"
services:
  db:
    image: busybox
  web:
    image: busybox
    command: sh -c 'echo ""a b""; sleep 1'
    ports:
      - 8080:80
      - ""127.0.0.1:9000:9000/udp""
      - target: 443
        published: 8443
        host_ip: 127.0.0.1
    volumes:
      - data:/data
      - ./conf:/etc/conf:ro
      - /scratch
      - type: volume
        source: data
        target: /more
        read_only: true
    environment:
      PLAIN: value
      PASSED:
    depends_on:
      db:
        condition: service_healthy
volumes:
  data:
");
            _env["PASSED"] = "from-shell";
            ComposeService web = Service(Load(), "web");
            Assert.Equal(new[] { "sh", "-c", "echo \"a b\"; sleep 1" }, web.Command);
            Assert.Equal(new[] { "8080:80", "127.0.0.1:9000:9000/udp", "127.0.0.1:8443:443/tcp" }, web.Ports);
            Assert.Equal("data:/data", web.Volumes[0].ToString());
            Assert.Equal(Path.Combine(_dir, "conf"), web.Volumes[1].Source);
            Assert.Equal("bind", web.Volumes[1].Type);
            Assert.True(web.Volumes[1].ReadOnly);
            Assert.Null(web.Volumes[2].Source);
            Assert.True(web.Volumes[3].ReadOnly);
            Assert.Equal("value", web.Environment["PLAIN"]);
            Assert.Equal("from-shell", web.Environment["PASSED"]);
            Assert.Equal("service_healthy", Assert.Single(web.DependsOn).Condition);
            Assert.Equal(new[] { "default" }, web.Networks);
        }

        [Fact]
        public void ServicesComeInDependencyOrderAndCyclesAreErrors()
        {
            Write("compose.yaml", "services:\n  web:\n    image: b\n    depends_on: [api]\n  api:\n    image: b\n    depends_on: [db]\n  db:\n    image: b\n");
            Assert.Equal(new[] { "db", "api", "web" }, Load().Config.Services.Select(s => s.Name));

            Write("compose.yaml", "services:\n  a:\n    image: b\n    depends_on: [b]\n  b:\n    image: b\n    depends_on: [a]\n");
            Assert.Contains("dependency cycle", Assert.Throws<ComposeFileException>(() => Load()).Message);
        }

        [Fact]
        public void OverrideFileIsMergedAutomaticallyAndFilesMergeInOrder()
        {
            Write("compose.yaml", "services:\n  web:\n    image: busybox\n    command: [sleep, '1']\n    environment: [A=1, B=1]\n    ports: ['80']\n");
            Write("compose.override.yaml", "services:\n  web:\n    command: [sleep, '2']\n    environment:\n      B: 2\n    ports: ['81']\n");
            ComposeProject p = Load();
            ComposeService web = Service(p, "web");
            Assert.Equal(2, p.Config.ConfigFiles.Length);
            Assert.Equal(new[] { "sleep", "2" }, web.Command);
            Assert.Equal("1", web.Environment["A"]);
            Assert.Equal("2", web.Environment["B"]);
            Assert.Equal(new[] { "80", "81" }, web.Ports);

            Write("ci.yaml", "services:\n  web:\n    image: other\n");
            ComposeProject explicitFiles = Load(files: new[] { "compose.yaml", "ci.yaml" });
            Assert.Equal("other", Service(explicitFiles, "web").Image);
            Assert.Equal(new[] { "sleep", "1" }, Service(explicitFiles, "web").Command); // -File leaves the override out
        }

        [Fact]
        public void ProfilesEnableServicesAndNameMissingDependencies()
        {
            Write("compose.yaml", "services:\n  web:\n    image: b\n  debug:\n    image: b\n    profiles: [debug]\n");
            Assert.Equal(new[] { "web" }, Load().Config.Services.Select(s => s.Name));
            Assert.Equal(new[] { "web", "debug" }, Load(profiles: new[] { "debug" }).Config.Services.Select(s => s.Name));
            _env["COMPOSE_PROFILES"] = "debug,other";
            Assert.Equal(2, Load().Config.Services.Length);

            _env.Remove("COMPOSE_PROFILES");
            Write("compose.yaml", "services:\n  web:\n    image: b\n    depends_on: [debug]\n  debug:\n    image: b\n    profiles: [debug]\n");
            Assert.Contains("not enabled by the active profiles", Assert.Throws<ComposeFileException>(() => Load()).Message);
        }

        [Fact]
        public void UnknownKeysSuggestTheNearestAndRefusedFeaturesAreNamedTogether()
        {
            Write("compose.yaml", "services:\n  web:\n    image: b\n    enviroment:\n      A: 1\n");
            var e = Assert.Throws<ComposeFileException>(() => Load());
            Assert.Equal(ComposeLoader.UnknownKeyId, e.ErrorId);
            Assert.Contains("compose.yaml, line 4, 'services.web.enviroment': unknown key; did you mean 'environment'?", e.Message);

            Write("compose.yaml", "services:\n  web:\n    image: b\n    build: { context: ., ssh: [default] }\n    links: [s]\ninclude:\n  - x.yaml\n");
            e = Assert.Throws<ComposeFileException>(() => Load());
            Assert.Equal(ComposeLoader.NotSupportedId, e.ErrorId);
            Assert.Contains("services.web.build.ssh (compose.yaml, line 4)", e.Message);
            Assert.Contains("services.web.links (compose.yaml, line 5)", e.Message);
            Assert.Contains("include (compose.yaml, line 6)", e.Message);
            Assert.Equal(Path.Combine(_dir, "compose.yaml"), e.File);
        }

        [Fact]
        public void BadYamlAndBadValuesNameTheLine()
        {
            Write("compose.yaml", "services:\n  web:\n    image: b\n   bad: [\n");
            var e = Assert.Throws<ComposeFileException>(() => Load());
            Assert.Contains("not valid YAML", e.Message);

            Write("compose.yaml", "services:\n  web:\n    image: b\n    ports:\n      - 99999:80\n");
            e = Assert.Throws<ComposeFileException>(() => Load());
            Assert.Contains("line 5", e.Message);
            Assert.Contains("services.web.ports", e.Message);

            // An alias inside its own anchor: an error, not a stack overflow.
            Write("compose.yaml", "services:\n  web: &w\n    image: b\n    labels:\n      self: *w\n");
            Assert.Throws<ComposeFileException>(() => Load());

            Write("compose.yaml", "services:\n  web:\n    image: b\n    volumes: [missing:/x]\n");
            Assert.Contains("undefined volume missing", Assert.Throws<ComposeFileException>(() => Load()).Message);
        }

        [Fact]
        public void ProjectNameComesFromTheFileTheEnvironmentOrTheFolder()
        {
            Write("compose.yaml", "services:\n  web:\n    image: b\n");
            Assert.Equal(new DirectoryInfo(_dir).Name.ToLowerInvariant(), Load(name: null).Config.Name);
            _env["COMPOSE_PROJECT_NAME"] = "fromenv";
            Assert.Equal("fromenv", Load(name: null).Config.Name);
            Write("compose.yaml", "name: fromfile\nservices:\n  web:\n    image: b\n");
            Assert.Equal("fromfile", Load(name: null).Config.Name);
            Assert.Equal("given", Load(name: "given").Config.Name);
        }

        [Fact]
        public void TheConfigHashChangesWithTheServiceButNotWithReplicas()
        {
            Write("compose.yaml", "services:\n  web:\n    image: b\n    command: sleep 1\n  db:\n    image: b\n");
            ComposeProject a = Load();
            Write("compose.yaml", "services:\n  web:\n    image: b\n    command: sleep 2\n    deploy:\n      replicas: 3\n  db:\n    image: b\n");
            ComposeProject b = Load();
            Assert.NotEqual(Service(a, "web").ConfigHash, Service(b, "web").ConfigHash);
            Assert.Equal(Service(a, "db").ConfigHash, Service(b, "db").ConfigHash);
            Assert.Equal(3, Service(b, "web").Replicas);

            Write("compose.yaml", "services:\n  web:\n    image: b\n    command: sleep 2\n  db:\n    image: b\n");
            Assert.Equal(Service(b, "web").ConfigHash, Service(Load(), "web").ConfigHash);
        }

        [Fact]
        public void NoFileIsComposeFileNotFound()
        {
            var e = Assert.Throws<ComposeFileException>(() => Load());
            Assert.Equal(ComposeLoader.FileNotFoundId, e.ErrorId);
            Assert.Contains("compose.yaml", e.Message);
        }
    }
}
