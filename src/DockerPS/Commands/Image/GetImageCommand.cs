using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Completers;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Images;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Image
{
    /// <summary>Lists images (docker images): one object per repository:tag, like docker's rows.</summary>
    [Cmdlet(VerbsCommon.Get, "Image", DefaultParameterSetName = ReferenceSet)]
    [OutputType(typeof(DockerImage))]
    public sealed class GetImageCommand : DockerReadCmdlet
    {
        private const string ReferenceSet = "Reference";
        private const string IdSet = "Id";

        /// <summary>
        /// repository or repository:tag; wildcards allowed. Without a tag every tag of the repository matches,
        /// as with docker images busybox.
        /// </summary>
        [Parameter(ParameterSetName = ReferenceSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageReferenceCompleter))]
        public string[]? Reference { get; set; }

        /// <summary>Image ids (sha256:… or the hex alone) or unique prefixes.</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>Include intermediate images (docker images -a).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>Only untagged images that no other image builds on.</summary>
        [Parameter]
        public SwitchParameter Dangling { get; set; }

        /// <summary>Only images with these labels: key, or key=value. All must match.</summary>
        [Parameter]
        public string[]? Label { get; set; }

        /// <summary>Other engine filters, as docker images --filter takes them: @{ before = 'busybox:1' }.</summary>
        [Parameter]
        public Hashtable? Filter { get; set; }

        protected override void ProcessRecord()
        {
            var query = new ImageListQuery { All = All.IsPresent };
            try
            {
                if (Dangling.IsPresent)
                {
                    EngineFilters.Add(query.Filters, "dangling", "true");
                }

                EngineFilters.AddLabels(query.Filters, Label);
                EngineFilters.AddHashtable(query.Filters, Filter);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InvalidImageFilter, ErrorCategory.InvalidArgument, Filter ?? (object?)Label));
            }

            var matcher = new NameMatcher<DockerImage>((IReadOnlyList<string>?)Reference ?? Id, Reference != null ? ReferenceMatcher : IdMatcher, i => i.Id + " " + i.Reference, literal: Id != null);
            Func<DockerImage, bool> referenceFilter = EngineFilters.ReferenceFilter(query.Filters);
            bool everyEngine = ReadEachEngine((engine, ct) => ListWithCountsAsync(engine, query, ct), (_, images) => WriteObject(matcher.Select(images).Where(i => EngineFilters.HasLabels(i.Labels, Label) && referenceFilter(i)), enumerateCollection: true),
                "Image", Filter, ErrorIds.InvalidImageFilter);
            foreach (string wanted in everyEngine ? matcher.Missing() : Array.Empty<string>())
            {
                WriteError(ErrorMapper.Record(new ItemNotFoundException($"No image matches '{wanted}'."), ErrorIds.ImageNotFound, ErrorCategory.ObjectNotFound, wanted));
            }
        }

        /// <summary>
        /// The engine's image list leaves Containers at -1 ("not counted"), so Where-Object Containers -eq 0 would find
        /// nothing: one list of all containers counts them for every image.
        /// </summary>
        private static async Task<IReadOnlyList<DockerImage>> ListWithCountsAsync(IDockerEngine engine, ImageListQuery query, CancellationToken ct)
        {
            IReadOnlyList<DockerImage> images = await engine.ListImagesAsync(query, ct).ConfigureAwait(false);
            if (images.Any(i => i.Containers < 0))
            {
                IReadOnlyList<DockerContainer> containers = await engine.ListContainersAsync(new ContainerListQuery { All = true }, ct).ConfigureAwait(false);
                Dictionary<string, int> counts = containers.GroupBy(c => c.ImageId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                foreach (DockerImage image in images.Where(i => i.Containers < 0))
                {
                    image.Containers = counts.TryGetValue(image.Id, out int n) ? n : 0;
                }
            }

            return images;
        }

        /// <summary>
        /// A pattern with a tag matches repository:tag; one without matches the repository (any tag). The repository
        /// is tried in each of its <see cref="RepositoryForms"/>, so 'busybox' also finds Podman's docker.io/library/busybox
        /// and 'dockerps-test/busybox:*' Podman's localhost/dockerps-test/busybox:1.
        /// </summary>
        internal static Func<DockerImage, bool> ReferenceMatcher(string wanted)
        {
            int slash = wanted.LastIndexOf('/');
            bool hasTag = wanted.IndexOf(':', slash + 1) >= 0;
            WildcardPattern pattern = EngineFilters.Pattern(wanted);
            return image => image.Repository != "<none>"
                && RepositoryForms(image.Repository).Any(r => pattern.IsMatch(hasTag ? r + ":" + image.Tag : r));
        }

        /// <summary>
        /// The repository as stored, then its short forms: Podman stores fully qualified names (localhost/x for local
        /// images, docker.io/library/x for Docker Hub's) where dockerd shows x. Docker normalizes docker.io/ away itself
        /// (and dockerd 20.10's `docker images docker.io/library/x` matches nothing, measured), so on dockerd only a
        /// localhost/ repository gains a form (its name without localhost/), as podman images matches it.
        /// </summary>
        internal static IEnumerable<string> RepositoryForms(string repository)
        {
            yield return repository;
            const string local = "localhost/";
            if (repository.StartsWith(local, StringComparison.Ordinal))
            {
                yield return repository.Substring(local.Length);
                yield break;
            }

            // Stored fully qualified on Docker Hub (Podman): docker.io/library/x is also library/x and x, docker.io/me/x also me/x.
            ImageReference? r = ImageReference.TryParse(repository);
            if (r != null && r.IsNameOnly && r.Domain == ImageReference.DockerHubDomain && r.Name == repository)
            {
                yield return r.Path;
                if (r.FamiliarName != r.Path)
                {
                    yield return r.FamiliarName;
                }
            }
        }

        internal static Func<DockerImage, bool> IdMatcher(string wanted)
        {
            string hex = wanted.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? wanted.Substring(7) : wanted;
            hex = hex.ToLowerInvariant();
            return image => image.Id.Length > 7 && image.Id.Substring(7).StartsWith(hex, StringComparison.Ordinal);
        }
    }
}
