using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Connection;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Context
{
    /// <summary>
    /// Creates a docker context (docker context create NAME --docker host=HOST [--description]): the same meta.json
    /// the docker CLI writes, so docker context ls/use/inspect and DockerPS's -Context both see it.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DockerContext", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(DockerContext))]
    public sealed class NewDockerContextCommand : PSCmdlet
    {
        /// <summary>The context's name: a letter or digit, then letters, digits, _ . + - (docker's rule); not default.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>The engine: unix:///path, npipe://./pipe/name, tcp://host:port or ssh://[user@]host[:port].</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("H", "DockerEndpoint")]
        [ValidateNotNullOrEmpty]
        public new string Host { get; set; } = string.Empty;

        /// <summary>A description, shown by Get-DockerContext and docker context ls.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        protected override void ProcessRecord()
        {
            DockerContextStore store = DockerContextStore.ForCurrentProcess();
            if (string.Equals(Name, DockerContextStore.DefaultName, StringComparison.Ordinal))
            {
                WriteError(ErrorMapper.Record(new ArgumentException("\"default\" is a reserved context name."), ErrorIds.DockerContextNameReserved, ErrorCategory.InvalidArgument, Name));
                return;
            }

            if (!DockerContextStore.IsValidName(Name))
            {
                WriteError(ErrorMapper.Record(
                    new ArgumentException($"The context name '{Name}' is not valid: it starts with a letter or digit and goes on with at least one letter, digit, _, ., + or - (docker's rule)."),
                    ErrorIds.InvalidDockerContextName, ErrorCategory.InvalidArgument, Name));
                return;
            }

            try
            {
                EndpointResolver.ParseHost(Host, "the -Host parameter");
            }
            catch (ArgumentException e)
            {
                WriteError(ErrorMapper.Record(e, ErrorIds.InvalidEngineHost, ErrorCategory.InvalidArgument, Host));
                return;
            }

            try
            {
                if (store.Exists(Name))
                {
                    WriteError(ErrorMapper.Record(
                        new InvalidOperationException($"A docker context named '{Name}' exists already in {Path.Combine(store.ConfigDirectory, "contexts")}; remove it first (Remove-DockerContext)."),
                        ErrorIds.DockerContextExists, ErrorCategory.ResourceExists, Name));
                    return;
                }

                if (!ShouldProcess(Name, $"Create the docker context for {Host} in {Path.Combine(store.ConfigDirectory, "contexts")}"))
                {
                    return;
                }

                store.Create(Name, Host.Trim(), Description);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException)
            {
                ErrorCategory category = e is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError;
                var wrapped = new InvalidOperationException($"Cannot write the docker context '{Name}' in {Path.Combine(store.ConfigDirectory, "contexts")}: {e.Message}", e);
                WriteError(ErrorMapper.Record(wrapped, ErrorIds.DockerContextWriteFailed, category, Name));
                return;
            }

            DockerContext? made = store.List().FirstOrDefault(c => c.Name == Name);
            if (made != null)
            {
                WriteObject(made);
            }
        }
    }
}
