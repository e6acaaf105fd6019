using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerPS.Compose;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Tests.Unit
{
    /// <summary>The compose reader's secrets, configs, long ports, network aliases and deploy: keys (one parse for Start-ComposeProject and Deploy-SwarmStack).</summary>
    public sealed class ComposeStackModelTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dockerps-stackmodel-" + Guid.NewGuid().ToString("N").Substring(0, 8));

        public ComposeStackModelTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private void Write(string text) => File.WriteAllText(Path.Combine(_dir, "compose.yaml"), text);

        private ComposeProject Load(bool forStack = false) =>
            ComposeLoader.Load(new ComposeLoadOptions
            {
                CurrentDirectory = _dir,
                ProjectName = "proj",
                ForStack = forStack,
                Environment = k => k == "PW" ? "from-env" : null,
            }, EngineLoader.Factory.Yaml);

        [Fact]
        public void SecretsAndConfigsInShortAndLongFormWithTheirSources()
        {
            Write("services:\n  web:\n    image: b\n    secrets:\n      - a\n      - source: b\n        target: b.txt\n        uid: '7'\n        gid: '8'\n        mode: 0400\n"
                + "    configs:\n      - source: c\n        mode: 288\n      - d\n"
                + "secrets:\n  a:\n    file: ./a.txt\n  b:\n    environment: PW\n    name: custom\n    labels: [x=1]\n"
                + "configs:\n  c:\n    content: hi\n  d:\n    external: true\n");
            ComposeProject p = Load();
            ComposeService web = p.Config.Services.Single();
            Assert.Equal(new[] { "a", "b" }, web.Secrets.Select(r => r.Source));
            Assert.Null(web.Secrets[0].Target);
            Assert.Equal(("b.txt", "7", "8", (uint?)Convert.ToUInt32("400", 8)), (web.Secrets[1].Target, web.Secrets[1].Uid, web.Secrets[1].Gid, web.Secrets[1].Mode));
            Assert.Equal(288u, web.Configs[0].Mode);

            ComposeFileObject a = p.Config.Secrets.Single(o => o.Key == "a");
            Assert.Equal(("proj_a", Path.Combine(_dir, "a.txt")), (a.Name, a.File));
            ComposeFileObject b = p.Config.Secrets.Single(o => o.Key == "b");
            Assert.Equal(("custom", "PW", "1"), (b.Name, b.Environment, b.Labels["x"]));
            Assert.Equal("from-env", p.Lookup("PW"));
            Assert.Equal(("proj_c", "hi"), (p.Config.Configs[0].Name, p.Config.Configs[0].Content));
            Assert.Equal(("d", true), (p.Config.Configs[1].Name, p.Config.Configs[1].External));
            Assert.Contains("secrets", ComposeLoader.Plain(p.Document) is Dictionary<string, object?> d ? d.Keys : Array.Empty<string>());
        }

        [Fact]
        public void BadSecretsAreErrorsNamingTheLine()
        {
            Write("services:\n  web:\n    image: b\n    secrets: [nope]\n");
            ComposeFileException e = Assert.Throws<ComposeFileException>(() => Load());
            Assert.Contains("line 4", e.Message);
            Assert.Contains("undefined secret nope", e.Message);

            Write("services:\n  web:\n    image: b\nsecrets:\n  s:\n    file: x\n    environment: Y\n");
            Assert.Contains("exactly one of file, environment or external", Assert.Throws<ComposeFileException>(() => Load()).Message);

            Write("services:\n  web:\n    image: b\n    secrets:\n      - source: s\n        uid: root\nsecrets:\n  s:\n    file: x\n");
            Assert.Contains("line 6, 'services.web.secrets.uid': 'root' is not a numeric uid.", Assert.Throws<ComposeFileException>(() => Load()).Message);

            Write("services:\n  web:\n    image: b\nsecrets:\n  s:\n    content: x\n");
            Assert.Equal(ComposeLoader.UnknownKeyId, Assert.Throws<ComposeFileException>(() => Load()).ErrorId);

            Write("services:\n  web:\n    image: b\nconfigs:\n  s:\n    file: x\n    template_driver: golang\n");
            e = Assert.Throws<ComposeFileException>(() => Load());
            Assert.Equal(ComposeLoader.NotSupportedId, e.ErrorId);
            Assert.Contains("configs.s.template_driver (compose.yaml, line 7)", e.Message);
        }

        [Fact]
        public void DeployKeysArePartOfTheStackModelAndStillRefusedForCompose()
        {
            Write("services:\n  web:\n    image: b\n    networks:\n      back:\n        aliases: [www]\n"
                + "    ports:\n      - 8080:80\n      - target: 81\n        published: 8081\n        mode: host\n        protocol: udp\n"
                + "    deploy:\n      mode: global\n      endpoint_mode: dnsrr\n      labels: {a: b}\n"
                + "      resources:\n        limits: {cpus: '0.5', memory: 64M}\n        reservations: {memory: 1k}\n"
                + "      restart_policy: {condition: on-failure, delay: 2s, max_attempts: 3, window: 1m}\n"
                + "      placement: {constraints: [node.role==worker], preferences: [{spread: node.labels.z}], max_replicas_per_node: 2}\n"
                + "      update_config: {parallelism: 2, order: start-first, max_failure_ratio: 0.5}\n"
                + "networks:\n  back:\n");
            ComposeFileException e = Assert.Throws<ComposeFileException>(() => Load());
            Assert.Equal(ComposeLoader.NotSupportedId, e.ErrorId);
            Assert.Contains("services.web.deploy.mode (compose.yaml, line 14)", e.Message);

            ComposeService web = Load(forStack: true).Config.Services.Single();
            ComposeDeploy d = web.Deploy;
            Assert.Equal(("global", "dnsrr", "b"), (d.Mode, d.EndpointMode, d.Labels["a"]));
            Assert.Equal(((double?)0.5, (long?)(64L * 1024 * 1024), (long?)1024L), (d.CpuLimit, d.MemoryLimit, d.MemoryReservation));
            Assert.Equal(("on-failure", (TimeSpan?)TimeSpan.FromSeconds(2), (ulong?)3UL, (TimeSpan?)TimeSpan.FromMinutes(1)), (d.RestartCondition, d.RestartDelay, d.RestartMaxAttempts, d.RestartWindow));
            Assert.Equal(new[] { "node.role==worker" }, d.Constraints);
            Assert.Equal(new[] { "node.labels.z" }, d.Preferences);
            Assert.Equal(2UL, d.MaxReplicasPerNode);
            Assert.Equal(((ulong?)2UL, "start-first", (float?)0.5f), (d.UpdateConfig!.Parallelism, d.UpdateConfig.Order, d.UpdateConfig.MaxFailureRatio));
            Assert.Null(d.RollbackConfig);
            Assert.Equal(new[] { "www" }, web.NetworkAliases["back"]);
            Assert.Equal(2, web.PortConfigs.Length);
            Assert.Equal((80, (int?)8080, "tcp", "ingress"), (web.PortConfigs[0].Target, web.PortConfigs[0].Published, web.PortConfigs[0].Protocol, web.PortConfigs[0].Mode));
            Assert.Equal((81, (int?)8081, "udp", "host"), (web.PortConfigs[1].Target, web.PortConfigs[1].Published, web.PortConfigs[1].Protocol, web.PortConfigs[1].Mode));

            Write("services:\n  web:\n    image: b\n    deploy:\n      resources:\n        limits:\n          pids: 3\n");
            e = Assert.Throws<ComposeFileException>(() => Load(forStack: true));
            Assert.Equal(ComposeLoader.NotSupportedId, e.ErrorId);
            Assert.Contains("services.web.deploy.resources.limits.pids (compose.yaml, line 7)", e.Message);
        }
    }
}
