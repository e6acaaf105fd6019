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
        /// <paramref name="reference"/> when it is a tag of the image, else every row of the image. The rows have
        /// familiar names, so a fully qualified reference (Podman's docker.io/me/x:1) is compared in that form.
        /// </summary>
        internal static async System.Threading.Tasks.Task<IReadOnlyList<DockerImage>> ImageRowsAsync(IDockerEngine engine, string reference, System.Threading.CancellationToken ct)
        {
            string familiar = Images.ImageReference.FamiliarOf(reference);
            DockerImageDetail detail = await engine.InspectImageAsync(reference, ct).ConfigureAwait(false);
            IReadOnlyList<DockerImage> all = await engine.ListImagesAsync(new ImageListQuery { All = true }, ct).ConfigureAwait(false);
            List<DockerImage> rows = all.Where(i => i.Id == detail.Id).ToList();
            List<DockerImage> exact = rows.Where(i => string.Equals(i.Reference, familiar, StringComparison.Ordinal)
                || string.Equals(i.Reference, familiar + ":latest", StringComparison.Ordinal)).ToList();
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
    }
}
