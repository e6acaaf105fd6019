using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>
    /// Removes stacks (docker stack rm): the services, then the secrets, configs and networks labelled
    /// com.docker.stack.namespace=name, whether Deploy-SwarmStack or docker stack deploy made them.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SwarmStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveSwarmStackCommand : SwarmStackCmdlet
    {
        /// <summary>Stack names; piped SwarmStack objects bind by their Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            IDockerEngine engine = Connect(EndpointFor(Engine));
            foreach (string stack in Name)
            {
                IReadOnlyList<SwarmService> services = StackServices(engine, stack);
                List<SwarmSecret> secrets = SwarmCall(ct => engine.ListSecretsAsync(ct), "SwarmSecret", stack, clusterWide: true).Where(s => InStack(s.Labels, stack)).ToList();
                List<SwarmConfig> configs = SwarmCall(ct => engine.ListConfigsAsync(ct), "SwarmConfig", stack, clusterWide: true).Where(c => InStack(c.Labels, stack)).ToList();
                var query = new NetworkListQuery { WithContainers = false };
                query.Filters["label"] = new List<string> { NamespaceLabel + "=" + stack };
                IReadOnlyList<DockerNetwork> networks = SwarmCall(ct => engine.ListNetworksAsync(query, ct), "Network", stack);
                if (services.Count + secrets.Count + configs.Count + networks.Count == 0)
                {
                    WriteError(ErrorMapper.Record(new ItemNotFoundException($"Nothing found in stack: {stack}"), StackNotFoundId, ErrorCategory.ObjectNotFound, stack));
                    continue;
                }

                if (!ShouldProcess(stack, "Remove swarm stack"))
                {
                    continue;
                }

                // The docker CLI's order: services first, so nothing uses the secrets, configs and networks any more.
                foreach (SwarmService s in services.OrderBy(s => s.Name, StringComparer.Ordinal))
                {
                    WriteVerbose("Removing service " + s.Name);
                    TrySwarmCall(ct => engine.RemoveServiceAsync(s.Id, ct), "SwarmService", s.Name);
                }

                foreach (SwarmSecret s in secrets)
                {
                    WriteVerbose("Removing secret " + s.Name);
                    TrySwarmCall(ct => engine.RemoveSecretAsync(s.Id, ct), "SwarmSecret", s.Name);
                }

                foreach (SwarmConfig c in configs)
                {
                    WriteVerbose("Removing config " + c.Name);
                    TrySwarmCall(ct => engine.RemoveConfigAsync(c.Id, ct), "SwarmConfig", c.Name);
                }

                foreach (DockerNetwork n in networks)
                {
                    WriteVerbose("Removing network " + n.Name);
                    RemoveNetwork(engine, n);
                }
            }
        }

        /// <summary>
        /// A network is in use until the removed services' tasks have stopped on every node, which takes a moment after
        /// the services are gone; try again for a while, as the removal of a fresh stack needs.
        /// </summary>
        private void RemoveNetwork(IDockerEngine engine, DockerNetwork n)
        {
            bool removed = Await(async ct =>
            {
                for (int attempt = 0; attempt < 60; attempt++)
                {
                    try
                    {
                        await engine.RemoveNetworkAsync(n.Id, ct).ConfigureAwait(false);
                        return true;
                    }
                    catch (DockerEngineException e) when (e.StatusCode == 403 || e.StatusCode == 409 || e.EngineMessage.Contains("in use") || e.EngineMessage.Contains("active endpoints"))
                    {
                        await System.Threading.Tasks.Task.Delay(500, ct).ConfigureAwait(false);
                    }
                    catch (DockerEngineException)
                    {
                        return false;
                    }
                }

                return false;
            });
            if (!removed)
            {
                TrySwarmCall(ct => engine.RemoveNetworkAsync(n.Id, ct), "Network", n.Name);
            }
        }
    }
}
