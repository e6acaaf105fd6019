using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Build;
using DockerPS.Build.Session;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Progress;
using DockerPS.Registry;

namespace DockerPS
{
    /// <summary>
    /// The image build that Build-Image and the Compose cmdlets (Build-ComposeImage, Start-ComposeProject) share: the
    /// choice of builder, the registry credentials of the FROM lines, progress, BuildKit's trace, the errors of a failed
    /// step, and the rows of the built image.
    /// </summary>
    public abstract partial class DockerCmdlet
    {
        internal const string BuilderAuto = "Auto";
        internal const string BuilderBuildKit = "BuildKit";
        internal const string BuilderLegacy = "Legacy";

        /// <summary>
        /// Picks the builder, runs one build with its progress and output, and returns what it made: the image's
        /// Get-Image rows with a Builder note, or the folder or file an exporter wrote; null when the build failed (its
        /// errors are written). Build-Image and the Compose cmdlets build through this one run.
        /// </summary>
        private protected IReadOnlyList<PSObject>? RunImageBuild(IDockerEngine engine, ImageBuildJob job)
        {
            ImageBuildRequest request = job.Request;
            List<BuildSecret> secrets = job.Secrets;
            BuildOutput? output = job.Output;
            string context = job.Context;
            string? dockerfileFull = job.DockerfileFull;
            foreach (string from in dockerfileFull != null ? BuildFiles.FromRegistries(dockerfileFull) : Enumerable.Empty<string>())
            {
                RegistryAuth? auth = ResolveAuth(from, job.Credential);
                if (auth != null)
                {
                    request.Auths.Add(auth);
                }
            }

            request.BuildKit = ChooseBuilder(engine, job, request.Auths.Count > 0, secrets.Count > 0 || output != null);
            if (secrets.Count > 0 || output != null)
            {
                if (!request.BuildKit)
                {
                    string what = secrets.Count > 0 ? "-Secret" : "-Output";
                    ThrowTerminatingError(ErrorMapper.Record(
                        new NotSupportedException(what + " needs a BuildKit build, and this one uses the legacy builder (which has no build secrets and no exporters)."),
                        ErrorIds.BuildKitUnavailable,
                        ErrorCategory.NotImplemented,
                        what.Substring(1)));
                }

                request.Session = new BuildSession(System.IO.Path.GetFullPath(context), secrets, output);
                WriteVerbose("Opening a BuildKit session for "
                    + (secrets.Count > 0 ? secrets.Count.ToString(CultureInfo.InvariantCulture) + " secret(s): " + string.Join(", ", secrets.Select(x => x.Id)) : "no secrets")
                    + (output != null ? "; the result goes to " + output.Destination + " (" + output.Type + ")" : string.Empty) + ".");
            }

            if (request.BuildKit && dockerfileFull != null && BuildFiles.SyntaxDirective(dockerfileFull) is string syntax)
            {
                // The engine would pull the frontend image and talk to it over a session: neither may happen unasked.
                ThrowTerminatingError(SessionRequired("The Dockerfile's '# syntax=" + syntax + "' directive", job.DockerfileName));
            }

            string? step = null;
            var buildKit = new BuildKitProgress();
            BuildSession? session = request.Session;
            bool ok = RunWithProgress(job.Activity ?? "Building " + (request.Tags.Count > 0 ? request.Tags[0] : context), (p, ct) =>
            {
                p.OnMessage = m =>
                {
                    if (m.BuildKitTrace != null)
                    {
                        OnTrace(buildKit, m.BuildKitTrace, p);
                        return;
                    }

                    if (string.IsNullOrEmpty(m.Stream))
                    {
                        return;
                    }

                    foreach (string raw in m.Stream!.Split('\n'))
                    {
                        string line = raw.TrimEnd('\r');
                        if (line.Trim().Length == 0)
                        {
                            continue;
                        }

                        if (line.StartsWith("Step ", StringComparison.Ordinal))
                        {
                            step = line;
                        }

                        Post(() => WriteInformation(line, new[] { "BuildOutput" }));
                    }
                };
                return engine.BuildImageAsync(job.Entries, request, p, ct);
            }, ErrorIds.ImageBuildFailed, job.Target, out var progress, step: () => step, streamError: request.BuildKit ? e => BuildKitError(e, buildKit, session, job.Target) : (Func<string, ErrorRecord>?)null);

            // Output of a step that ended without a newline; the build is over, so straight to the stream.
            var rest = new List<KeyValuePair<string, string>>();
            buildKit.Flush(rest);
            WriteLines(buildKit, rest, line => WriteInformation(line, new[] { "BuildOutput" }));
            if (request.Session != null)
            {
                WriteVerbose("The build read " + request.Session.SecretsServed.ToString(CultureInfo.InvariantCulture) + " secret(s) through the session.");
            }

            if (!ok)
            {
                return null;
            }

            if (output != null)
            {
                // An exporter replaces the image: nothing is stored in the engine, the result is the folder or file.
                WriteVerbose(output.Type == BuildOutput.TypeTar
                    ? "Wrote " + output.Written.ToString(CultureInfo.InvariantCulture) + " bytes to " + output.Destination + "."
                    : "Wrote " + output.Written.ToString(CultureInfo.InvariantCulture) + " files and folders to " + output.Destination + ".");
                FileSystemInfo written = output.Type == BuildOutput.TypeTar ? new FileInfo(output.Destination) : new DirectoryInfo(output.Destination);
                var result = PSObject.AsPSObject(written);
                result.Properties.Add(new PSNoteProperty("Builder", BuilderBuildKit));
                return new[] { result };
            }

            string? reference = request.Tags.Count > 0
                ? (Commands.Image.ImageOperationCmdlet.SplitReference(request.Tags[0]).Tag == null ? request.Tags[0] + ":latest" : request.Tags[0])
                : progress.AuxId ?? BuildFiles.FindSuccessId(progress.Lines);
            var results = new List<PSObject>();
            if (reference == null)
            {
                return results;
            }

            if (TryCall(ct => Commands.Image.ImageOperationCmdlet.ImageRowsAsync(engine, reference, ct), "Image", reference, out IReadOnlyList<DockerImage> rows))
            {
                string builder = request.BuildKit ? BuilderBuildKit : BuilderLegacy;
                foreach (DockerImage row in rows)
                {
                    // A note, not a model property: which builder made an image is a fact of this build, not of the image.
                    var item = PSObject.AsPSObject(row);
                    item.Properties.Add(new PSNoteProperty("Builder", builder));
                    results.Add(item);
                }
            }

            return results;
        }

