using System;
using System.IO;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Connection;
using DockerPS.Errors;

namespace DockerPS.Commands.Context
{
    /// <summary>
    /// Removes docker contexts (docker context rm): the context's meta.json and TLS folders. The current context is
    /// refused unless -Force, as docker does; with -Force it is removed and default becomes current.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "DockerContext", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerContextCommand : PSCmdlet
    {
        /// <summary>The contexts to remove.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Remove the current context too (default becomes current).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            DockerContextStore store = DockerContextStore.ForCurrentProcess();
            foreach (string name in Name)
            {
                if (string.Equals(name, DockerContextStore.DefaultName, StringComparison.Ordinal))
                {
                    WriteError(ErrorMapper.Record(new InvalidOperationException("The default context cannot be removed."), ErrorIds.DockerContextIsDefault, ErrorCategory.InvalidOperation, name));
                    continue;
                }

                try
                {
                    if (!store.Exists(name))
                    {
                        var e = new ItemNotFoundException($"No docker context named '{name}' exists in {Path.Combine(store.ConfigDirectory, "contexts")}.");
                        WriteError(ErrorMapper.Record(e, ErrorIds.DockerContextNotFound, ErrorCategory.ObjectNotFound, name));
                        continue;
                    }

                    if (store.CurrentName() == name && !Force.IsPresent)
                    {
                        WriteError(ErrorMapper.Record(
                            new InvalidOperationException($"The docker context '{name}' is in use (the current context); give -Force to remove it, and default becomes current."),
                            ErrorIds.DockerContextInUse, ErrorCategory.ResourceBusy, name));
                        continue;
                    }

                    if (!ShouldProcess(name, "Remove the docker context"))
                    {
                        continue;
                    }

                    store.Remove(name);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException || e is ArgumentException)
                {
                    ErrorCategory category = e is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError;
                    var wrapped = new InvalidOperationException($"Cannot remove the docker context '{name}' from {Path.Combine(store.ConfigDirectory, "contexts")}: {e.Message}", e);
                    WriteError(ErrorMapper.Record(wrapped, ErrorIds.DockerContextRemoveFailed, category, name));
                }
            }
        }
    }
}
