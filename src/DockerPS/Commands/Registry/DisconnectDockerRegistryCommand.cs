using System;
using System.IO;
using System.Management.Automation;
using DockerPS.Connection;
using DockerPS.Errors;
using DockerPS.Registry;

namespace DockerPS.Commands.Registry
{
    /// <summary>
    /// docker logout: erases the stored login where it is kept (docker-credential-&lt;helper&gt; erase, or the auths
    /// entry in config.json) and forgets this session's login. A registry with no login at all is a non-terminating
    /// RegistryLoginNotFound error; -SessionOnly forgets only the session's login and leaves the docker config alone.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "DockerRegistry", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectDockerRegistryCommand : PSCmdlet
    {
        internal const string NotFoundId = ErrorIds.RegistryLoginNotFound;

        /// <summary>The registries to log out of: host[:port], or docker.io (the default).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Registry { get; set; } = { RegistryCredentials.DockerHub };

        /// <summary>Forget only the login Connect-DockerRegistry -SessionOnly kept; the docker config and helpers are left alone.</summary>
        [Parameter]
        public SwitchParameter SessionOnly { get; set; }

        protected override void ProcessRecord()
        {
            string session = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId.ToString() ?? "process";
            string configDirectory = EndpointResolver.ForCurrentProcess().ConfigDirectory;
            foreach (string r in Registry)
            {
                string registry = RegistryCredentials.Normalize(r);
                string key = RegistryCredentials.ServerKey(r);
                string action = SessionOnly ? "Log out of this session" : "Log out: erase the stored login (" + DockerConfigFile.PathIn(configDirectory) + ") and the session's";
                if (!ShouldProcess(key, action))
                {
                    continue;
                }

                WriteVerbose("Removing login credentials for " + key);
                bool found = RegistryCredentials.RemoveLogin(session, registry);
                if (!SessionOnly)
                {
                    try
                    {
                        string? erased = RegistryCredentials.Erase(configDirectory, r);
                        if (erased != null)
                        {
                            WriteVerbose("Erased the login for " + key + " from " + erased + ".");
                            found = true;
                        }
                    }
                    catch (CredentialHelperException e)
                    {
                        WriteError(ErrorMapper.Record(e, ConnectDockerRegistryCommand.HelperFailedId, ErrorCategory.WriteError, r));
                        continue;
                    }
                    catch (FormatException e)
                    {
                        WriteError(ErrorMapper.Record(new InvalidDataException("The login was not erased: " + e.Message, e), ConnectDockerRegistryCommand.ConfigUnreadableId, ErrorCategory.ReadError, r));
                        continue;
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                    {
                        WriteError(ErrorMapper.Record(new IOException("The login was not erased: " + e.Message, e), ConnectDockerRegistryCommand.ConfigNotWritableId, ErrorCategory.WriteError, r));
                        continue;
                    }
                }

                if (!found)
                {
                    string where = SessionOnly ? "in this session" : "in this session, " + DockerConfigFile.PathIn(configDirectory) + " or its credential helper";
                    WriteError(ErrorMapper.Record(new ItemNotFoundException($"Not logged in to {key}: no login {where}."), NotFoundId, ErrorCategory.ObjectNotFound, r));
                }
            }
        }
    }
}
