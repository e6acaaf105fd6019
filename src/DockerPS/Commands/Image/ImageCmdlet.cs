using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completers;
using System.Management.Automation.Runspaces;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Registry;

namespace DockerPS.Commands.Image
{
    /// <summary>
    /// Base of the cmdlets that act on existing images. Images come by reference (position 0, or piped strings and
    /// objects with a Reference property), by id, or as piped DockerImage objects, whose Engine sends the work back
    /// to the engine they came from. One failed image writes one non-terminating error and the rest go on.
    /// </summary>
    public abstract class ImageCmdlet : ImageOperationCmdlet
    {
        protected const string ReferenceSet = "Reference";
        protected const string IdSet = "Id";
        protected const string InputObjectSet = "InputObject";

        /// <summary>Image references: repository[:tag], repository@digest, or an id.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ReferenceSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageReferenceCompleter))]
        public virtual string[] Reference { get; set; } = Array.Empty<string>();

        /// <summary>Image ids (sha256:… or a unique hex prefix).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Images from Get-Image or another DockerPS cmdlet.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DockerImage[] InputObject { get; set; } = Array.Empty<DockerImage>();

        /// <summary>Whether -Reference takes wildcards (cmdlets that only read).</summary>
        protected virtual bool ReferencesTakeWildcards => false;

        /// <summary>The images of this pipeline record, wildcards expanded.</summary>
        private protected IEnumerable<ItemTarget> Targets()
        {
            switch (ParameterSetName)
            {
                case InputObjectSet:
                    foreach (DockerImage image in InputObject)
                    {
                        yield return new ItemTarget(image.Reference.Length > 0 ? image.Reference : image.Id, string.IsNullOrEmpty(image.Engine) ? null : image.Engine, image);
                    }

                    break;
                case IdSet:
                    foreach (string id in Id)
                    {
                        yield return new ItemTarget(id, null, id);
                    }

                    break;
                default:
                    foreach (string reference in Reference)
                    {
                        if (ReferencesTakeWildcards && WildcardPattern.ContainsWildcardCharacters(reference))
                        {
                            foreach (ItemTarget t in ExpandWildcard(reference))
                            {
                                yield return t;
                            }
                        }
                        else
                        {
                            yield return new ItemTarget(reference, null, reference);
                        }
                    }

                    break;
            }
        }

        /// <summary>The endpoint for one image: -Host wins, then the object's own engine, then the environment.</summary>
        private protected EngineEndpoint EndpointFor(ItemTarget target) => EndpointFor(target.Engine);

        private IEnumerable<ItemTarget> ExpandWildcard(string pattern)
        {
            IDockerEngine engine = Connect(EndpointFor((string?)null));
            IReadOnlyList<DockerImage> all = Call(ct => engine.ListImagesAsync(new ImageListQuery(), ct), "Image", pattern);
            List<ItemTarget> matches = all.Where(GetImageCommand.ReferenceMatcher(pattern)).Select(i => new ItemTarget(i.Reference, i.Engine, i)).ToList();
            if (matches.Count == 0)
            {
                WriteVerbose("No image matches " + pattern + ".");
            }

            return matches;
        }

    }
}
