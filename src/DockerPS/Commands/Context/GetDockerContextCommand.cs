using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Connection;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Context
{
    /// <summary>Lists the docker CLI's contexts (docker context ls): the implicit default and the stored ones.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerContext")]
    [OutputType(typeof(DockerContext))]
    public sealed class GetDockerContextCommand : PSCmdlet
    {
        /// <summary>Context names; wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Only the context in effect now.</summary>
        [Parameter]
        public SwitchParameter Current { get; set; }

        protected override void ProcessRecord()
        {
            DockerContextStore store = DockerContextStore.ForCurrentProcess();
            IReadOnlyList<DockerContext> contexts = store.List((meta, e) =>
                WriteError(ErrorMapper.Record(e, ErrorIds.DockerContextUnreadable, ErrorCategory.ReadError, meta)));
            IEnumerable<DockerContext> selected = Current.IsPresent ? contexts.Where(c => c.Current) : contexts;
            if (Name == null)
            {
                WriteObject(selected, enumerateCollection: true);
                return;
            }

            var list = selected.ToList();
            foreach (string wanted in Name)
            {
                WildcardPattern pattern = EngineFilters.Pattern(wanted);
                var matches = list.Where(c => pattern.IsMatch(c.Name)).ToList();
                WriteObject(matches, enumerateCollection: true);
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(wanted))
                {
                    var e = new ItemNotFoundException($"No docker context named '{wanted}' exists in {store.ConfigDirectory}.");
                    WriteError(ErrorMapper.Record(e, ErrorIds.DockerContextNotFound, ErrorCategory.ObjectNotFound, wanted));
                }
            }
        }
    }
}
