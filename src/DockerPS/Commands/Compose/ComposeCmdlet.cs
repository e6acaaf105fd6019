using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Compose;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Base of the Compose cmdlets: where the project's files are (-File, -ProjectDirectory, or the default names in
    /// the current folder), the active profiles, and the labels Compose puts on what it creates.
    /// </summary>
    public abstract partial class ComposeCmdlet : DockerCmdlet
    {
        internal const string ProjectLabel = "com.docker.compose.project";
        internal const string ServiceLabel = "com.docker.compose.service";
        internal const string NumberLabel = "com.docker.compose.container-number";
        internal const string OneoffLabel = "com.docker.compose.oneoff";
        internal const string HashLabel = "com.docker.compose.config-hash";
        internal const string WorkingDirLabel = "com.docker.compose.project.working_dir";
        internal const string ConfigFilesLabel = "com.docker.compose.project.config_files";
        internal const string VersionLabel = "com.docker.compose.version";
        internal const string DependsOnLabel = "com.docker.compose.depends_on";
        internal const string ImageLabel = "com.docker.compose.image";
        internal const string NetworkLabel = "com.docker.compose.network";
        internal const string VolumeLabel = "com.docker.compose.volume";

        /// <summary>The Compose version DockerPS writes in com.docker.compose.version: the v2 file format it follows.</summary>
        internal const string ComposeVersion = "2.0.0";

        /// <summary>ErrorId: a depends_on condition that failed (unhealthy, exited non-zero, timed out).</summary>
        internal const string DependencyFailedId = ErrorIds.ComposeDependencyFailed;

        /// <summary>Compose files, merged in order (docker compose -f). Without it compose.yaml (or its other names) and its override are read.</summary>
        [Parameter]
        [Alias("f")]
        [ValidateNotNullOrEmpty]
        public string[]? File { get; set; }

        /// <summary>The project folder (docker compose --project-directory); default: the folder of the first file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProjectDirectory { get; set; }

        /// <summary>Profiles to enable (docker compose --profile); default: COMPOSE_PROFILES.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Profile { get; set; }

        /// <summary>The project name given by the caller, if any.</summary>
        private protected abstract string? GivenProjectName { get; }

        /// <summary>Reads the project's files; a bad file is a terminating error naming the file, line and key.</summary>
        private protected ComposeProject LoadProject()
        {
            var options = new ComposeLoadOptions
            {
                CurrentDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath,
                ProjectDirectory = ProjectDirectory,
                ProjectName = GivenProjectName,
                Files = File ?? Array.Empty<string>(),
                Profiles = Profile,
            };

            try
            {
                ComposeProject project = ComposeLoader.Load(options, EngineLoader.Factory.Yaml);
                foreach (string w in project.Config.Warnings)
                {
                    WriteWarning(w);
                }

                return project;
            }
            catch (ComposeFileException e)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, e.ErrorId, Category(e.ErrorId), (object?)e.File ?? e.Key));
                throw; // not reached
            }
        }

        /// <summary>The project name: as given, else read from the files (as docker compose -p or the files decide).</summary>
        private protected string ProjectNameOrLoad() => GivenProjectName ?? LoadProject().Config.Name;

        private static ErrorCategory Category(string errorId) => errorId switch
        {
            ComposeLoader.FileNotFoundId => ErrorCategory.ObjectNotFound,
            ComposeLoader.NotSupportedId => ErrorCategory.NotImplemented,
            ComposeLoader.VariableMissingId => ErrorCategory.InvalidData,
            _ => ErrorCategory.InvalidData,
        };

        /// <summary>The project's containers (docker compose ps -a), oneoff ones left out as Compose does unless <paramref name="oneoff"/> (down takes them too).</summary>
        private protected IReadOnlyList<DockerContainer> ProjectContainers(IDockerEngine engine, string project, bool all = true, bool oneoff = false)
        {
            var query = new ContainerListQuery { All = all };
            query.Filters["label"] = new List<string> { ProjectLabel + "=" + project };
            return Call(ct => engine.ListContainersAsync(query, ct), "Container", project)
                .Where(c => oneoff || !(c.Labels.TryGetValue(OneoffLabel, out string? o) && string.Equals(o, "True", StringComparison.OrdinalIgnoreCase)))
                .ToList();
        }

        private protected static string ServiceOf(DockerContainer c) => c.Labels.TryGetValue(ServiceLabel, out string? s) ? s : string.Empty;

        private protected static int NumberOf(DockerContainer c) =>
            c.Labels.TryGetValue(NumberLabel, out string? n) && int.TryParse(n, out int i) ? i : 0;
    }
}
