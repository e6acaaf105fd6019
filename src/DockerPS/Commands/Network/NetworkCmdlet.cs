using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Network
{
    /// <summary>
    /// Base of the cmdlets that act on existing networks: by name (position 0, piped strings), by id, or as piped
    /// DockerNetwork objects, which go back to their own engine. One failed network is one non-terminating error.
    /// </summary>
    public abstract class NetworkCmdlet : DockerCmdlet
    {
        protected const string NameSet = "Name";
        protected const string IdSet = "Id";
        protected const string InputObjectSet = "InputObject";

        /// <summary>Network names.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Network ids (full or unique prefixes).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Networks from Get-ContainerNetwork or New-ContainerNetwork.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DockerNetwork[] InputObject { get; set; } = Array.Empty<DockerNetwork>();

        /// <summary>Acts on one network; use TryCall so a failure stays with this network.</summary>
        private protected abstract void ProcessNetwork(string reference, string display, object userInput, IDockerEngine engine);

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case InputObjectSet:
                    foreach (DockerNetwork n in InputObject)
                    {
                        ProcessNetwork(n.Reference, n.ToString(), n, Connect(EndpointFor(n.Engine)));
                    }

                    break;
                case IdSet:
                    foreach (string id in Id)
                    {
                        ProcessNetwork(id, id, id, Connect(EndpointFor(null)));
                    }

                    break;
                default:
                    foreach (string name in Name)
                    {
                        ProcessNetwork(name, name, name, Connect(EndpointFor(null)));
                    }

                    break;
            }
        }

        /// <summary>The engine refuses to remove a network with containers with 403 "has active endpoints": say NetworkInUse.</summary>
        internal static ErrorRecord NetworkError(Exception e, object target)
        {
            return ErrorMapper.ToErrorRecord(e, "Network", target);
        }
    }
}
