using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Base of the cmdlets that act on existing containers. Containers come by name (position 0, or piped strings),
    /// by id, or as piped objects: DockerContainer objects bind whole, other objects by their Name or Id property,
    /// and every piped object's Engine property sends the work back to the engine it came from. One failed
    /// container writes one non-terminating error and the rest go on.
    /// </summary>
    public abstract class ContainerCmdlet : DockerCmdlet
    {
        protected const string NameSet = "Name";
        protected const string IdSet = "Id";
        protected const string InputObjectSet = "InputObject";

        /// <summary>Container names.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public virtual string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Container ids (full or unique prefixes).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Containers from Get-Container or another DockerPS cmdlet.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DockerContainer[] InputObject { get; set; } = Array.Empty<DockerContainer>();

        /// <summary>Whether -Name takes wildcards (cmdlets that only read); changes take names literally, as docker does.</summary>
        protected virtual bool NamesTakeWildcards => false;

        /// <summary>Acts on one container. Use TryCall for engine requests so a failure stays with this container.</summary>
        private protected abstract void ProcessContainer(ItemTarget target, IDockerEngine engine);

        protected override void ProcessRecord()
        {
            foreach (ItemTarget target in Targets())
            {
                IDockerEngine? engine = ConnectItem(EndpointFor(target));
                if (engine != null)
                {
                    ProcessContainer(target, engine);
                }
            }
        }

        /// <summary>The endpoint for one container: -Host wins, then the object's own engine, then the environment.</summary>
        private protected EngineEndpoint EndpointFor(ItemTarget target) => EndpointFor(target.Engine);

        private IEnumerable<ItemTarget> Targets()
        {
            switch (ParameterSetName)
            {
                case InputObjectSet:
                    foreach (DockerContainer c in InputObject)
                    {
                        yield return new ItemTarget(c.Id, string.IsNullOrEmpty(c.Engine) ? null : c.Engine, c);
                    }

                    break;
                case IdSet:
                    foreach (string id in Id)
                    {
                        yield return new ItemTarget(id, null, id);
                    }

                    break;
                default:
                    foreach (string name in Name)
                    {
                        if (NamesTakeWildcards && WildcardPattern.ContainsWildcardCharacters(name))
                        {
                            foreach (ItemTarget t in ExpandWildcard(name))
                            {
                                yield return t;
                            }
                        }
                        else
                        {
                            yield return new ItemTarget(name.TrimStart('/'), null, name);
                        }
                    }

                    break;
            }
        }

        private IEnumerable<ItemTarget> ExpandWildcard(string pattern)
        {
            EngineEndpoint endpoint = EndpointFor(new ItemTarget(pattern, null, pattern));
            IDockerEngine engine = Connect(endpoint);
            IReadOnlyList<DockerContainer> all = Call(ct => engine.ListContainersAsync(new ContainerListQuery { All = true }, ct), "Container", pattern);
            WildcardPattern wildcard = EngineFilters.Pattern(pattern.TrimStart('/'));
            return all.Where(c => c.Names.Any(wildcard.IsMatch)).Select(c => new ItemTarget(c.Id, c.Engine, c)).ToList();
        }

        /// <summary>Writes the container as it is now (for -PassThru); a failure is one non-terminating error.</summary>
        private protected void WriteCurrent(IDockerEngine engine, ItemTarget target)
        {
            if (TryCall(ct => ContainerQueries.ByIdAsync(engine, target.Reference, ct), "Container", target.UserInput, out DockerContainer now))
            {
                WriteObject(now);
            }
        }

        /// <summary>A readable name for messages and ShouldProcess: the name when known, else the reference.</summary>
        private protected static string Describe(ItemTarget target) =>
            target.UserInput is DockerContainer c && c.Name.Length > 0 ? c.Name : target.Reference;
    }
}
