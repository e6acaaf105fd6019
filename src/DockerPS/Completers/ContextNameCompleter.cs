using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerPS.Connection;
using DockerPS.Filters;

namespace DockerPS.Completers
{
    /// <summary>Completes docker context names from the local context store (no engine involved).</summary>
    public sealed class ContextNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                WildcardPattern pattern = EngineFilters.Pattern((wordToComplete ?? string.Empty).Trim('\'', '"') + "*");
                return DockerContextStore.ForCurrentProcess().List()
                    .Where(c => pattern.IsMatch(c.Name))
                    .Select(c => new CompletionResult(c.Name, c.Name, CompletionResultType.ParameterValue, c.Name + " → " + c.DockerEndpoint))
                    .ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
