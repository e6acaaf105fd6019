using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using Docker.DotNet.Models;
using DockerPS.Models;
using DockerPS.Tests.Fixtures;
using SwarmService = DockerPS.Models.SwarmService;

namespace DockerPS.Tests.Swarm
{
    /// <summary>
    /// Deploy-SwarmStack's secrets, configs, ports, deploy: keys, network aliases and -Prune, with docker stack deploy
    /// as the witness: the same file goes to the fixture's swarm once through DockerPS and once through the docker CLI
    /// (--resolve-image never), and the service specs the manager keeps are compared field by field, with the stack
    /// names (and object ids) taken out.
    /// </summary>
    [Collection(SwarmCollection.Name)]
    public sealed class SwarmStackFeatureTests : IDisposable
    {
        private readonly SwarmFixture _swarm;
        private readonly PowerShellSession _ps;
        private readonly StackScratch _scratch;

        public SwarmStackFeatureTests(SwarmFixture swarm)
        {
            _swarm = swarm;
            _ps = swarm.Session;
            _scratch = new StackScratch(swarm, "sf");
        }

        public void Dispose() => _scratch.Dispose();

        private string NewStack() => _scratch.NewStack();

        private string Write(string name, string text) => _scratch.Write(name, text);

        /// <summary>A stack file with everything this test compares; <paramref name="port"/> is the ingress port it publishes (each stack needs its own).</summary>
        private string FeatureFile(int port) =>
            "services:\n"
            + "  web:\n    image: " + _swarm.Image() + "\n    command: sleep 600\n    stop_signal: SIGKILL\n    stop_grace_period: 1s\n"
            + "    labels:\n      tier: front\n"
            + "    networks:\n      default:\n      back:\n        aliases: [www]\n"
            + "    ports:\n      - \"" + port + ":80\"\n      - \"9000/udp\"\n      - target: 81\n        published: " + (port + 100) + "\n        mode: host\n        protocol: tcp\n"
            + "    secrets:\n      - token\n      - source: token\n        target: token.copy\n        uid: '100'\n        gid: '101'\n        mode: 0400\n"
            + "    configs:\n      - appconf\n      - source: appconf\n        target: /etc/app.conf\n        mode: 0440\n"
            + "    deploy:\n      replicas: 0\n      endpoint_mode: vip\n      labels:\n        svc.level: gold\n"
            + "      resources:\n        limits:\n          cpus: '0.5'\n          memory: 64M\n        reservations:\n          cpus: '0.1'\n          memory: 16M\n"
            + "      restart_policy:\n        condition: on-failure\n        delay: 2s\n        max_attempts: 3\n        window: 30s\n"
            + "      placement:\n        constraints: [node.role==manager]\n        preferences:\n          - spread: node.labels.zone\n        max_replicas_per_node: 2\n"
            + "      update_config:\n        parallelism: 2\n        delay: 5s\n        failure_action: rollback\n        monitor: 10s\n        max_failure_ratio: 0.25\n        order: start-first\n"
            + "      rollback_config:\n        delay: 1s\n        order: stop-first\n"
            + "  agent:\n    image: " + _swarm.Image() + "\n    command: sleep 600\n    stop_signal: SIGKILL\n"
            + "    deploy:\n      mode: global\n      endpoint_mode: dnsrr\n      placement:\n        constraints: [node.hostname==nosuchnode]\n"
            + "networks:\n  back:\n"
            + "configs:\n  appconf:\n    file: ./app.conf\n    labels:\n      kind: conf\n"
            + "secrets:\n  token:\n    file: ./token.txt\n";

        private ServiceSpec Spec(string service)
        {
            using var client = _swarm.Client(0);
            return client.Swarm.InspectServiceAsync(service).GetAwaiter().GetResult().Spec;
        }

