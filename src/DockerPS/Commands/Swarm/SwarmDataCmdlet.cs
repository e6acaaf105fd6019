using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Filters;

namespace DockerPS.Commands.Swarm
{
    /// <summary>
    /// Base of New-SwarmSecret and New-SwarmConfig, which take the same parameters and do the same steps: read the
    /// bytes (a file or a string; a secret also a SecureString), confirm, create, and clear the bytes afterwards.
    /// </summary>
    public abstract class SwarmDataCmdlet : SwarmCmdlet
    {
        protected const string PathSet = "Path";
        protected const string ValueSet = "Value";

        /// <summary>The name of the new object.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>A file whose bytes are the data (at most 500 KB).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet)]
        [Alias("FilePath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The data as text.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ValueSet)]
        [ValidateNotNull]
        public string? Value { get; set; }

        /// <summary>Labels: @{ key = 'value' }.</summary>
        [Parameter]
        [KeyValueTransformation(Bare = BareKey.Empty, What = "label")]
        public Hashtable? Label { get; set; }

        /// <summary>"secret" or "config", for the confirmation text.</summary>
        private protected abstract string Kind { get; }

        /// <summary>The bytes to store, from the parameter set in use.</summary>
        private protected virtual byte[] ReadData() =>
            ParameterSetName == ValueSet ? SwarmData.FromText(Value!) : SwarmData.FromFile(GetUnresolvedProviderPathFromPSPath(Path));

        /// <summary>Creates the object on the engine; false after writing its error.</summary>
        private protected abstract bool TryCreate(IDockerEngine engine, Dictionary<string, string> labels, byte[] data, out object created);

        protected override void ProcessRecord()
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            byte[] data = Array.Empty<byte>();
            try
            {
                Hashtables.CopyInto(Label, labels, "-Label");
                data = ReadData();
            }
            catch (Exception e) when (e is ArgumentException || e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorMapper.Record(e, SwarmErrorIds.InvalidSettings, ErrorCategory.InvalidArgument, Name));
            }

            try
            {
                IDockerEngine engine = ConnectDefault();
                if (ShouldProcess(Name, "Create swarm " + Kind) && TryCreate(engine, labels, data, out object created))
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
