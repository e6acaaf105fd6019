using System.Management.Automation;
using DockerPS.Completers;

namespace DockerPS.Commands.Image
{
    /// <summary>
    /// Base of the image cmdlets whose -Reference takes wildcards, matched against the references Get-Image lists.
    /// The override exists to carry [SupportsWildcards] next to the switch that makes it true; PowerShell reads a
    /// property's attributes from the override only, so all are repeated.
    /// </summary>
    public abstract class WildcardImageCmdlet : ImageCmdlet
    {
        /// <summary>Image references: repository[:tag], repository@digest, or an id; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ReferenceSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageReferenceCompleter))]
        [SupportsWildcards]
        public override string[] Reference { get => base.Reference; set => base.Reference = value; }

        protected sealed override bool ReferencesTakeWildcards => true;
    }
}
