using System;
using System.Management.Automation;
using DockerPS.Errors;

namespace DockerPS.Streams
{
    /// <summary>What is at a copy's destination before it starts.</summary>
    internal enum CopyDestinationState
    {
        Missing,
        File,
        Directory,
    }

    /// <summary>Where the source lands, relative to the destination path the user wrote.</summary>
    internal enum CopyLanding
    {
        /// <summary>The source becomes the destination path itself (created, overwritten, or merged into when both are folders).</summary>
        AsDestination,

        /// <summary>The source goes inside the destination folder under its own name.</summary>
        IntoDestination,
    }

    /// <summary>The ErrorIds of Copy-ContainerItem.</summary>
    internal static class CopyErrorIds
    {
        public const string InvalidCopyPath = ErrorIds.InvalidCopyPath;
        public const string PathNotFound = ErrorIds.PathNotFound;
        public const string ContainerPathNotFound = ErrorIds.ContainerPathNotFound;
        public const string DestinationFolderNotFound = ErrorIds.DestinationFolderNotFound;
        public const string SourceNotAFolder = ErrorIds.SourceNotAFolder;
        public const string DestinationNotAFolder = ErrorIds.DestinationNotAFolder;
        public const string CannotOverwriteFileWithFolder = ErrorIds.CannotOverwriteFileWithFolder;
        public const string CopyConflict = ErrorIds.CopyConflict;
        public const string CopyFailed = ErrorIds.CopyFailed;
        public const string LinkLoop = ErrorIds.LinkLoop;
        public const string LinkTargetNotFound = ErrorIds.LinkTargetNotFound;
        public const string NotATarArchive = ErrorIds.NotATarArchive;
        public const string ArchiveDestinationIsAFolder = ErrorIds.ArchiveDestinationIsAFolder;
        public const string ArchiveOutputNotRedirected = ErrorIds.ArchiveOutputNotRedirected;
        public const string ArchiveInputNotRedirected = ErrorIds.ArchiveInputNotRedirected;
    }

    /// <summary>How following a local link ended.</summary>
    internal enum LinkResolution
    {
        /// <summary>At an item that exists and is not a link.</summary>
        Resolved,

        /// <summary>At a path where nothing is (a dangling link).</summary>
        Missing,

        /// <summary>Still at a link after the most links allowed in a row.</summary>
        Loop,
    }

    /// <summary>
    /// Local symbolic links for -FollowLink (docker cp -L resolves the source with filepath.EvalSymlinks). Link targets
    /// come from FileSystemInfo.LinkTarget where the runtime has it (.NET 6+, PowerShell 7); elsewhere nothing is a link.
    /// </summary>
    internal static class LocalLinks
    {
        private static readonly System.Reflection.PropertyInfo? LinkTargetProperty = typeof(System.IO.FileSystemInfo).GetProperty("LinkTarget");

        /// <summary>The target a link holds, as written; null when <paramref name="path"/> is not a link.</summary>
        public static string? Target(string path)
        {
            if (LinkTargetProperty == null)
            {
                return null;
            }

            try
            {
                return LinkTargetProperty.GetValue(new System.IO.FileInfo(path)) as string;
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is System.IO.IOException || e.InnerException is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>Follows <paramref name="path"/> from link to link; <paramref name="resolved"/> is where it ended.</summary>
        public static LinkResolution Resolve(string path, int maxHops, out string resolved)
        {
            resolved = path;
            for (int hop = 0; hop <= maxHops; hop++)
            {
                string? target = Target(resolved);
                if (target == null)
                {
                    return System.IO.File.Exists(resolved) || System.IO.Directory.Exists(resolved) ? LinkResolution.Resolved : LinkResolution.Missing;
                }

                string folder = System.IO.Path.GetDirectoryName(resolved) ?? resolved;
                resolved = System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(target) ? target : System.IO.Path.Combine(folder, target));
            }

            return LinkResolution.Loop;
        }
    }

    /// <summary>The outcome of <see cref="CopyRules.Plan"/>: a landing, or an error naming why docker cp refuses.</summary>
    internal sealed class CopyPlan
    {
        private CopyPlan(CopyLanding landing, string? errorId, ErrorCategory category, string? message)
        {
            Landing = landing;
            ErrorId = errorId;
            Category = category;
            Message = message;
        }

        public CopyLanding Landing { get; }

        public string? ErrorId { get; }

        public ErrorCategory Category { get; }

        public string? Message { get; }

        public bool IsError => ErrorId != null;

        internal static CopyPlan Land(CopyLanding landing) => new CopyPlan(landing, null, ErrorCategory.NotSpecified, null);

        internal static CopyPlan Fail(string id, ErrorCategory category, string message) => new CopyPlan(CopyLanding.AsDestination, id, category, message);
    }

    /// <summary>
    /// docker cp's path rules (docker container cp --help), the same in both directions:
    /// a file lands on a missing or file destination as that path, into a folder under its own name, and a destination
    /// ending in / must be an existing folder; a folder is created at a missing destination, refused onto a file, and
    /// goes into an existing folder, or (source ending in /.) has its contents merged into it.
    /// </summary>
    internal static class CopyRules
    {
        /// <summary>The source ends in /. (or \. locally): copy the folder's contents, not the folder.</summary>
        public static bool IsContentsOnly(string path) =>
            path == "." || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("\\.", StringComparison.Ordinal);

        /// <summary>The path ends in a separator, so it names a folder.</summary>
        public static bool EndsWithSeparator(string path) =>
            path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal);

        public static CopyPlan Plan(bool sourceIsDirectory, string source, CopyDestinationState destination, string destinationPath)
        {
            bool destinationIsFolderPath = EndsWithSeparator(destinationPath) || IsContentsOnly(destinationPath);
            if (!sourceIsDirectory)
            {
                if (EndsWithSeparator(source) || IsContentsOnly(source))
                {
                    return CopyPlan.Fail(CopyErrorIds.SourceNotAFolder, ErrorCategory.InvalidArgument,
                        $"'{source}' names a file, not a folder: remove the trailing '/' or '/.'.");
                }

                switch (destination)
                {
                    case CopyDestinationState.Directory:
                        return CopyPlan.Land(CopyLanding.IntoDestination);
                    case CopyDestinationState.File when destinationIsFolderPath:
                        return CopyPlan.Fail(CopyErrorIds.DestinationNotAFolder, ErrorCategory.InvalidArgument,
                            $"The destination '{destinationPath}' is a file, not a folder.");
                    case CopyDestinationState.Missing when destinationIsFolderPath:
                        return CopyPlan.Fail(CopyErrorIds.DestinationFolderNotFound, ErrorCategory.ObjectNotFound,
                            $"The destination folder '{destinationPath}' does not exist; a destination ending in '/' must be an existing folder.");
                    default:
                        return CopyPlan.Land(CopyLanding.AsDestination);
                }
            }

            switch (destination)
            {
                case CopyDestinationState.File:
                    return CopyPlan.Fail(CopyErrorIds.CannotOverwriteFileWithFolder, ErrorCategory.InvalidOperation,
                        $"Cannot copy a directory to a file: '{destinationPath}' is a file.");
                case CopyDestinationState.Directory:
                    return CopyPlan.Land(IsContentsOnly(source) ? CopyLanding.AsDestination : CopyLanding.IntoDestination);
                default:
                    return CopyPlan.Land(CopyLanding.AsDestination);
            }
        }
    }
}
