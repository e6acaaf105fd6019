using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Progress;
using DockerPS.Registry;

namespace DockerPS.Commands.Image
{
    /// <summary>
    /// What image and registry cmdlets share: the Get-Image rows of a changed image and reference splitting
    /// (progress and registry credentials are on <see cref="DockerCmdlet"/>, as container creation pulls too).
    /// </summary>
    public abstract class ImageOperationCmdlet : DockerCmdlet
    {

        /// <summary>
        /// The Get-Image rows of one image after a change (pull, load, build, commit): the row of
        /// <paramref name="reference"/> when it is a tag of the image, else every row of the image.
        /// </summary>
        internal static async System.Threading.Tasks.Task<IReadOnlyList<DockerImage>> ImageRowsAsync(IDockerEngine engine, string reference, System.Threading.CancellationToken ct)
        {
            DockerImageDetail detail = await engine.InspectImageAsync(reference, ct).ConfigureAwait(false);
            IReadOnlyList<DockerImage> all = await engine.ListImagesAsync(new ImageListQuery { All = true }, ct).ConfigureAwait(false);
            List<DockerImage> rows = all.Where(i => i.Id == detail.Id).ToList();
            List<DockerImage> exact = rows.Where(i => string.Equals(i.Reference, reference, StringComparison.Ordinal)
                || string.Equals(i.Reference, reference + ":latest", StringComparison.Ordinal)).ToList();
            return exact.Count > 0 ? exact : rows;
        }

        /// <summary>Writes every local tag of <paramref name="repository"/> (after -AllTags pulls and pushes).</summary>
        private protected void WriteRepositoryImages(IDockerEngine engine, string repository, object target)
        {
            if (TryCall(ct => engine.ListImagesAsync(new ImageListQuery(), ct), "Image", target, out IReadOnlyList<DockerImage> all))
            {
                WriteObject(all.Where(GetImageCommand.ReferenceMatcher(repository)), enumerateCollection: true);
            }
        }

        /// <summary>Splits repository[:tag] (a registry port is not a tag); a digest stays with the repository.</summary>
        internal static (string Repository, string? Tag) SplitReference(string reference)
        {
            if (reference.IndexOf('@') >= 0)
            {
                return (reference, null);
            }

            int slash = reference.LastIndexOf('/');
            int colon = reference.LastIndexOf(':');
            return colon > slash ? (reference.Substring(0, colon), reference.Substring(colon + 1)) : (reference, null);
        }
    }
}
