using System.Management.Automation;
using DockerPS.Commands.Image;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Registry;

namespace DockerPS.Commands.Registry
{
    /// <summary>
    /// docker login for this PowerShell session: checks the credentials against the registry through the engine and
    /// keeps them in memory for later pulls, pushes and builds. Nothing is written to the docker config file.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "DockerRegistry", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerRegistryLogin))]
    public sealed class ConnectDockerRegistryCommand : ImageOperationCmdlet
    {
        /// <summary>The registry: host[:port], or docker.io (the default) for Docker Hub.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Registry { get; set; } = RegistryCredentials.DockerHub;

        /// <summary>The user name and password (or access token).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        protected override void ProcessRecord()
        {
            string registry = RegistryCredentials.Normalize(Registry);
            if (!ShouldProcess(registry, "Log in as " + Credential.UserName))
            {
                return;
            }

            IDockerEngine engine = Connect(EndpointFor((string?)null));
            RegistryAuth auth = RegistryCredentials.FromCredential(registry, Credential, "-Credential");
            string status;
            try
            {
                status = Await(ct => engine.AuthenticateAsync(auth, ct));
            }
            catch (System.Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                if (e is DockerConnectionException)
                {
                    WriteEngineError(e, "Registry", registry);
                }

                ErrorRecord record = ErrorMapper.IsRegistryRefusal(e)
                    ? StreamErrors.FromException(e, ErrorIds.RegistryLoginFailed, "Registry", registry)
                    : ErrorMapper.ToErrorRecord(e, "Registry", registry);
                WriteError(record);
                return;
            }

            RegistryCredentials.SaveLogin(SessionKey, registry, Credential);
            WriteObject(new DockerRegistryLogin { Registry = registry, UserName = Credential.UserName, Status = status, Engine = engine.Endpoint.Address });
        }
    }
}
