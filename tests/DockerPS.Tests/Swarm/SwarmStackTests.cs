using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using DockerPS.Models;
using SwarmService = DockerPS.Models.SwarmService;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Swarm
{
    /// <summary>
    /// Deploy-SwarmStack, Get-SwarmStack and Remove-SwarmStack on the fixture's swarm, with the docker CLI pointed at
    /// the manager's socket as the witness both ways: it lists DockerPS's stack, and DockerPS lists and removes a stack
    /// that docker stack deploy made (with --resolve-image never, so nothing asks a registry).
    /// </summary>
    [Collection(SwarmCollection.Name)]
    public sealed class SwarmStackTests : IDisposable
    {
        private readonly SwarmFixture _swarm;
        private readonly PowerShellSession _ps;
        private readonly StackScratch _scratch;

        public SwarmStackTests(SwarmFixture swarm)
        {
            _swarm = swarm;
            _ps = swarm.Session;
            _scratch = new StackScratch(swarm, "st");
        }

        public void Dispose() => _scratch.Dispose();

        private string NewStack() => _scratch.NewStack();

        private string Write(string name, string text) => _scratch.Write(name, text);

        private string Docker(string args)
        {
            var start = new ProcessStartInfo("docker", "-H " + _swarm.Endpoint(0) + " " + args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = _scratch.Dir,
            };
            using Process proc = Process.Start(start)!;
            string output = proc.StandardOutput.ReadToEnd() + proc.StandardError.ReadToEnd();
            Assert.True(proc.WaitForExit(120_000), "docker did not finish: " + output);
            Assert.True(proc.ExitCode == 0, $"docker {args} failed: {output}");
            return output;
        }

        private IList<SwarmService> Services(string stack) =>
            _ps.Run("Get-SwarmService -Label com.docker.stack.namespace=$s", _swarm.Vars(("s", stack))).AssertClean().All<SwarmService>();

        private IList<NetworkResponse> Networks(string stack)
        {
            using var client = _swarm.Client(0);
            return client.Networks.ListNetworksAsync(new NetworksListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["com.docker.stack.namespace=" + stack] = true } },
            }).GetAwaiter().GetResult();
        }

        /// <summary>
        /// The stack's networks once the removed services' tasks are gone: the manager drops a removed overlay network
        /// from its list only after the tasks that used it have stopped on every node (also after docker stack rm).
        /// </summary>
        private IList<NetworkResponse> NetworksAfterRemoval(string stack)
        {
            IList<NetworkResponse> left = Networks(stack);
            for (int i = 0; i < 60 && left.Count > 0; i++)
            {
                System.Threading.Thread.Sleep(500);
                left = Networks(stack);
            }

            return left;
        }

        private string StackFile(int replicas) =>
            "services:\n"
            + "  web:\n    image: " + _swarm.Image() + "\n    command: sleep 600\n    stop_signal: SIGKILL\n    stop_grace_period: 1s\n"
            + "    environment:\n      MODE: prod\n    labels:\n      tier: front\n    networks: [default, back]\n"
            + "    deploy:\n      replicas: " + replicas + "\n"
            + "  worker:\n    image: " + _swarm.Image() + "\n    entrypoint: [sh, -c]\n    command: ['exec sleep 600']\n    stop_signal: SIGKILL\n    network_mode: none\n"
            + "networks:\n  back:\n";

        [Fact]
        public void DeploySwarmStackMakesAStackTheDockerCliListsAndRemoveSwarmStackTakesItAway()
        {
            string stack = NewStack();
            string file = Write("stack.yaml", StackFile(2));
            PsResult deploy = _ps.Run("Deploy-SwarmStack $s -File $f", _swarm.Vars(("s", stack), ("f", file))).AssertClean();
            List<SwarmService> made = deploy.All<SwarmService>();
            Assert.Equal(new[] { stack + "_web", stack + "_worker" }, made.Select(s => s.Name).OrderBy(n => n));
            // docker stack deploy says the same about network_mode.
            Assert.Contains(deploy.Warnings, w => w.Contains("network_mode") && w.Contains(stack + "_default"));

            // The docker CLI's view: the stack, its services, and what a stack's services carry.
            string ls = Docker("stack ls --format \"{{.Name}} {{.Services}}\"");
            Assert.Contains(stack + " 2", ls.Split('\n'));
            string services = Docker("stack services " + stack + " --format \"{{.Name}} {{.Replicas}} {{.Image}}\"");
            Assert.Contains(stack + "_web ", services);
            Assert.Contains(stack + "_worker ", services);
            using (var client = _swarm.Client(0))
            {
                SwarmService webSummary = made.Single(s => s.Name == stack + "_web");
                ServiceSpec web = client.Swarm.InspectServiceAsync(webSummary.Id).GetAwaiter().GetResult().Spec;
                Assert.Equal(stack, web.Labels["com.docker.stack.namespace"]);
                Assert.Equal(_swarm.Image(), web.Labels["com.docker.stack.image"]);
                Assert.Equal(stack, web.TaskTemplate.ContainerSpec.Labels["com.docker.stack.namespace"]);
                Assert.Equal("front", web.TaskTemplate.ContainerSpec.Labels["tier"]);
                Assert.Equal(2UL, web.Mode.Replicated.Replicas);
                Assert.Equal(new[] { "sleep", "600" }, web.TaskTemplate.ContainerSpec.Args);
                Assert.Contains("MODE=prod", web.TaskTemplate.ContainerSpec.Env);
                Assert.Equal(2, web.TaskTemplate.Networks.Count);
                ServiceSpec worker = client.Swarm.InspectServiceAsync(made.Single(s => s.Name == stack + "_worker").Id).GetAwaiter().GetResult().Spec;
                Assert.Equal(new[] { "sh", "-c" }, worker.TaskTemplate.ContainerSpec.Command);
                Assert.Equal(new[] { "exec sleep 600" }, worker.TaskTemplate.ContainerSpec.Args);
            }

            IList<NetworkResponse> networks = Networks(stack);
            Assert.Equal(new[] { stack + "_back", stack + "_default" }, networks.Select(n => n.Name).OrderBy(n => n));
            Assert.All(networks, n => Assert.Equal("overlay", n.Driver));
            Assert.All(networks, n => Assert.Equal("swarm", n.Scope));

            SwarmStack listed = _ps.Run("Get-SwarmStack $s", _swarm.Vars(("s", stack))).AssertClean().Single<SwarmStack>();
            Assert.Equal(2, listed.Services);
            Assert.Equal(new[] { stack + "_web", stack + "_worker" }, listed.ServiceNames);
            Assert.Equal("Swarm", listed.Orchestrator);

            // A second deploy updates the services in place (docker stack deploy does the same).
            string webId = made.Single(s => s.Name == stack + "_web").Id;
            Write("stack.yaml", StackFile(1));
            List<SwarmService> again = _ps.Run("Deploy-SwarmStack $s -File $f -WarningAction SilentlyContinue", _swarm.Vars(("s", stack), ("f", file))).AssertClean().All<SwarmService>();
            SwarmService web2 = again.Single(s => s.Name == stack + "_web");
            Assert.Equal(webId, web2.Id);
            Assert.Equal(1UL, web2.Replicas);

            // -WhatIf removes nothing; then the stack goes as docker stack rm takes it: services and networks.
            _ps.Run("Remove-SwarmStack $s -WhatIf", _swarm.Vars(("s", stack))).AssertClean();
            Assert.Equal(2, Services(stack).Count);
            _ps.Run("Get-SwarmStack $s | Remove-SwarmStack", _swarm.Vars(("s", stack))).AssertClean();
            Assert.Empty(Services(stack));
            Assert.Empty(NetworksAfterRemoval(stack));
            Assert.DoesNotContain(Docker("stack ls").Split('\n'), l => l.StartsWith(stack + " ", StringComparison.Ordinal));
        }

        [Fact]
        public void AStackThatDockerStackDeployMadeIsListedAndRemovedByDockerPS()
        {
            string stack = NewStack();
            Write("app.conf", "level=debug\n");
            Write("token.txt", "s3cr3t\n");
            Write("docker-stack.yaml",
                "version: '3.8'\nservices:\n  app:\n    image: " + _swarm.Image() + "\n    command: sleep 600\n    stop_signal: SIGKILL\n"
                + "    configs: [appconf]\n    secrets: [token]\n"
                + "configs:\n  appconf:\n    file: ./app.conf\nsecrets:\n  token:\n    file: ./token.txt\n");
            Docker("stack deploy --resolve-image never -c docker-stack.yaml " + stack);

            SwarmStack listed = _ps.Run("Get-SwarmStack", _swarm.Vars()).AssertClean().All<SwarmStack>().Single(s => s.Name == stack);
            Assert.Equal(1, listed.Services);
            Assert.Equal(new[] { stack + "_app" }, listed.ServiceNames);
            Assert.Contains(stack + "_token", Docker("secret ls --format \"{{.Name}}\""));

            _ps.Run("Remove-SwarmStack $s", _swarm.Vars(("s", stack))).AssertClean();
            Assert.DoesNotContain(Docker("stack ls").Split('\n'), l => l.StartsWith(stack + " ", StringComparison.Ordinal));
            Assert.DoesNotContain(stack + "_token", Docker("secret ls --format \"{{.Name}}\""));
            Assert.DoesNotContain(stack + "_appconf", Docker("config ls --format \"{{.Name}}\""));
            Assert.Empty(NetworksAfterRemoval(stack));

            // Nothing left: docker stack rm says "Nothing found in stack"; DockerPS writes SwarmStackNotFound.
            ErrorRecord e = Assert.Single(_ps.Run("Remove-SwarmStack $s", _swarm.Vars(("s", stack))).Errors);
            Assert.Equal("SwarmStackNotFound,DockerPS.Commands.Swarm.RemoveSwarmStackCommand", e.FullyQualifiedErrorId);
            Assert.Equal(stack, e.TargetObject);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        }
    }
}
