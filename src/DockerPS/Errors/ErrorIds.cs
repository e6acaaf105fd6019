namespace DockerPS.Errors
{
    /// <summary>
    /// Every ErrorId DockerPS writes, by noun. An ErrorId says what happened to which kind of thing
    /// ("ContainerNotFound"); scripts match on it (<c>$_.FullyQualifiedErrorId</c>), so a value never changes once
    /// shipped. Code names the constant, never a string literal; docs/ may name only what is here (both tested).
    /// </summary>
    internal static class ErrorIds
    {
        // ---- Engine and connection ----
        /// <summary>ssh:// engine: no ssh program was found (install OpenSSH or set DOCKERPS_SSH).</summary>
        public const string SshClientNotFound = nameof(SshClientNotFound);

        /// <summary>ssh:// engine: the host key is not in known_hosts (BatchMode never asks).</summary>
        public const string SshHostKeyUnknown = nameof(SshHostKeyUnknown);

        /// <summary>ssh:// engine: the server refused every key or password ssh offered.</summary>
        public const string SshAuthenticationFailed = nameof(SshAuthenticationFailed);

        /// <summary>ssh:// engine: the remote login has no docker command for dial-stdio.</summary>
        public const string SshRemoteDockerMissing = nameof(SshRemoteDockerMissing);

        /// <summary>-Host and -Context were both given; they name the engine in two ways.</summary>
        public const string HostAndContextConflict = nameof(HostAndContextConflict);


        /// <summary>The engine cannot be reached: no socket, refused, gone while a command ran.</summary>
        public const string EngineUnreachable = nameof(EngineUnreachable);

        /// <summary>The engine did not answer in time.</summary>
        public const string EngineTimeout = nameof(EngineTimeout);

        /// <summary>The engine failed in a way no more specific id names; its own message is kept.</summary>
        public const string EngineError = nameof(EngineError);

        /// <summary>A 404 on a request about the engine itself (an endpoint it does not have).</summary>
        public const string EngineNotFound = nameof(EngineNotFound);

        /// <summary>The engine refused a request about itself as bad input (400).</summary>
        public const string EngineInvalidRequest = nameof(EngineInvalidRequest);

        /// <summary>The engine answered a request about itself with a conflict (409).</summary>
        public const string EngineConflict = nameof(EngineConflict);

        /// <summary>A failure that is a DockerPS bug rather than the engine's or the user's.</summary>
        public const string UnexpectedError = nameof(UnexpectedError);

        /// <summary>The engine's API version is older than a feature needs, or the pinned version is refused.</summary>
        public const string ApiVersionNotSupported = nameof(ApiVersionNotSupported);

        /// <summary>An argument DockerPS itself refused before asking the engine.</summary>
        public const string InvalidArgument = nameof(InvalidArgument);

        /// <summary>A local file or socket could not be opened for lack of rights.</summary>
        public const string AccessDenied = nameof(AccessDenied);

        /// <summary>The engine refused the request (403).</summary>
        public const string PermissionDenied = nameof(PermissionDenied);

        /// <summary>Wrong or missing credentials (engine 401, or a registry's refusal).</summary>
        public const string AuthenticationFailed = nameof(AuthenticationFailed);

        /// <summary>-Host, DOCKER_HOST or a context names an address DockerPS cannot use.</summary>
        public const string InvalidEngineHost = nameof(InvalidEngineHost);

        /// <summary>Several -Host values given to a cmdlet that acts on one engine.</summary>
        public const string SeveralHostsNotSupported = nameof(SeveralHostsNotSupported);

        /// <summary>A -Since/-Until value is no point in time docker accepts.</summary>
        public const string InvalidTimeArgument = nameof(InvalidTimeArgument);

        /// <summary>Get-DockerEvent: the engine refused a filter.</summary>
        public const string InvalidEventFilter = nameof(InvalidEventFilter);

        /// <summary>A prune: the engine refused a filter.</summary>
        public const string InvalidPruneFilter = nameof(InvalidPruneFilter);

        // ---- TLS ----

        /// <summary>The engine speaks TLS and the address was plain tcp://.</summary>
        public const string TlsRequired = nameof(TlsRequired);

        /// <summary>The TLS handshake failed for another reason.</summary>
        public const string TlsHandshakeFailed = nameof(TlsHandshakeFailed);

        /// <summary>The engine asks for a client certificate and none was given.</summary>
        public const string TlsClientCertificateRequired = nameof(TlsClientCertificateRequired);

        /// <summary>The engine refused the client certificate given.</summary>
        public const string TlsClientCertificateRejected = nameof(TlsClientCertificateRejected);

        /// <summary>The engine's certificate does not name the address.</summary>
        public const string TlsServerNameMismatch = nameof(TlsServerNameMismatch);

        /// <summary>The engine's certificate is not signed by ca.pem (or a system root).</summary>
        public const string TlsCertificateRejected = nameof(TlsCertificateRejected);

        /// <summary>A certificate or key file could not be read.</summary>
        public const string TlsCertificateUnreadable = nameof(TlsCertificateUnreadable);

        // ---- Contexts and the docker config file ----
        /// <summary>The default context is not stored and cannot be removed.</summary>
        public const string DockerContextIsDefault = nameof(DockerContextIsDefault);

        /// <summary>The context is the current one; -Force removes it anyway (as docker context rm -f).</summary>
        public const string DockerContextInUse = nameof(DockerContextInUse);

        /// <summary>The context folder could not be removed.</summary>
        public const string DockerContextRemoveFailed = nameof(DockerContextRemoveFailed);

        /// <summary>The name "default" is reserved.</summary>
        public const string DockerContextNameReserved = nameof(DockerContextNameReserved);

        /// <summary>The name breaks docker's rule for context names.</summary>
        public const string InvalidDockerContextName = nameof(InvalidDockerContextName);

        /// <summary>A context with that name exists already.</summary>
        public const string DockerContextExists = nameof(DockerContextExists);

        /// <summary>The context's meta.json could not be written.</summary>
        public const string DockerContextWriteFailed = nameof(DockerContextWriteFailed);


        /// <summary>No docker context has that name.</summary>
        public const string DockerContextNotFound = nameof(DockerContextNotFound);

        /// <summary>A context's meta.json could not be read.</summary>
        public const string DockerContextUnreadable = nameof(DockerContextUnreadable);

        /// <summary>~/.docker/config.json is not valid JSON.</summary>
        public const string DockerConfigInvalid = nameof(DockerConfigInvalid);

        /// <summary>~/.docker/config.json could not be read.</summary>
        public const string DockerConfigUnreadable = nameof(DockerConfigUnreadable);

        /// <summary>A docker credential helper (credsStore, credHelpers) failed.</summary>
        public const string CredentialHelperFailed = nameof(CredentialHelperFailed);

        /// <summary>~/.docker/config.json may not be written.</summary>
        public const string DockerConfigAccessDenied = nameof(DockerConfigAccessDenied);

        /// <summary>~/.docker/config.json could not be written.</summary>
        public const string DockerConfigWriteFailed = nameof(DockerConfigWriteFailed);

        // ---- Containers ----

        /// <summary>No container has that name or id.</summary>
        public const string ContainerNotFound = nameof(ContainerNotFound);

        /// <summary>The id prefix given matches several containers.</summary>
        public const string AmbiguousContainerId = nameof(AmbiguousContainerId);

        /// <summary>The engine refused a container request as bad input (400).</summary>
        public const string ContainerInvalidRequest = nameof(ContainerInvalidRequest);

        /// <summary>A container request conflicts with the container's state in a way no more specific id names.</summary>
        public const string ContainerConflict = nameof(ContainerConflict);

        /// <summary>Another container has that name.</summary>
        public const string ContainerNameInUse = nameof(ContainerNameInUse);

        /// <summary>The container is in use by something else.</summary>
        public const string ContainerInUse = nameof(ContainerInUse);

        /// <summary>The container already is where the request would take it (304).</summary>
        public const string ContainerNotModified = nameof(ContainerNotModified);

        /// <summary>The request needs a running container (pause, kill, exec, stop on some engines).</summary>
        public const string ContainerNotRunning = nameof(ContainerNotRunning);

        /// <summary>The request needs a stopped container (remove without -Force).</summary>
        public const string ContainerIsRunning = nameof(ContainerIsRunning);

        /// <summary>The request needs a container that is not paused.</summary>
        public const string ContainerIsPaused = nameof(ContainerIsPaused);

        /// <summary>Resume-Container of a container that is not paused.</summary>
        public const string ContainerNotPaused = nameof(ContainerNotPaused);

        /// <summary>New-Container/Invoke-Container: the specification is refused (by DockerPS or the engine).</summary>
        public const string InvalidContainerSpec = nameof(InvalidContainerSpec);

        /// <summary>Update-Container: the engine refused the new settings.</summary>
        public const string InvalidContainerUpdate = nameof(InvalidContainerUpdate);

        /// <summary>Update-Container with nothing to change.</summary>
        public const string NothingToUpdate = nameof(NothingToUpdate);

        /// <summary>Get-Container: the engine refused a filter.</summary>
        public const string InvalidContainerFilter = nameof(InvalidContainerFilter);

        /// <summary>Get-ContainerPort: the port given is not of the form port[/protocol].</summary>
        public const string InvalidPortSpecification = nameof(InvalidPortSpecification);

        /// <summary>Wait-Container: still running after -Timeout.</summary>
        public const string WaitTimeout = nameof(WaitTimeout);

        /// <summary>Invoke-ContainerCommand -ErrorOnExitCode: the command exited non-zero.</summary>
        public const string ContainerCommandFailed = nameof(ContainerCommandFailed);

        /// <summary>Enter-Container needs an interactive console.</summary>
        public const string InteractiveConsoleRequired = nameof(InteractiveConsoleRequired);

        // ---- Files written and read by container and image cmdlets ----

        /// <summary>The output file exists and -Force was not given.</summary>
        public const string FileExists = nameof(FileExists);

        /// <summary>Save-Image: the output file exists and -Force was not given.</summary>
        public const string ImageFileExists = nameof(ImageFileExists);

        /// <summary>The output path is a folder.</summary>
        public const string DestinationIsFolder = nameof(DestinationIsFolder);

        /// <summary>Save-Image: the output path is a folder.</summary>
        public const string PathIsFolder = nameof(PathIsFolder);

        /// <summary>The folder of the output file does not exist.</summary>
        public const string FolderNotFound = nameof(FolderNotFound);

        /// <summary>An input file does not exist.</summary>
        public const string FileNotFound = nameof(FileNotFound);

        /// <summary>An input file could not be read.</summary>
        public const string FileUnreadable = nameof(FileUnreadable);

        // ---- Copy-ContainerItem ----

        /// <summary>A path is not of the form container:path or a local path.</summary>
        public const string InvalidCopyPath = nameof(InvalidCopyPath);

        /// <summary>The local source path does not exist.</summary>
        public const string PathNotFound = nameof(PathNotFound);

        /// <summary>The source path does not exist in the container.</summary>
        public const string ContainerPathNotFound = nameof(ContainerPathNotFound);

        /// <summary>The folder the destination should be in does not exist.</summary>
        public const string DestinationFolderNotFound = nameof(DestinationFolderNotFound);

        /// <summary>A source ending in / or /. is not a folder.</summary>
        public const string SourceNotAFolder = nameof(SourceNotAFolder);

        /// <summary>A destination ending in / is not a folder.</summary>
        public const string DestinationNotAFolder = nameof(DestinationNotAFolder);

        /// <summary>A folder would replace a file at the destination.</summary>
        public const string CannotOverwriteFileWithFolder = nameof(CannotOverwriteFileWithFolder);

        /// <summary>An item would replace a folder with a file or a file with a folder (nothing was written).</summary>
        public const string CopyConflict = nameof(CopyConflict);

        /// <summary>The copy failed for another reason.</summary>
        public const string CopyFailed = nameof(CopyFailed);

        /// <summary>-FollowLink met more links in a row than allowed (a loop).</summary>
        public const string LinkLoop = nameof(LinkLoop);

        /// <summary>-FollowLink: the link points at nothing.</summary>
        public const string LinkTargetNotFound = nameof(LinkTargetNotFound);

        /// <summary>-AsTar / '-': the input is not a tar archive (or it is cut short).</summary>
        public const string NotATarArchive = nameof(NotATarArchive);

        /// <summary>-AsTar out of a container: the destination is a folder, not a file.</summary>
        public const string ArchiveDestinationIsAFolder = nameof(ArchiveDestinationIsAFolder);

        /// <summary>'-' as destination while standard output is the console.</summary>
        public const string ArchiveOutputNotRedirected = nameof(ArchiveOutputNotRedirected);

        /// <summary>'-' as source while standard input is the console.</summary>
        public const string ArchiveInputNotRedirected = nameof(ArchiveInputNotRedirected);

        // ---- Images ----

        /// <summary>No image has that reference or id.</summary>
        public const string ImageNotFound = nameof(ImageNotFound);

        /// <summary>The id prefix given matches several images.</summary>
        public const string AmbiguousImageId = nameof(AmbiguousImageId);

        /// <summary>The engine refused an image request as bad input.</summary>
        public const string ImageInvalidRequest = nameof(ImageInvalidRequest);

        /// <summary>An image request conflicts in a way no more specific id names.</summary>
        public const string ImageConflict = nameof(ImageConflict);

        /// <summary>The image is used by a container (remove without -Force).</summary>
        public const string ImageInUse = nameof(ImageInUse);

        /// <summary>A reference is not valid (a tag with capitals, ...).</summary>
        public const string InvalidImageReference = nameof(InvalidImageReference);

        /// <summary>Get-Image / Invoke-ImagePrune: the engine refused a filter.</summary>
        public const string InvalidImageFilter = nameof(InvalidImageFilter);

        /// <summary>Install-Image (or a create that pulls) failed.</summary>
        public const string ImagePullFailed = nameof(ImagePullFailed);

        /// <summary>Publish-Image failed.</summary>
        public const string ImagePushFailed = nameof(ImagePushFailed);

        /// <summary>Import-Image of an image archive failed.</summary>
        public const string ImageLoadFailed = nameof(ImageLoadFailed);

        /// <summary>Import-Image -RootFileSystem failed.</summary>
        public const string ImageImportFailed = nameof(ImageImportFailed);

        /// <summary>Save-Image failed while writing.</summary>
        public const string ImageSaveFailed = nameof(ImageSaveFailed);

        /// <summary>Save-Image of images from several engines into one file.</summary>
        public const string ImagesOnDifferentEngines = nameof(ImagesOnDifferentEngines);

        /// <summary>Install-Image -AllTags with a reference that names a tag or digest.</summary>
        public const string AllTagsWithTag = nameof(AllTagsWithTag);

        // ---- Build-Image ----
        /// <summary>-Secret: a malformed entry, a missing file, an unset variable or a repeated id.</summary>
        public const string BuildSecretInvalid = nameof(BuildSecretInvalid);

        /// <summary>A required secret mount names an id that -Secret did not give.</summary>
        public const string BuildSecretNotFound = nameof(BuildSecretNotFound);

        /// <summary>The build failed after the BuildKit session connection ended early.</summary>
        public const string BuildKitSessionLost = nameof(BuildKitSessionLost);

        /// <summary>-Output: a type other than local or tar, or no dest.</summary>
        public const string BuildOutputInvalid = nameof(BuildOutputInvalid);


        /// <summary>A step of the build failed, or the engine refused the build.</summary>
        public const string ImageBuildFailed = nameof(ImageBuildFailed);

        /// <summary>-Secret, -Ssh, -Output or a # syntax= frontend: BuildKit needs a client session, which DockerPS does not open yet.</summary>
        public const string BuildKitSessionRequired = nameof(BuildKitSessionRequired);

        /// <summary>A Build-Image run option (-Ulimit) that does not parse.</summary>
        public const string BuildOptionInvalid = nameof(BuildOptionInvalid);

        /// <summary>-Memory, -Ulimit and the other legacy-only run options with -Builder BuildKit (BuildKit builds without them).</summary>
        public const string BuildOptionNeedsLegacyBuilder = nameof(BuildOptionNeedsLegacyBuilder);

        /// <summary>-Builder BuildKit on an engine that does not offer it.</summary>
        public const string BuildKitUnavailable = nameof(BuildKitUnavailable);

        /// <summary>A RUN step needed the default bridge network and the engine has none (dockerd --bridge=none).</summary>
        public const string BuildNetworkUnavailable = nameof(BuildNetworkUnavailable);

        /// <summary>The build context folder does not exist.</summary>
        public const string BuildContextNotFound = nameof(BuildContextNotFound);

        /// <summary>-ContextArchive - while standard input is the console, or -ContextArchive with -Path.</summary>
        public const string BuildContextArchiveInvalid = nameof(BuildContextArchiveInvalid);

        /// <summary>The -ContextUrl server refused or failed the download (its status is in the message).</summary>
        public const string BuildContextDownloadFailed = nameof(BuildContextDownloadFailed);

        /// <summary>A file of the build context could not be read.</summary>
        public const string BuildContextUnreadable = nameof(BuildContextUnreadable);

        /// <summary>The Dockerfile does not exist.</summary>
        public const string DockerfileNotFound = nameof(DockerfileNotFound);

        /// <summary>A 404 on a build cache request.</summary>
        public const string BuildCacheNotFound = nameof(BuildCacheNotFound);

        /// <summary>The engine refused a build cache request as bad input.</summary>
        public const string BuildCacheInvalidRequest = nameof(BuildCacheInvalidRequest);

        /// <summary>A build cache request conflicts (409).</summary>
        public const string BuildCacheConflict = nameof(BuildCacheConflict);

        // ---- Registries ----

        /// <summary>Connect-DockerRegistry: the registry refused the login.</summary>
        public const string RegistryLoginFailed = nameof(RegistryLoginFailed);

        /// <summary>Disconnect-DockerRegistry: no login is kept for that registry.</summary>
        public const string RegistryLoginNotFound = nameof(RegistryLoginNotFound);

        /// <summary>The registry cannot be reached.</summary>
        public const string RegistryUnreachable = nameof(RegistryUnreachable);

        /// <summary>Stored registry credentials could not be read.</summary>
        public const string RegistryCredentialsUnreadable = nameof(RegistryCredentialsUnreadable);

        /// <summary>A 404 on a registry request.</summary>
        public const string RegistryNotFound = nameof(RegistryNotFound);

        /// <summary>The engine refused a registry request as bad input.</summary>
        public const string RegistryInvalidRequest = nameof(RegistryInvalidRequest);

        /// <summary>A registry request conflicts (409).</summary>
        public const string RegistryConflict = nameof(RegistryConflict);

        // ---- Networks ----

        /// <summary>No network has that name or id.</summary>
        public const string NetworkNotFound = nameof(NetworkNotFound);

        /// <summary>The engine refused a network request as bad input (a bad subnet, ...).</summary>
        public const string NetworkInvalidRequest = nameof(NetworkInvalidRequest);

        /// <summary>A network request conflicts in a way no more specific id names.</summary>
        public const string NetworkConflict = nameof(NetworkConflict);

        /// <summary>Another network has that name.</summary>
        public const string NetworkNameInUse = nameof(NetworkNameInUse);

        /// <summary>The network has containers (remove), or is a predefined one.</summary>
        public const string NetworkInUse = nameof(NetworkInUse);

        /// <summary>Get-ContainerNetwork: the engine refused a filter.</summary>
        public const string InvalidNetworkFilter = nameof(InvalidNetworkFilter);

        /// <summary>New-ContainerNetwork: settings DockerPS refuses before asking the engine.</summary>
        public const string InvalidNetworkSettings = nameof(InvalidNetworkSettings);

        // ---- Volumes ----

        /// <summary>No volume has that name.</summary>
        public const string VolumeNotFound = nameof(VolumeNotFound);

        /// <summary>The engine refused a volume request as bad input.</summary>
        public const string VolumeInvalidRequest = nameof(VolumeInvalidRequest);

        /// <summary>A volume request conflicts in a way no more specific id names.</summary>
        public const string VolumeConflict = nameof(VolumeConflict);

        /// <summary>Another volume has that name.</summary>
        public const string VolumeNameInUse = nameof(VolumeNameInUse);

        /// <summary>The volume is used by a container (remove without -Force).</summary>
        public const string VolumeInUse = nameof(VolumeInUse);

        /// <summary>Get-ContainerVolume: the engine refused a filter.</summary>
        public const string InvalidVolumeFilter = nameof(InvalidVolumeFilter);

        /// <summary>New-ContainerVolume: settings DockerPS refuses before asking the engine.</summary>
        public const string InvalidVolumeSettings = nameof(InvalidVolumeSettings);

        // ---- Swarm ----
        /// <summary>No service, network, secret or config carries that stack name.</summary>
        public const string SwarmStackNotFound = nameof(SwarmStackNotFound);

        /// <summary>A stack names an external network the swarm does not have.</summary>
        public const string SwarmStackNetworkNotFound = nameof(SwarmStackNetworkNotFound);


        /// <summary>The engine has no swarm mode (Podman).</summary>
        public const string SwarmNotSupported = nameof(SwarmNotSupported);

        /// <summary>The engine is a swarm worker, and the request needs a manager.</summary>
        public const string SwarmNotManager = nameof(SwarmNotManager);

        /// <summary>The engine is not part of a swarm.</summary>
        public const string SwarmNotActive = nameof(SwarmNotActive);

        /// <summary>The engine already is part of a swarm.</summary>
        public const string SwarmAlreadyJoined = nameof(SwarmAlreadyJoined);

        /// <summary>The swarm is locked (Unlock-DockerSwarm first).</summary>
        public const string SwarmLocked = nameof(SwarmLocked);

        /// <summary>Wait-SwarmService: not converged within -Timeout.</summary>
        public const string SwarmServiceWaitTimeout = nameof(SwarmServiceWaitTimeout);

        /// <summary>Swarm settings DockerPS refuses before asking the engine.</summary>
        public const string InvalidSwarmSettings = nameof(InvalidSwarmSettings);

        /// <summary>A 404 on a swarm-wide request that is not about swarm mode itself.</summary>
        public const string SwarmNotFound = nameof(SwarmNotFound);

        /// <summary>The engine refused a swarm request as bad input.</summary>
        public const string SwarmInvalidRequest = nameof(SwarmInvalidRequest);

        /// <summary>A swarm request conflicts (409).</summary>
        public const string SwarmConflict = nameof(SwarmConflict);

        /// <summary>No service has that name or id.</summary>
        public const string SwarmServiceNotFound = nameof(SwarmServiceNotFound);

        /// <summary>The engine refused a service request as bad input.</summary>
        public const string SwarmServiceInvalidRequest = nameof(SwarmServiceInvalidRequest);

        /// <summary>A service request conflicts (an update of an out-of-date version, ...).</summary>
        public const string SwarmServiceConflict = nameof(SwarmServiceConflict);

        /// <summary>Another service has that name.</summary>
        public const string SwarmServiceNameInUse = nameof(SwarmServiceNameInUse);

        /// <summary>No node has that name or id.</summary>
        public const string SwarmNodeNotFound = nameof(SwarmNodeNotFound);

        /// <summary>The engine refused a node request as bad input.</summary>
        public const string SwarmNodeInvalidRequest = nameof(SwarmNodeInvalidRequest);

        /// <summary>A node request conflicts.</summary>
        public const string SwarmNodeConflict = nameof(SwarmNodeConflict);

        /// <summary>No task has that id.</summary>
        public const string SwarmTaskNotFound = nameof(SwarmTaskNotFound);

        /// <summary>The engine refused a task request as bad input.</summary>
        public const string SwarmTaskInvalidRequest = nameof(SwarmTaskInvalidRequest);

        /// <summary>A task request conflicts.</summary>
        public const string SwarmTaskConflict = nameof(SwarmTaskConflict);

        /// <summary>No secret has that name or id.</summary>
        public const string SwarmSecretNotFound = nameof(SwarmSecretNotFound);

        /// <summary>The engine refused a secret request as bad input.</summary>
        public const string SwarmSecretInvalidRequest = nameof(SwarmSecretInvalidRequest);

        /// <summary>A secret request conflicts in a way no more specific id names (in use by a service, ...).</summary>
        public const string SwarmSecretConflict = nameof(SwarmSecretConflict);

        /// <summary>Another secret has that name.</summary>
        public const string SwarmSecretNameInUse = nameof(SwarmSecretNameInUse);

        /// <summary>No config has that name or id.</summary>
        public const string SwarmConfigNotFound = nameof(SwarmConfigNotFound);

        /// <summary>The engine refused a config request as bad input.</summary>
        public const string SwarmConfigInvalidRequest = nameof(SwarmConfigInvalidRequest);

        /// <summary>A config request conflicts in a way no more specific id names (in use by a service, ...).</summary>
        public const string SwarmConfigConflict = nameof(SwarmConfigConflict);

        /// <summary>Another config has that name.</summary>
        public const string SwarmConfigNameInUse = nameof(SwarmConfigNameInUse);

        // ---- Compose ----

        /// <summary>No compose file was found, or a -File does not exist.</summary>
        public const string ComposeFileNotFound = nameof(ComposeFileNotFound);

        /// <summary>A compose file is not valid YAML or has a value of the wrong shape.</summary>
        public const string InvalidComposeFile = nameof(InvalidComposeFile);

        /// <summary>A key compose does not know (with a "did you mean").</summary>
        public const string ComposeUnknownKey = nameof(ComposeUnknownKey);

        /// <summary>A compose feature DockerPS does not support yet.</summary>
        public const string ComposeFeatureNotSupported = nameof(ComposeFeatureNotSupported);

        /// <summary>A ${VAR:?error} variable is not set.</summary>
        public const string ComposeVariableMissing = nameof(ComposeVariableMissing);

        /// <summary>-Service names a service the project does not have.</summary>
        public const string ComposeServiceNotFound = nameof(ComposeServiceNotFound);

        /// <summary>An external network of the project does not exist.</summary>
        public const string ComposeNetworkNotFound = nameof(ComposeNetworkNotFound);

        /// <summary>An external volume of the project does not exist.</summary>
        public const string ComposeVolumeNotFound = nameof(ComposeVolumeNotFound);

        /// <summary>A depends_on condition was not met (exited, unhealthy, timed out).</summary>
        public const string ComposeDependencyFailed = nameof(ComposeDependencyFailed);

        /// <summary>The image of a service with build: could not be built, so the service cannot start.</summary>
        public const string ComposeBuildFailed = nameof(ComposeBuildFailed);
    }
}
