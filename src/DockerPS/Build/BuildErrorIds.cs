namespace DockerPS.Build
{
    /// <summary>The ErrorIds of Build-Image.</summary>
    internal static class BuildErrorIds
    {
        /// <summary>A step of the build failed, or the engine refused the build.</summary>
        public const string ImageBuildFailed = nameof(ImageBuildFailed);

        /// <summary>-Ssh, -Output or a # syntax= frontend: BuildKit needs session services for them that DockerPS does not serve yet.</summary>
        public const string BuildKitSessionRequired = nameof(BuildKitSessionRequired);

        /// <summary>A -Secret entry that is malformed, names a missing file or an unset variable, or repeats an id.</summary>
        public const string BuildSecretInvalid = nameof(BuildSecretInvalid);

        /// <summary>An -Output that is not type=local,dest=… or type=tar,dest=….</summary>
        public const string BuildOutputInvalid = nameof(BuildOutputInvalid);

        /// <summary>A RUN --mount=type=secret,required asked for an id that no -Secret gave.</summary>
        public const string BuildSecretNotFound = nameof(BuildSecretNotFound);

        /// <summary>The BuildKit session (secrets) ended before the build did, and the build failed.</summary>
        public const string BuildKitSessionLost = nameof(BuildKitSessionLost);

        /// <summary>-Builder BuildKit on an engine that does not offer it.</summary>
        public const string BuildKitUnavailable = nameof(BuildKitUnavailable);

        /// <summary>A RUN step needed the default bridge network and the engine has none (dockerd --bridge=none).</summary>
        public const string BuildNetworkUnavailable = nameof(BuildNetworkUnavailable);
    }
}
