using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using DockerPS.Streams;

namespace DockerPS.Registry
{
    /// <summary>
    /// Reads and writes the docker CLI's config.json as the CLI saves it: the folder made with mode 0700 and a new
    /// file with 0600 (an existing file keeps its mode), written to a temporary file beside it and renamed over it,
    /// so a reader sees the old file or the new one and never half of one.
    /// </summary>
    internal static class DockerConfigFile
    {
        private const int FileMode = 0x180;   // 0600
        private const int FolderMode = 0x1C0; // 0700

        private static readonly MethodInfo? s_setMode = typeof(File).GetMethods()
            .FirstOrDefault(m => m.Name == "SetUnixFileMode" && m.GetParameters().Length == 2 && m.GetParameters()[0].ParameterType == typeof(string));

        private static readonly MethodInfo? s_getMode = typeof(File).GetMethods()
            .FirstOrDefault(m => m.Name == "GetUnixFileMode" && m.GetParameters().Length == 1 && m.GetParameters()[0].ParameterType == typeof(string));

        private static bool IsWindows => Path.DirectorySeparatorChar == '\\';

        public static string PathIn(string configDirectory) => Path.Combine(configDirectory, "config.json");

        /// <summary>The file's text, or empty when there is no file.</summary>
        public static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;

        /// <summary>Replaces the file's content with <paramref name="text"/> atomically.</summary>
        public static void Write(string path, string text)
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
                SetMode(directory, FolderMode);
            }

            int mode = File.Exists(path) ? GetMode(path) ?? FileMode : FileMode;
            // The mode is set before any byte is written: the login is never readable by others, even briefly.
            AtomicFile.WriteAllText(path, text, temp => SetMode(temp, mode));
        }

        private static int? GetMode(string path)
        {
            if (IsWindows || s_getMode == null)
            {
                return null;
            }

            return Convert.ToInt32(s_getMode.Invoke(null, new object[] { path }), System.Globalization.CultureInfo.InvariantCulture);
        }

        private static void SetMode(string path, int mode)
        {
            if (IsWindows)
            {
                return;
            }

            if (s_setMode != null)
            {
                Type modeType = s_setMode.GetParameters()[1].ParameterType;
                s_setMode.Invoke(null, new[] { path, Enum.ToObject(modeType, mode) });
                return;
            }

            // A runtime older than .NET 7 on Unix: chmod(2) itself.
            if (chmod(path, mode) != 0)
            {
                throw new IOException($"chmod {Convert.ToString(mode, 8)} {path} failed (errno {Marshal.GetLastWin32Error()}).");
            }
        }

        [DllImport("libc", SetLastError = true)]
#pragma warning disable SA1300, IDE1006 // the C name
        private static extern int chmod(string path, int mode);
#pragma warning restore SA1300, IDE1006
    }
}
