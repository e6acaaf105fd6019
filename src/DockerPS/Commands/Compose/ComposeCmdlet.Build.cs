using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using DockerPS.Build;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>The build of a service's image (docker compose build), through the build run Build-Image uses.</summary>
    public abstract partial class ComposeCmdlet
    {
        /// <summary>ErrorId: a service's image could not be built.</summary>
        internal const string BuildFailedId = ErrorIds.ComposeBuildFailed;

        /// <summary>
        /// Builds <paramref name="s"/>'s image from its build: section, tagged with the service's image name and the
        /// section's tags. Returns the Get-Image rows of the image, or null when the build failed (its errors written).
        /// A missing context folder or Dockerfile is a non-terminating error naming the service's file values.
        /// </summary>
        private protected IReadOnlyList<PSObject>? BuildServiceImage(IDockerEngine engine, ComposeService s, bool noCache, bool pull)
        {
            ComposeBuild b = s.Build!;
            if (!Directory.Exists(b.Context))
            {
                WriteError(ErrorMapper.Record(new DirectoryNotFoundException($"The build context folder '{b.Context}' of service {s.Name} does not exist."), ErrorIds.BuildContextNotFound, ErrorCategory.ObjectNotFound, b.Context));
                return null;
            }

            string? inline = null;
            try
            {
                string dockerfileFull;
                if (b.DockerfileInline != null)
                {
                    // dockerfile_inline goes along in the context under a generated name, as a Dockerfile outside it does.
                    inline = Path.Combine(Path.GetTempPath(), "dockerps-inline-" + Guid.NewGuid().ToString("N").Substring(0, 12), "Dockerfile");
                    Directory.CreateDirectory(Path.GetDirectoryName(inline)!);
                    System.IO.File.WriteAllText(inline, b.DockerfileInline);
                    dockerfileFull = inline;
                }
                else
                {
                    dockerfileFull = Path.GetFullPath(Path.IsPathRooted(b.Dockerfile) ? b.Dockerfile : Path.Combine(b.Context, b.Dockerfile));
                    if (!System.IO.File.Exists(dockerfileFull))
                    {
                        WriteError(ErrorMapper.Record(new FileNotFoundException($"The Dockerfile '{dockerfileFull}' of service {s.Name} does not exist."), ErrorIds.DockerfileNotFound, ErrorCategory.ObjectNotFound, b.Dockerfile));
                        return null;
                    }
                }

                string dockerfile;
                IReadOnlyList<BuildContextEntry> entries;
                try
                {
                    (dockerfile, entries, _) = BuildFiles.FolderContext(b.Context, dockerfileFull);
                }
                catch (Exception e) when (e is ArgumentException || e is IOException || e is UnauthorizedAccessException)
                {
                    WriteError(ErrorMapper.Record(e, ErrorIds.BuildContextUnreadable, ErrorCategory.ReadError, b.Context));
                    return null;
                }

                var request = new ImageBuildRequest
                {
                    Dockerfile = dockerfile,
                    Target = b.Target,
                    NoCache = noCache || b.NoCache,
                    Pull = pull || b.Pull,
                    NetworkMode = b.Network,
                    ShmSize = b.ShmSize,
                };
                request.Tags.Add(s.Image);
                foreach (string t in b.Tags)
                {
                    request.Tags.Add(t);
                }

                foreach (string c in b.CacheFrom)
                {
                    request.CacheFrom.Add(c);
                }

                foreach (string h in b.ExtraHosts)
                {
                    request.ExtraHosts.Add(h);
                }

                foreach (KeyValuePair<string, string> a in b.Args)
                {
                    request.BuildArgs[a.Key] = a.Value;
                }

                foreach (KeyValuePair<string, string> l in b.Labels)
                {
                    request.Labels[l.Key] = l.Value;
                }

                WriteVerbose($"Building the image {s.Image} of service {s.Name} from {b.Context} ({entries.Count} files and folders).");
                var job = new ImageBuildJob(request, entries, b.Context, s.Name)
                {
                    DockerfileFull = dockerfileFull,
                    DockerfileName = b.DockerfileInline != null ? "dockerfile_inline" : b.Dockerfile,
                    Activity = "Building " + s.Image + " (service " + s.Name + ")",
                    // shm_size applies to RUN steps of the legacy builder only; Auto then picks it, as Build-Image does.
                    LegacyOnly = b.ShmSize != null ? new List<string> { "shm_size" } : new List<string>(),
                };
                return RunImageBuild(engine, job);
            }
            finally
            {
                if (inline != null)
                {
                    try
                    {
                        Directory.Delete(Path.GetDirectoryName(inline)!, recursive: true);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        }
    }
}
