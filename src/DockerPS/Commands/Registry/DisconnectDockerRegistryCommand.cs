using System.Management.Automation;
using DockerPS.Errors;
using DockerPS.Registry;

namespace DockerPS.Commands.Registry
{
    /// <summary>docker logout for this PowerShell session: forgets the credentials Connect-DockerRegistry kept.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "DockerRegistry", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectDockerRegistryCommand : PSCmdlet
    {
        /// <summary>The registries to log out of: host[:port], or docker.io (the default).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Registry { get; set; } = { RegistryCredentials.DockerHub };

        protected override void ProcessRecord()
        {
            string session = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId.ToString() ?? "process";
            foreach (string r in Registry)
            {
                string registry = RegistryCredentials.Normalize(r);
                if (!ShouldProcess(registry, "Log out"))
                {
                    continue;
                }

                if (!RegistryCredentials.RemoveLogin(session, registry))
                {
                    WriteError(ErrorMapper.Record(new ItemNotFoundException($"This session has no login for {registry}."), ErrorIds.RegistryLoginNotFound, ErrorCategory.ObjectNotFound, r));
                }
            }
        }
    }
}
