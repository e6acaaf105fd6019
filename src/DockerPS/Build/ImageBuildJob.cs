using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Build.Session;
using DockerPS.Engine;

namespace DockerPS.Build
{
    /// <summary>
    /// One image build as Build-Image and the Compose cmdlets hand it to the shared build run: the request, the context,
    /// and how the caller names things in progress, verbose messages and errors.
    /// </summary>
    internal sealed class ImageBuildJob
    {
        public ImageBuildJob(ImageBuildRequest request, IReadOnlyList<BuildContextEntry> entries, string context, object target)
        {
            Request = request;
            Entries = entries;
            Context = context;
            Target = target;
        }

        public ImageBuildRequest Request { get; }

        /// <summary>The context's files and folders (empty when <see cref="ImageBuildRequest.ContextArchive"/> goes as it is).</summary>
        public IReadOnlyList<BuildContextEntry> Entries { get; }

        /// <summary>The context folder or archive: shown in progress, and the session's root.</summary>
        public string Context { get; }

        /// <summary>The target object of the build's errors (what the user named: -Path, a service).</summary>
        public object Target { get; }

        /// <summary>The Dockerfile on disk, read for its FROM registries and a '# syntax=' line; null when inside an archive.</summary>
        public string? DockerfileFull { get; set; }

        /// <summary>The Dockerfile as the user named it (the target of a refused '# syntax=').</summary>
        public string DockerfileName { get; set; } = "Dockerfile";

        /// <summary>Auto, BuildKit or Legacy.</summary>
        public string Builder { get; set; } = "Auto";

        public PSCredential? Credential { get; set; }

        public List<BuildSecret> Secrets { get; set; } = new List<BuildSecret>();

        public BuildOutput? Output { get; set; }

        /// <summary>The given options only the legacy builder applies, as the user named them (-Memory, shm_size).</summary>
        public List<string> LegacyOnly { get; set; } = new List<string>();

        /// <summary>The progress activity; "Building &lt;first tag or context&gt;" when null.</summary>
        public string? Activity { get; set; }
    }
}
