using System.Management.Automation;
using DockerPS.Completers;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Base of the container cmdlets that only read: -Name takes wildcards, matched against the listed names. The
    /// override exists to carry [SupportsWildcards] (which Get-Command, tab completion and tools read) next to the
    /// switch that makes it true; PowerShell reads a property's attributes from the override only, so all are repeated.
    /// </summary>
    public abstract class WildcardContainerCmdlet : ContainerCmdlet
    {
        /// <summary>Container names; wildcards match the names Get-Container lists.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        [SupportsWildcards]
        public override string[] Name { get => base.Name; set => base.Name = value; }

        protected sealed override bool NamesTakeWildcards => true;
    }
}
