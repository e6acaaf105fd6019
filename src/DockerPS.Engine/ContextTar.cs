using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using ICSharpCode.SharpZipLib.Tar;

namespace DockerPS.Engine
{
    /// <summary>Writes a build context as a tar with SharpZipLib (long names get GNU/PAX headers from the library).</summary>
    internal static class ContextTar
    {
        // File.GetUnixFileMode exists from .NET 7 on; PowerShell 7.4+ runs there, Windows PowerShell 5.1 does not.
        private static readonly MethodInfo? s_getUnixFileMode =
            typeof(File).GetMethod("GetUnixFileMode", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null);

        internal static async Task WriteAsync(Stream destination, IReadOnlyList<BuildContextEntry> entries, CancellationToken cancellationToken)
        {
            using var tar = new TarOutputStream(destination, System.Text.Encoding.UTF8) { IsStreamOwner = false };
            var buffer = new byte[81920];
            foreach (BuildContextEntry e in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TarEntry entry = TarEntry.CreateTarEntry(e.IsDirectory ? e.RelativePath.TrimEnd('/') + "/" : e.RelativePath);
                entry.ModTime = (e.IsDirectory ? Directory.GetLastWriteTimeUtc(e.FullPath) : File.GetLastWriteTimeUtc(e.FullPath));
                entry.TarHeader.Mode = Mode(e.FullPath, e.IsDirectory);
                if (e.IsDirectory)
                {
                    entry.TarHeader.TypeFlag = TarHeader.LF_DIR;
                    entry.Size = 0;
                    tar.PutNextEntry(entry);
                    tar.CloseEntry();
                    continue;
                }

                using var source = new FileStream(e.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 81920, FileOptions.SequentialScan);
                entry.TarHeader.TypeFlag = TarHeader.LF_NORMAL;
                entry.Size = source.Length;
                tar.PutNextEntry(entry);
                int read;
                while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    tar.Write(buffer, 0, read);
                }

                tar.CloseEntry();
            }

            tar.Finish();
        }

        private static int Mode(string path, bool directory)
        {
            if (s_getUnixFileMode != null && Environment.OSVersion.Platform == PlatformID.Unix)
            {
                try
                {
                    return Convert.ToInt32(s_getUnixFileMode.Invoke(null, new object[] { path }), System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (TargetInvocationException)
                {
                }
            }

            // Windows has no mode bits; docker build on Windows sends 0755 for everything (files become executable).
            return directory ? 0x1ED : (Environment.OSVersion.Platform == PlatformID.Unix ? 0x1A4 : 0x1ED);
        }
    }
}