        /// <summary>The error for a feature that needs a BuildKit session; the target is the parameter name, never a secret's value.</summary>
        private protected static ErrorRecord SessionRequired(string what, object target) =>
            ErrorMapper.Record(
                new NotSupportedException(what + " needs a BuildKit session service that Build-Image does not support yet (its session serves secrets only). Use docker buildx build for it."),
                ErrorIds.BuildKitSessionRequired,
                ErrorCategory.NotImplemented,
                target);

        /// <summary>True to build with BuildKit: -Builder, else what the engine offers. Says which on -Verbose.</summary>
        private bool ChooseBuilder(IDockerEngine engine, ImageBuildJob job, bool credentials, bool needsBuildKit)
        {
            List<string> legacyOnly = job.LegacyOnly;
            if (job.Builder == BuilderLegacy)
            {
                WriteVerbose("Building with the legacy builder (-Builder Legacy).");
                return false;
            }

            if (legacyOnly.Count > 0)
            {
                string names = string.Join(", ", legacyOnly);
                if (job.Builder == BuilderAuto && !needsBuildKit)
                {
                    WriteVerbose("Building with the legacy builder: BuildKit does not apply " + names + " to RUN steps.");
                    return false;
                }

                ThrowTerminatingError(ErrorMapper.Record(
                    new NotSupportedException(names + (legacyOnly.Count > 1 ? " apply" : " applies") + " only with the legacy builder: BuildKit builds without " + (legacyOnly.Count > 1 ? "them" : "it") + ". Use -Builder Legacy or Auto"
                        + (needsBuildKit ? ", without -Secret and -Output." : ".")),
                    ErrorIds.BuildOptionNeedsLegacyBuilder,
                    ErrorCategory.InvalidArgument,
                    names));
            }

            if (credentials)
            {
                // BuildKit asks the client session for registry credentials; without one the FROM pull would go anonymously.
                if (job.Builder == BuilderAuto && !needsBuildKit)
                {
                    WriteVerbose("Building with the legacy builder: BuildKit takes registry credentials only through a session, which Build-Image does not open yet.");
                    return false;
                }

                WriteWarning("BuildKit takes registry credentials only through a session, which Build-Image does not open yet: the FROM images are pulled anonymously.");
            }

            if (!TryCall(ct => engine.GetBuilderSupportAsync(ct), "Image", job.Target, out BuilderSupport support))
            {
                ThrowTerminatingError(ErrorMapper.Record(new InvalidOperationException("Could not ask the engine which builder it offers."), ErrorIds.ImageBuildFailed, ErrorCategory.ConnectionError, job.Target));
            }

            if (job.Builder == BuilderBuildKit && !support.BuildKit)
            {
                ThrowTerminatingError(ErrorMapper.Record(
                    new NotSupportedException("This engine does not offer BuildKit: " + support.Reason + ". Use -Builder Legacy or Auto."),
                    ErrorIds.BuildKitUnavailable,
                    ErrorCategory.NotImplemented,
                    job.Builder));
            }

            WriteVerbose(support.BuildKit
                ? "Building with BuildKit: " + support.Reason + "."
                : "Building with the legacy builder: " + support.Reason + ".");
            return support.BuildKit;
        }

