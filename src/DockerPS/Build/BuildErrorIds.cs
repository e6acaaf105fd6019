namespace DockerPS.Build
{
    /// <summary>The ErrorIds of Build-Image.</summary>
    internal static class BuildErrorIds
    {
        /// <summary>A step of the build failed, or the engine refused the build.</summary>
        public const string ImageBuildFailed = nameof(ImageBuildFailed);

        /// <summary>-Secret, -Ssh, -Output or a # syntax= frontend: BuildKit needs a client session for them, which DockerPS does not open yet.</summary>
        public const string BuildKitSessionRequired = nameof(BuildKitSessionRequired);

        /// <summary>-Builder BuildKit on an engine that does not offer it.</summary>
        public const string BuildKitUnavailable = nameof(BuildKitUnavailable);

        /// <summary>A RUN step needed the default bridge network and the engine has none (dockerd --bridge=none).</summary>
        public const string BuildNetworkUnavailable = nameof(BuildNetworkUnavailable);
    }
}
