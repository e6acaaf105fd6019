using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;
using DockerPS.Models;

namespace DockerPS.Commands.Swarm
{
    /// <summary>Creates a swarm secret (docker secret create) from a file, a string or a SecureString. The data goes only to the engine: it is not written to any stream and cannot be read back.</summary>
    [Cmdlet(VerbsCommon.New, "SwarmSecret", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SwarmSecret))]
    public sealed class NewSwarmSecretCommand : SwarmCmdlet
    {
        private const string PathSet = "Path";
        private const string ValueSet = "Value";
        private const string SecureSet = "SecureValue";

        /// <summary>The name of the new secret.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>A file whose bytes are the secret (at most 500 KB).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet)]
        [Alias("FilePath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The secret as text. Prefer -SecureValue or -Path: a plain string can end up in the session history.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ValueSet)]
        [ValidateNotNull]
        public string? Value { get; set; }

        /// <summary>The secret as a SecureString, e.g. from Read-Host -AsSecureString; it is never turned into a string.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecureSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecureString? SecureValue { get; set; }

        /// <summary>Labels: @{ key = 'value' }.</summary>
        [Parameter]
        public Hashtable? Label { get; set; }

        protected override void ProcessRecord()
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            byte[] data = Array.Empty<byte>();
            try
            {
                Hashtables.CopyInto(Label, labels, "-Label");
                switch (ParameterSetName)
                {
                    case ValueSet:
                        data = SwarmData.FromText(Value!);
                        break;
                    case SecureSet:
                        data = SwarmData.FromSecure(SecureValue!);
                        break;
                    default:
                        data = SwarmData.FromFile(GetUnresolvedProviderPathFromPSPath(Path));
                        break;
                }
            }
            catch (Exception e) when (e is ArgumentException || e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, SwarmErrorIds.InvalidSettings, ErrorCategory.InvalidArgument, Name));
            }

            try
            {
                IDockerEngine engine = ConnectDefault();
                if (ShouldProcess(Name, "Create swarm secret") &&
                    TrySwarmCall(ct => engine.CreateSecretAsync(Name, labels, data, ct), "SwarmSecret", Name, out SwarmSecret created))
                {
                    WriteObject(created);
                }
            }
            finally
            {
                Array.Clear(data, 0, data.Length);
            }
        }
    }
}