        /// <summary>One BuildKit status message: a progress record per step that changed and its log lines on the information stream.</summary>
        private void OnTrace(BuildKitProgress buildKit, byte[] trace, LayerProgress progress)
        {
            BuildKitStatus status;
            try
            {
                status = BuildKitStatus.Parse(trace);
            }
            catch (FormatException e)
            {
                // Progress is best effort: an undecodable message must not fail a build that succeeds.
                Post(() => WriteVerbose("A BuildKit progress message could not be read: " + e.Message));
                return;
            }

            var lines = new List<KeyValuePair<string, string>>();
            foreach (BuildKitProgress.Step changed in buildKit.Apply(status, lines))
            {
                string title = "#" + changed.Number.ToString(CultureInfo.InvariantCulture) + " " + changed.Name;
                string state = changed.State;
                bool final = state != "running" && state != "waiting";
                progress.ReportStep(title, state, final);
                if (final)
                {
                    string line = "#" + changed.Number.ToString(CultureInfo.InvariantCulture) + " " + changed.Name + ": " + state;
                    Post(() => WriteInformation(line, new[] { "BuildOutput" }));
                }
            }

            WriteLines(buildKit, lines, line => Post(() => WriteInformation(line, new[] { "BuildOutput" })));
        }

        /// <summary>Log lines as docker build's plain progress shows them: "#3 text".</summary>
        private static void WriteLines(BuildKitProgress buildKit, List<KeyValuePair<string, string>> lines, Action<string> write)
        {
            foreach (KeyValuePair<string, string> l in lines)
            {
                BuildKitProgress.Step? s = buildKit.Steps.FirstOrDefault(x => x.Name == l.Key);
                write((s != null ? "#" + s.Number.ToString(CultureInfo.InvariantCulture) + " " : string.Empty) + l.Value);
            }
        }

        /// <summary>A failed BuildKit build: the engine's message kept, with the failing step and its last output.</summary>
        private static ErrorRecord BuildKitError(string engineMessage, BuildKitProgress buildKit, BuildSession? session, object target)
        {
            if (session?.Lost is string lost)
            {
                return new ErrorRecord(
                    new DockerStreamException(engineMessage + " (the BuildKit session ended before the build: " + lost + ")"),
                    ErrorIds.BuildKitSessionLost,
                    ErrorCategory.ConnectionError,
                    target);
            }

            if (engineMessage.IndexOf("network bridge not found", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return new ErrorRecord(
                    new DockerStreamException(engineMessage + " (the engine has no bridge network, as with dockerd --bridge=none: pass -Network none or -Network host)"),
                    ErrorIds.BuildNetworkUnavailable,
                    ErrorCategory.ResourceUnavailable,
                    target);
            }

            // Classified by the engine's words alone: a step's own output ("not found") must not rename the error.
            // A required secret mount whose id the session does not have: BuildKit's "secret <id> not found".
            (string id, ErrorCategory category) = System.Text.RegularExpressions.Regex.IsMatch(engineMessage, @"\bsecret \S+ not found")
                ? (ErrorIds.BuildSecretNotFound, ErrorCategory.ObjectNotFound)
                : StreamErrors.Classify(engineMessage, ErrorIds.ImageBuildFailed);
            BuildKitProgress.Step? failed = buildKit.Failed;
            var text = new System.Text.StringBuilder();
            if (failed != null)
            {
                text.Append(failed.Name).Append(": ");
            }

            text.Append(engineMessage);
            if (failed != null && failed.Tail.Count > 0)
            {
                text.Append(Environment.NewLine).Append("Last output of the step:");
                foreach (string line in failed.Tail)
                {
                    text.Append(Environment.NewLine).Append("  ").Append(line);
                }
            }

            return new ErrorRecord(new DockerStreamException(text.ToString()), id, category, target);
        }
    }
}
