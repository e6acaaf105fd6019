using System;
using System.IO;
using System.Linq;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>Where the repository and the laid-out module are.</summary>
    public static class Paths
    {
        public static string RepoRoot { get; } = FindRepoRoot();

        /// <summary>out/DockerPS/&lt;version&gt;/DockerPS.psd1, as `dotnet build` wrote it.</summary>
        public static string ModuleManifest
        {
            get
            {
                string root = Path.Combine(RepoRoot, "out", "DockerPS");
                string? psd1 = Directory.Exists(root)
                    ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "DockerPS.psd1")).Where(File.Exists).OrderBy(p => p).LastOrDefault()
                    : null;
                return psd1 ?? throw new InvalidOperationException($"No built module under {root}: run `dotnet build` at the repository root first.");
            }
        }

        /// <summary>The manifest path quoted for a single-quoted PowerShell string.</summary>
        public static string ManifestForScript => ModuleManifest.Replace("'", "''");

        public static string ModuleDirectory => Path.GetDirectoryName(ModuleManifest)!;

        private static string FindRepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DockerPS.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Cannot find the repository root (DockerPS.sln) above " + AppContext.BaseDirectory);
        }
    }
}