        /// <summary>The compared parts of a service spec as JSON, with the stack name, network ids and object ids made neutral.</summary>
        private string Comparable(string stack, string service, int port)
        {
            ServiceSpec spec = Spec(stack + "_" + service);
            Dictionary<string, string> networkNames;
            using (var client = _swarm.Client(0))
            {
                networkNames = client.Networks.ListNetworksAsync().GetAwaiter().GetResult().ToDictionary(n => n.ID, n => n.Name);
            }

            ContainerSpec c = spec.TaskTemplate.ContainerSpec;
            var parts = new Dictionary<string, object?>
            {
                ["Labels"] = spec.Labels,
                ["ContainerLabels"] = c.Labels,
                // The CLI sorts them by name only, so two uses of one secret come in either order.
                ["Secrets"] = c.Secrets?.Select(s => new { s.SecretName, s.File.Name, s.File.UID, s.File.GID, s.File.Mode }).OrderBy(s => s.SecretName + "/" + s.Name, StringComparer.Ordinal),
                ["Configs"] = c.Configs?.Select(s => new { s.ConfigName, s.File?.Name, s.File?.UID, s.File?.GID, s.File?.Mode }).OrderBy(s => s.ConfigName + "/" + s.Name, StringComparer.Ordinal),
                ["Replicated"] = spec.Mode.Replicated?.Replicas,
                ["Global"] = spec.Mode.Global != null,
                ["EndpointMode"] = spec.EndpointSpec?.Mode,
                ["Ports"] = spec.EndpointSpec?.Ports?.Select(p => new { p.Protocol, p.TargetPort, p.PublishedPort, p.PublishMode }),
                ["Limits"] = spec.TaskTemplate.Resources?.Limits is { } l ? new { l.NanoCPUs, l.MemoryBytes } : null,
                ["Reservations"] = spec.TaskTemplate.Resources?.Reservations is { } r ? new { r.NanoCPUs, r.MemoryBytes } : null,
                ["Restart"] = spec.TaskTemplate.RestartPolicy is { } rp ? new { rp.Condition, rp.Delay, rp.MaxAttempts, rp.Window } : null,
                ["Constraints"] = spec.TaskTemplate.Placement?.Constraints,
                ["Preferences"] = spec.TaskTemplate.Placement?.Preferences?.Select(p => p.Spread?.SpreadDescriptor),
                ["MaxReplicas"] = spec.TaskTemplate.Placement?.MaxReplicas,
                ["Update"] = spec.UpdateConfig is { } u ? new { u.Parallelism, u.Delay, u.FailureAction, u.Monitor, u.MaxFailureRatio, u.Order } : null,
                ["Rollback"] = spec.RollbackConfig is { } rb ? new { rb.Parallelism, rb.Delay, rb.FailureAction, rb.Monitor, rb.MaxFailureRatio, rb.Order } : null,
                ["Networks"] = spec.TaskTemplate.Networks?.Select(n => new { Target = networkNames.TryGetValue(n.Target, out string? name) ? name : n.Target, n.Aliases })
                    .OrderBy(n => n.Target, StringComparer.Ordinal),
            };
            return JsonSerializer.Serialize(parts, new JsonSerializerOptions { WriteIndented = true })
                .Replace(stack, "STACK").Replace(port.ToString(), "PORT").Replace((port + 100).ToString(), "HOSTPORT");
        }

