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
    /// <summary>Creates a swarm config (docker config create) from a file or a string.</summary>
    [Cmdlet(VerbsCommon.New, "SwarmConfig", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SwarmConfig))]
    public sealed class NewSwarmConfigCommand : SwarmCmdlet
    {
        private const string PathSet = "Path";
        private const string ValueSet = "Value";

        /// <summary>The name of the new config.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>A file whose bytes are the config (at most 500 KB).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet)]
        [Alias("FilePath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The config as text.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ValueSet)]
        [ValidateNotNull]
        public string? Value { get; set; }

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
                if (ShouldProcess(Name, "Create swarm config") &&
                    TrySwarmCall(ct => engine.CreateConfigAsync(Name, labels, data, ct), "SwarmConfig", Name, out SwarmConfig created))
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
