using System.Linq;
using System.Management.Automation;
using DockerPS.Compose;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Compose
{
    /// <summary>
    /// Reads a compose project and outputs it resolved (docker compose config): files merged, variables filled in,
    /// profiles applied, services in dependency order. Needs no engine.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ComposeConfig")]
    [OutputType(typeof(ComposeProjectConfig), typeof(string))]
    public sealed class GetComposeConfigCommand : ComposeCmdlet
    {
        /// <summary>The project name (docker compose -p); default: name: in the file, COMPOSE_PROJECT_NAME or the folder's name.</summary>
        [Parameter]
        [Alias("p")]
        [ValidatePattern("^[a-z0-9][a-z0-9_-]*$")]
        public string? ProjectName { get; set; }

        /// <summary>Output the resolved file as YAML text instead of objects.</summary>
        [Parameter]
        public SwitchParameter AsYaml { get; set; }

        private protected override string? GivenProjectName => ProjectName;

        protected override void EndProcessing()
        {
            ComposeProject project = LoadProject();
            if (AsYaml.IsPresent)
            {
                WriteObject(EngineLoader.Factory.Yaml.Write(ComposeLoader.Plain(project.Document)));
                return;
            }

            WriteObject(project.Config);
        }
    }
}