        [Fact]
        public void SecretsConfigsPortsDeployKeysAndAliasesMatchDockerStackDeploy()
        {
            Write("app.conf", "level=debug\n");
            Write("token.txt", "t0ken-value\n");
            string mine = NewStack();
            string theirs = NewStack();
            string file = Write("mine.yaml", FeatureFile(18080));
            Write("theirs.yaml", FeatureFile(18081));

            List<SwarmService> made = _ps.Run("Set-Location $d; Deploy-SwarmStack $s -File $f", _swarm.Vars(("s", mine), ("f", file), ("d", _scratch.Dir))).AssertClean().All<SwarmService>();
            Assert.Equal(new[] { mine + "_agent", mine + "_web" }, made.Select(s => s.Name).OrderBy(n => n));
            var cli = new System.Diagnostics.ProcessStartInfo("docker") { WorkingDirectory = _scratch.Dir, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string a in new[] { "-H", _swarm.Endpoint(0), "stack", "deploy", "--resolve-image", "never", "-c", "theirs.yaml", theirs })
            {
                cli.ArgumentList.Add(a);
            }

            using (var p = System.Diagnostics.Process.Start(cli)!)
            {
                string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
                Assert.True(p.WaitForExit(120_000) && p.ExitCode == 0, "docker stack deploy failed: " + output);
            }

            // The secret and config: named <stack>_<key> and labelled as the CLI does.
            Assert.Contains(mine + "_token", _swarm.Docker(0, "secret", "ls", "--filter", "label=com.docker.stack.namespace=" + mine, "--format", "{{.Name}}").Split('\n'));
            Assert.Equal("conf " + mine, _swarm.Docker(0, "config", "inspect", mine + "_appconf", "--format", "{{index .Spec.Labels \"kind\"}} {{index .Spec.Labels \"com.docker.stack.namespace\"}}"));
            Assert.Equal(_swarm.Docker(0, "config", "inspect", theirs + "_appconf", "--format", "{{json .Spec.Data}}"),
                _swarm.Docker(0, "config", "inspect", mine + "_appconf", "--format", "{{json .Spec.Data}}"));

            Assert.Equal(Comparable(theirs, "web", 18081), Comparable(mine, "web", 18080));
            Assert.Equal(Comparable(theirs, "agent", 18081), Comparable(mine, "agent", 18080));

            // What the comparison covers, said plainly once.
            ServiceSpec web = Spec(mine + "_web");
            Assert.Contains(web.TaskTemplate.Networks, n => n.Aliases != null && n.Aliases.SequenceEqual(new[] { "www", "web" }));
            Assert.Equal("gold", web.Labels["svc.level"]);
            Assert.Equal("front", web.TaskTemplate.ContainerSpec.Labels["tier"]);
            Assert.Contains(web.TaskTemplate.ContainerSpec.Secrets, s => s.SecretName == mine + "_token" && s.File.Name == "token.copy" && s.File.Mode == Convert.ToUInt32("400", 8));
            Assert.Contains(web.EndpointSpec.Ports, p => p.PublishMode == "host" && p.TargetPort == 81);
            Assert.NotNull(Spec(mine + "_agent").Mode.Global);

            // A second deploy keeps the existing secret and updates in place.
            _ps.Run("Set-Location $d; Deploy-SwarmStack $s -File $f", _swarm.Vars(("s", mine), ("f", file), ("d", _scratch.Dir))).AssertClean();
            Assert.Equal(Comparable(theirs, "web", 18081), Comparable(mine, "web", 18080));
        }

        [Fact]
        public void EnvironmentAndContentSourcesBecomeSwarmObjectsAndTheirValuesStayOutOfTheStreams()
        {
            string stack = NewStack();
            string value = "env-secret-" + Guid.NewGuid().ToString("N");
            string file = Write("env.yaml",
                "services:\n  app:\n    image: " + _swarm.Image() + "\n    command: sleep 600\n    stop_signal: SIGKILL\n    deploy:\n      replicas: 0\n"
                + "    secrets: [pw]\n    configs: [inline]\n"
                + "secrets:\n  pw:\n    environment: DPS_STACK_PW\n    name: " + stack + "-custom-pw\n"
                + "configs:\n  inline:\n    content: |\n      hello from content\n");
            PsResult r = _ps.Run("$env:DPS_STACK_PW = $v; try { Deploy-SwarmStack $s -File $f -Verbose } finally { Remove-Item env:DPS_STACK_PW }",
                _swarm.Vars(("s", stack), ("f", file), ("v", value))).AssertClean();
            string all = string.Join("\n", r.Output.Select(o => o.ToString()).Concat(r.Verbose).Concat(r.Warnings).Concat(new[] { r.HostText }));
            Assert.DoesNotContain(value, all);
            Assert.Contains("Creating secret " + stack + "-custom-pw", r.Verbose);

            // name: is used as is; the config's data is the content.
            Assert.Equal(stack, _swarm.Docker(0, "secret", "inspect", stack + "-custom-pw", "--format", "{{index .Spec.Labels \"com.docker.stack.namespace\"}}"));
            string data = _swarm.Docker(0, "config", "inspect", stack + "_inline", "--format", "{{json .Spec.Data}}").Trim('"');
            Assert.Equal("hello from content\n", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data)));
            ServiceSpec app = Spec(stack + "_app");
            Assert.Equal(new[] { stack + "-custom-pw" }, app.TaskTemplate.ContainerSpec.Secrets.Select(s => s.SecretName));
            Assert.Equal("pw", app.TaskTemplate.ContainerSpec.Secrets[0].File.Name);

