using System;
using System.IO;
using System.Management.Automation;
using DockerPS.Commands.Image;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Registry;

namespace DockerPS.Commands.Registry
{
    /// <summary>
    /// docker login: checks the credentials against the registry through the engine, then stores the login where
    /// docker login does (the credential helper the docker config names, else auths in config.json), so later
    /// sessions, scheduled tasks and the docker CLI use it. -SessionOnly keeps it in memory for this session instead.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "DockerRegistry", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerRegistryLogin))]
    public sealed class ConnectDockerRegistryCommand : ImageOperationCmdlet
    {
        internal const string LoginFailedId = ErrorIds.RegistryLoginFailed;
        internal const string HelperFailedId = ErrorIds.CredentialHelperFailed;
        internal const string ConfigUnreadableId = ErrorIds.DockerConfigUnreadable;
        internal const string ConfigNotWritableId = "DockerConfigNotWritable";

        /// <summary>The registry: host[:port], or docker.io (the default) for Docker Hub.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Registry { get; set; } = RegistryCredentials.DockerHub;

        /// <summary>The user name and password (or access token).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>Keep the login in memory for this PowerShell session only; nothing is written anywhere.</summary>
        [Parameter]
        public SwitchParameter SessionOnly { get; set; }

        protected override void ProcessRecord()
        {
            string registry = RegistryCredentials.Normalize(Registry);
            string configDirectory = EndpointResolver.ForCurrentProcess().ConfigDirectory;
            string where = SessionOnly ? "this session only" : DescribeStore(configDirectory, registry);
            if (!ShouldProcess(registry, "Log in as " + Credential.UserName + " and keep the login in " + where))
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
            catch (Exception e) when (ErrorMapper.IsEngineFailure(e))
            {
                if (e is DockerConnectionException)
                {
                    WriteEngineError(e, "Registry", registry);
                }

                ErrorRecord record = ErrorMapper.IsRegistryRefusal(e)
                    ? StreamErrors.FromException(e, LoginFailedId, "Registry", registry)
                    : ErrorMapper.ToErrorRecord(e, "Registry", registry);
                WriteError(record);
                return;
            }

            string store;
            if (SessionOnly)
            {
                RegistryCredentials.SaveLogin(SessionKey, registry, Credential);
                store = "Session";
            }
            else
            {
                try
                {
                    store = RegistryCredentials.Store(configDirectory, registry, Credential);
                }
                catch (CredentialHelperException e)
                {
                    WriteError(ErrorMapper.Record(e, HelperFailedId, ErrorCategory.WriteError, Registry));
                    return;
                }
                catch (FormatException e)
                {
                    WriteError(ErrorMapper.Record(new InvalidDataException("The login was not stored: " + e.Message, e), ConfigUnreadableId, ErrorCategory.ReadError, Registry));
                    return;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    WriteError(ErrorMapper.Record(new IOException("The login was not stored: " + e.Message, e), ConfigNotWritableId, ErrorCategory.WriteError, Registry));
                    return;
                }

                // A session login would win over the stored one; the newest login is the one that counts.
                RegistryCredentials.RemoveLogin(SessionKey, registry);
                WriteVerbose("Stored the login for " + RegistryCredentials.ServerKey(Registry) + " in " + store + ".");
            }

            WriteObject(new DockerRegistryLogin { Registry = registry, UserName = Credential.UserName, Status = status, Store = store, Engine = engine.Endpoint.Address });
        }

        /// <summary>Where a login would go, for -WhatIf and -Confirm: the helper, else the config file.</summary>
        private static string DescribeStore(string configDirectory, string registry)
        {
            string path = DockerConfigFile.PathIn(configDirectory);
            try
            {
                string text = DockerConfigFile.Read(path);
                if (!string.IsNullOrWhiteSpace(text) && MiniJson.Parse(text) is System.Collections.Generic.Dictionary<string, object?> root)
                {
                    string? helper = RegistryCredentials.HelperFor(root, registry);
                    if (helper != null)
                    {
                        return CredentialHelper.ProgramName(helper);
                    }
                }
            }
            catch (Exception e) when (e is FormatException || e is IOException || e is UnauthorizedAccessException)
            {
                // Store() reports it with its own error after the login is checked.
            }

            return path;
        }
    }
}
