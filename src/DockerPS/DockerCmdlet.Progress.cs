using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Progress;
using DockerPS.Registry;

namespace DockerPS
{
    /// <summary>
    /// Engine work with per-layer progress and the errors hidden in the engine's message stream, and registry
    /// credentials: image cmdlets and the container cmdlets that pull share them.
    /// </summary>
    public abstract partial class DockerCmdlet
    {
        /// <summary>
        /// Runs engine work that reports a JSON message stream. Progress goes to Write-Progress (one parent, one child per
        /// layer); an engine exception and every error inside the stream become non-terminating errors named with
        /// <paramref name="failedId"/> unless a more specific id fits (AuthenticationFailed, ImageNotFound). Returns
        /// false when anything failed.
        /// </summary>
        private protected bool RunWithProgress(string activity, Func<LayerProgress, CancellationToken, Task> work, string failedId, object? target, out LayerProgress progress, Func<string?>? step = null,
            Func<string, ErrorRecord>? streamError = null)
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
                WriteError(streamError != null ? streamError(error) : StreamErrors.Record(failedStep != null ? failedStep + ": " + error : error, failedId, target));
                ok = false;
            }

            return ok;
        }

        /// <summary>The key of this session's registry logins: the runspace.</summary>
        protected static string SessionKey => Runspace.DefaultRunspace?.InstanceId.ToString() ?? "process";

        /// <summary>
        /// docker pull of <paramref name="image"/> (latest when it has no tag), with Install-Image's layer progress;
        /// shared by New-Container's -Pull and Start-ComposeProject. A failure is one non-terminating error; false then.
        /// </summary>
        private protected bool PullImage(IDockerEngine engine, string image, string? platform)
        {
            Images.ImageReference? reference = ReadImageReference(image);
            if (reference == null)
            {
                return false;
            }

            RegistryAuth? auth = ResolveAuth(reference.Registry, null);
            return RunWithProgress("Pulling " + image, (p, ct) => engine.PullImageAsync(reference.WrittenName, reference.PullTag, platform, auth, p, ct),
                Commands.Container.ContainerCreateCmdlet.ImagePullFailedId, image, out _);
        }

        /// <summary>
        /// Reads an image reference the user gave (<see cref="Images.ImageReference"/>); when it is not valid, writes one
        /// InvalidImageReference error with the docker CLI's reason, targeting the text, and returns null.
        /// </summary>
        private protected Images.ImageReference? ReadImageReference(string text)
        {
            if (Images.ImageReference.TryParse(text, out Images.ImageReference? reference, out string? reason))
            {
                return reference;
            }

            WriteError(ErrorMapper.Record(new ArgumentException(Images.ImageReference.InvalidMessage(text, reason!)), ErrorIds.InvalidImageReference, ErrorCategory.InvalidArgument, text));
            return null;
        }

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
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.RegistryCredentialsUnreadable, ErrorCategory.ReadError, registry));
                throw; // not reached
            }
        }
    }
}