            // Unset, the variable is a terminating ComposeVariableMissing naming it.
            string other = NewStack();
            string unset = Write("unset.yaml", "services:\n  app:\n    image: " + _swarm.Image() + "\n    secrets: [pw]\nsecrets:\n  pw:\n    environment: DPS_STACK_PW\n");
            PsResult missing = _ps.Run("Deploy-SwarmStack $s -File $f", _swarm.Vars(("s", other), ("f", unset)));
            ErrorRecord e = missing.Terminating ?? Assert.Single(missing.Errors);
            Assert.Equal("ComposeVariableMissing,DockerPS.Commands.Swarm.DeploySwarmStackCommand", e.FullyQualifiedErrorId);
            Assert.Equal("DPS_STACK_PW", e.TargetObject);
            Assert.Empty(Names(other));
        }

        [Fact]
        public void PruneRemovesTheServicesTheFileNoLongerHasAsDockerStackDeployPruneDoes()
        {
            string stack = NewStack();
            string two = "services:\n  a:\n    image: " + _swarm.Image() + "\n    command: sleep 600\n    deploy:\n      replicas: 0\n"
                + "  b:\n    image: " + _swarm.Image() + "\n    command: sleep 600\n    deploy:\n      replicas: 0\n";
            string file = Write("prune.yaml", two);
            _ps.Run("Deploy-SwarmStack $s -File $f", _swarm.Vars(("s", stack), ("f", file))).AssertClean();
            Write("prune.yaml", "services:\n  a:\n    image: " + _swarm.Image() + "\n    command: sleep 600\n    deploy:\n      replicas: 0\n");

            // Without -Prune (and with -WhatIf) b stays, as without --prune.
            _ps.Run("Deploy-SwarmStack $s -File $f", _swarm.Vars(("s", stack), ("f", file))).AssertClean();
            _ps.Run("Deploy-SwarmStack $s -File $f -Prune -WhatIf", _swarm.Vars(("s", stack), ("f", file))).AssertClean();
            Assert.Equal(new[] { stack + "_a", stack + "_b" }, Names(stack));

            _ps.Run("Deploy-SwarmStack $s -File $f -Prune", _swarm.Vars(("s", stack), ("f", file))).AssertClean();
            Assert.Equal(new[] { stack + "_a" }, Names(stack));
            Assert.Equal(stack + "_a", _swarm.Docker(0, "stack", "services", stack, "--format", "{{.Name}}"));
        }

        [Fact]
        public void KeysStillUnsupportedAreRefusedNamingFileAndLine()
        {
            string stack = NewStack();
            string file = Write("bad.yaml", "services:\n  a:\n    image: " + _swarm.Image() + "\n    deploy:\n      resources:\n        limits:\n          pids: 10\n"
                + "configs:\n  c:\n    file: ./x\n    template_driver: golang\n");
            PsResult r = _ps.Run("Deploy-SwarmStack $s -File $f", _swarm.Vars(("s", stack), ("f", file)));
            ErrorRecord e = r.Terminating ?? Assert.Single(r.Errors);
            Assert.Equal("ComposeFeatureNotSupported,DockerPS.Commands.Swarm.DeploySwarmStackCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.NotImplemented, e.CategoryInfo.Category);
            Assert.Contains("configs.c.template_driver (bad.yaml, line 11)", e.Exception.Message);
            Assert.Empty(Names(stack));
        }

        private string[] Names(string stack) =>
            _ps.Run("Get-SwarmService -Label com.docker.stack.namespace=$s", _swarm.Vars(("s", stack))).AssertClean().All<SwarmService>().Select(s => s.Name).OrderBy(n => n).ToArray();
    }
}
