using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Completers;
using DockerPS.Connection;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Context
{
    /// <summary>
    /// Makes a docker context the current one (docker context use): writes currentContext into the docker CLI's
    /// config.json, so DockerPS and docker both talk to that context's engine from the next command on.
    /// </summary>
    [Cmdlet(VerbsOther.Use, "DockerContext", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DockerContext))]
    public sealed class UseDockerContextCommand : PSCmdlet
    {
        /// <summary>The context to use; default is the implicit context (DOCKER_HOST or the platform default).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>Write the context that is now current.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            DockerContextStore store = DockerContextStore.ForCurrentProcess();
            try
            {
                if (!store.Exists(Name))
                {
                    var e = new ItemNotFoundException($"No docker context named '{Name}' exists in {Path.Combine(store.ConfigDirectory, "contexts")}.");
                    WriteError(ErrorMapper.Record(e, ErrorIds.DockerContextNotFound, ErrorCategory.ObjectNotFound, Name));
                    return;
                }

                if (!ShouldProcess(store.ConfigFile, $"Set the current docker context to '{Name}'"))
                {
                    return;
                }

                store.SetCurrent(Name);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException || e is ArgumentException)
            {
                string id = e is FormatException ? ErrorIds.DockerConfigInvalid : e is UnauthorizedAccessException ? ErrorIds.DockerConfigAccessDenied : ErrorIds.DockerConfigWriteFailed;
                ErrorCategory category = e is FormatException ? ErrorCategory.InvalidData : e is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError;
                var wrapped = new InvalidOperationException($"Cannot set the current docker context in {store.ConfigFile}: {e.Message}", e);
                WriteError(ErrorMapper.Record(wrapped, id, category, Name));
                return;
            }

            foreach (string variable in new[] { "DOCKER_HOST", "DOCKER_CONTEXT" })
            {
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
                {
                    WriteWarning($"{variable} is set and overrides the current context; DockerPS and docker keep using it until you remove it (Remove-Item Env:{variable}).");
                }
            }

            if (PassThru.IsPresent)
            {
                DockerContext? now = store.List().FirstOrDefault(c => c.Name == Name);
                if (now != null)
                {
                    WriteObject(now);
                }
            }
        }
    }
}
