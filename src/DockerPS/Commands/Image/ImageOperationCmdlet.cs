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
    /// What image and registry cmdlets share: engine work with per-layer progress and the errors hidden in the
    /// engine's message stream, registry credentials, and the Get-Image rows of a changed image.
    /// </summary>
    public abstract class ImageOperationCmdlet : DockerCmdlet
    {

        /// <summary>
        /// Runs engine work that reports a JSON message stream. Progress goes to Write-Progress (one parent, one child per
        /// layer); an engine exception and every error inside the stream become non-terminating errors named with
        /// <paramref name="failedId"/> unless a more specific id fits (AuthenticationFailed, ImageNotFound). Returns
        /// false when anything failed.
        /// </summary>
        private protected bool RunWithProgress(string activity, Func<LayerProgress, CancellationToken, Task> work, string failedId, object? target, out LayerProgress progress, Func<string?>? step = null)
        {
            var p = new LayerProgress(activity, record => Post(() => WriteProgress(record)));
            progress = p;
            bool ok = true;
            try
            {
                Await(ct => work(p, ct));
            }
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                if (e is DockerConnectionException)
                {
                    WriteEngineError(e, "Image", target);
                }

                WriteError(StreamErrors.FromException(e, failedId, "Image", target));
                ok = false;
            }
            finally
            {
                if (!StopToken.IsCancellationRequested)
                {
                    foreach (ProgressRecord record in p.Completion())
                    {
                        WriteProgress(record);
                    }
                }
            }

            string? failedStep = step?.Invoke();
            foreach (string error in p.Errors)
            {
                // A build names the step that failed: the engine's message alone says only the exit code.
                WriteError(StreamErrors.Record(failedStep != null ? failedStep + ": " + error : error, failedId, target));
                ok = false;
            }

            return ok;
        }

        /// <summary>
        /// The Get-Image rows of one image after a change (pull, load, build, commit): the row of
        /// <paramref name="reference"/> when it is a tag of the image, else every row of the image.
        /// </summary>
        private protected static async System.Threading.Tasks.Task<IReadOnlyList<DockerImage>> ImageRowsAsync(IDockerEngine engine, string reference, System.Threading.CancellationToken ct)
        {
            DockerImageDetail detail = await engine.InspectImageAsync(reference, ct).ConfigureAwait(false);
            IReadOnlyList<DockerImage> all = await engine.ListImagesAsync(new ImageListQuery { All = true }, ct).ConfigureAwait(false);
            List<DockerImage> rows = all.Where(i => i.Id == detail.Id).ToList();
            List<DockerImage> exact = rows.Where(i => string.Equals(i.Reference, reference, StringComparison.Ordinal)
                || string.Equals(i.Reference, reference + ":latest", StringComparison.Ordinal)).ToList();
            return exact.Count > 0 ? exact : rows;
        }

        /// <summary>The key of this session's registry logins: the runspace.</summary>
        /// <summary>Writes every local tag of <paramref name="repository"/> (after -AllTags pulls and pushes).</summary>
        private protected void WriteRepositoryImages(IDockerEngine engine, string repository, object target)
        {
            if (TryCall(ct => engine.ListImagesAsync(new ImageListQuery(), ct), "Image", target, out IReadOnlyList<DockerImage> all))
            {
                WriteObject(all.Where(GetImageCommand.ReferenceMatcher(repository)), enumerateCollection: true);
            }
        }

        protected static string SessionKey => Runspace.DefaultRunspace?.InstanceId.ToString() ?? "process";

        /// <summary>The credentials for <paramref name="registry"/>: -Credential, the session login, then the docker config.</summary>
        private protected RegistryAuth? ResolveAuth(string registry, PSCredential? credential)
        {
            try
            {
                RegistryAuth? auth = RegistryCredentials.Resolve(registry, credential, SessionKey, EndpointResolver.ForCurrentProcess().ConfigDirectory);
                WriteVerbose(auth == null
                    ? "No credentials for " + registry + "; going anonymously."
                    : "Credentials for " + registry + " from " + auth.Source + " (user " + (auth.UserName ?? "<token>") + ").");
                return auth;
            }
            catch (Exception e) when (e is ArgumentException || e is TimeoutException || e is System.IO.IOException || e is InvalidOperationException)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, "RegistryCredentialsUnreadable", ErrorCategory.ReadError, registry));
                throw; // not reached
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
