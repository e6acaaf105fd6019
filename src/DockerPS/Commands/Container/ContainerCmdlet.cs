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
    /// <summary>One container a cmdlet acts on: what the user gave, and the engine it belongs to.</summary>
    public sealed class ContainerTarget
    {
        public ContainerTarget(string reference, string? engine, object userInput)
        {
            Reference = reference;
            Engine = engine;
            UserInput = userInput;
        }

        /// <summary>An id or name the engine resolves.</summary>
        public string Reference { get; }

        /// <summary>The engine of a piped object; null to resolve from -Host or the environment.</summary>
        public string? Engine { get; }

        /// <summary>What the user gave (a name, an id, a piped object): the TargetObject of errors.</summary>
        public object UserInput { get; }

        public override string ToString() => Reference;
    }

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
        public string[] Name { get; set; } = Array.Empty<string>();

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
        protected abstract void ProcessContainer(ContainerTarget target, IDockerEngine engine);

        protected override void ProcessRecord()
        {
            foreach (ContainerTarget target in Targets())
            {
                IDockerEngine engine = Connect(EndpointFor(target));
                ProcessContainer(target, engine);
            }
        }

        /// <summary>The endpoint for one container: -Host wins, then the object's own engine, then the environment.</summary>
        protected EngineEndpoint EndpointFor(ContainerTarget target)
        {
            if (Host != null && Host.Length > 0)
            {
                return ResolveEndpoints()[0];
            }

            string? saved = Engine;
            Engine = target.Engine ?? Engine;
            try
            {
                return ResolveEndpoints()[0];
            }
            finally
            {
                Engine = saved;
            }
        }

        private IEnumerable<ContainerTarget> Targets()
        {
            switch (ParameterSetName)
            {
                case InputObjectSet:
                    foreach (DockerContainer c in InputObject)
                    {
                        yield return new ContainerTarget(c.Id, string.IsNullOrEmpty(c.Engine) ? null : c.Engine, c);
                    }

                    break;
                case IdSet:
                    foreach (string id in Id)
                    {
                        yield return new ContainerTarget(id, null, id);
                    }

                    break;
                default:
                    foreach (string name in Name)
                    {
                        if (NamesTakeWildcards && WildcardPattern.ContainsWildcardCharacters(name))
                        {
                            foreach (ContainerTarget t in ExpandWildcard(name))
                            {
                                yield return t;
                            }
                        }
                        else
                        {
                            yield return new ContainerTarget(name.TrimStart('/'), null, name);
                        }
                    }

                    break;
            }
        }

        private IEnumerable<ContainerTarget> ExpandWildcard(string pattern)
        {
            EngineEndpoint endpoint = EndpointFor(new ContainerTarget(pattern, null, pattern));
            IDockerEngine engine = Connect(endpoint);
            IReadOnlyList<DockerContainer> all = Call(ct => engine.ListContainersAsync(new ContainerListQuery { All = true }, ct), "Container", pattern);
            WildcardPattern wildcard = EngineFilters.Pattern(pattern.TrimStart('/'));
            return all.Where(c => c.Names.Any(wildcard.IsMatch)).Select(c => new ContainerTarget(c.Id, c.Engine, c)).ToList();
        }

        /// <summary>Writes the container as it is now (for -PassThru); a failure is one non-terminating error.</summary>
        protected void WriteCurrent(IDockerEngine engine, ContainerTarget target)
        {
            if (TryCall(ct => ContainerQueries.ByIdAsync(engine, target.Reference, ct), "Container", target.UserInput, out DockerContainer now))
            {
                WriteObject(now);
            }
        }

        /// <summary>A readable name for messages and ShouldProcess: the name when known, else the reference.</summary>
        protected static string Describe(ContainerTarget target) =>
            target.UserInput is DockerContainer c && c.Name.Length > 0 ? c.Name : target.Reference;
    }
}
