using System;
using System.IO;
using System.Reflection;
using System.Text;
using System.Threading;
using ICSharpCode.SharpZipLib.Tar;

namespace DockerPS.Engine
{
    /// <summary>Streams local files to and from the engine's tar archives (SharpZipLib), keeping mode bits and times.</summary>
    internal static class TarArchives
    {
        private const int BufferSize = 81920;

        /// <summary>Writes <paramref name="localPath"/> (file, link or folder tree) as <paramref name="entryName"/> to <paramref name="output"/>.</summary>
        internal static void Write(Stream output, string localPath, string entryName, ArchiveSummary summary, CancellationToken cancellationToken)
        {
            using var tar = new TarOutputStream(output, Encoding.UTF8) { IsStreamOwner = false };
            var buffer = new byte[BufferSize];
            if (Directory.Exists(localPath) && !IsLink(new DirectoryInfo(localPath)))
            {
                WriteDirectory(tar, new DirectoryInfo(localPath), entryName.TrimEnd('/'), buffer, summary, cancellationToken);
            }
            else
            {
                WriteFile(tar, new FileInfo(localPath), entryName, buffer, summary);
            }

            tar.Finish();
        }

        private static void WriteDirectory(TarOutputStream tar, DirectoryInfo dir, string name, byte[] buffer, ArchiveSummary summary, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            TarEntry entry = TarEntry.CreateTarEntry(name + "/");
            entry.TarHeader.TypeFlag = TarHeader.LF_DIR;
            entry.TarHeader.Mode = UnixModes.Get(dir.FullName) ?? 0x1ED; // 0755
            entry.ModTime = dir.LastWriteTimeUtc;
            entry.Size = 0;
            tar.PutNextEntry(entry);
            tar.CloseEntry();
            summary.Directories++;
            foreach (FileSystemInfo child in dir.EnumerateFileSystemInfos())
            {
                string childName = name + "/" + child.Name;
                if (child is DirectoryInfo sub && !IsLink(sub))
                {
                    WriteDirectory(tar, sub, childName, buffer, summary, ct);
                }
                else
                {
                    WriteFile(tar, child, childName, buffer, summary);
                }
            }
        }

        private static void WriteFile(TarOutputStream tar, FileSystemInfo file, string name, byte[] buffer, ArchiveSummary summary)
        {
            string? link = IsLink(file) ? LinkTarget(file) : null;
            TarEntry entry = TarEntry.CreateTarEntry(name);
            entry.ModTime = file.LastWriteTimeUtc;
            if (link != null)
            {
                entry.TarHeader.TypeFlag = TarHeader.LF_SYMLINK;
                entry.TarHeader.LinkName = link;
                entry.TarHeader.Mode = 0x1FF;
                entry.Size = 0;
                tar.PutNextEntry(entry);
                tar.CloseEntry();
                summary.Links++;
                return;
            }

            using FileStream data = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
            entry.TarHeader.TypeFlag = TarHeader.LF_NORMAL;
            entry.TarHeader.Mode = UnixModes.Get(file.FullName) ?? 0x1A4; // 0644
            entry.Size = data.Length;
            tar.PutNextEntry(entry);
            int n;
            while ((n = data.Read(buffer, 0, buffer.Length)) > 0)
            {
                tar.Write(buffer, 0, n);
                summary.Bytes += n;
            }

            tar.CloseEntry();
            summary.Files++;
        }

        /// <summary>
        /// Extracts <paramref name="input"/> under <paramref name="directory"/>, renaming the archive's top entry to
        /// <paramref name="topName"/>. Entries that would leave the target are refused.
        /// </summary>
        internal static ArchiveSummary Extract(Stream input, string directory, string topName)
        {
            var summary = new ArchiveSummary();
            var buffer = new byte[BufferSize];
            string root = Path.GetFullPath(directory);
            using var tar = new TarInputStream(input, Encoding.UTF8) { IsStreamOwner = false };
            var directoryTimes = new System.Collections.Generic.List<(string Path, DateTime Time, int Mode)>();
            TarEntry? entry;
            while ((entry = tar.GetNextEntry()) != null)
            {
                string name = entry.Name.Replace('\\', '/').TrimStart('/');
                if (name.StartsWith("./", StringComparison.Ordinal))
                {
                    name = name.Substring(2);
                }

                int slash = name.IndexOf('/');
                string rest = slash < 0 ? string.Empty : name.Substring(slash + 1).TrimEnd('/');
                string relative = rest.Length == 0 ? topName : topName + "/" + rest;
                string target = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
                if (!target.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && target != root)
                {
                    throw new IOException($"The archive entry '{entry.Name}' points outside '{root}'; refused.");
                }

                byte type = entry.TarHeader.TypeFlag;
                if (entry.IsDirectory)
                {
                    Directory.CreateDirectory(target);
                    directoryTimes.Add((target, entry.ModTime, entry.TarHeader.Mode));
                    summary.Directories++;
                }
                else if (type == TarHeader.LF_SYMLINK)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    if (File.Exists(target))
                    {
                        File.Delete(target);
                    }

                    if (UnixModes.CreateSymbolicLink(target, entry.TarHeader.LinkName))
                    {
                        summary.Links++;
                    }
                    else
                    {
                        summary.Skipped.Add(relative + " -> " + entry.TarHeader.LinkName);
                    }
                }
                else if (type == TarHeader.LF_NORMAL || type == TarHeader.LF_OLDNORM || type == TarHeader.LF_CONTIG)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    // Each file is written under a temporary name and renamed when complete: a copy cut off by Ctrl+C
                    // or a dying engine leaves no truncated file behind.
                    string partial = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
                    bool complete = false;
                    try
                    {
                        using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
                        {
                            int n;
                            while ((n = tar.Read(buffer, 0, buffer.Length)) > 0)
                            {
                                output.Write(buffer, 0, n);
                                summary.Bytes += n;
                            }
                        }

                        if (File.Exists(target))
                        {
                            File.Delete(target);
                        }

                        File.Move(partial, target);
                        complete = true;
                    }
                    finally
                    {
                        if (!complete)
                        {
                            TryDelete(partial);
                        }
                    }

                    UnixModes.Set(target, entry.TarHeader.Mode);
                    File.SetLastWriteTimeUtc(target, entry.ModTime);
                    summary.Files++;
                }
                else
                {
                    summary.Skipped.Add(relative);
                }
            }

            // Directory modes and times last: writing their children would change the times, and a read-only mode would stop it.
            for (int i = directoryTimes.Count - 1; i >= 0; i--)
            {
                Directory.SetLastWriteTimeUtc(directoryTimes[i].Path, directoryTimes[i].Time);
                UnixModes.Set(directoryTimes[i].Path, directoryTimes[i].Mode);
            }

            return summary;
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static bool IsLink(FileSystemInfo info) => (info.Attributes & FileAttributes.ReparsePoint) != 0;

        private static string? LinkTarget(FileSystemInfo info) =>
            typeof(FileSystemInfo).GetProperty("LinkTarget")?.GetValue(info) as string;
    }

    /// <summary>
    /// Unix permission bits through File.Get/SetUnixFileMode and File.CreateSymbolicLink when the runtime has them
    /// (.NET 7+, so PowerShell 7.4+ on Linux and macOS); elsewhere modes are not read or set.
    /// </summary>
    internal static class UnixModes
    {
        private static readonly MethodInfo? GetMode = Unix() ? typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) }) : null;
        private static readonly MethodInfo? SetMode = Unix() ? typeof(File).GetMethods().FirstOrDefaultSet() : null;
        private static readonly MethodInfo? MakeLink = typeof(File).GetMethod("CreateSymbolicLink", new[] { typeof(string), typeof(string) });

        internal static int? Get(string path) => GetMode == null ? null : (int?)Convert.ToInt32(GetMode.Invoke(null, new object[] { path }));

        internal static void Set(string path, int mode)
        {
            if (SetMode != null)
            {
                Type enumType = SetMode.GetParameters()[1].ParameterType;
                SetMode.Invoke(null, new[] { path, Enum.ToObject(enumType, mode & 0xFFF) });
            }
        }

        internal static bool CreateSymbolicLink(string path, string target)
        {
            if (MakeLink == null)
            {
                return false;
            }

            try
            {
                MakeLink.Invoke(null, new object[] { path, target });
                return true;
            }
            catch (TargetInvocationException e) when (e.InnerException is IOException || e.InnerException is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static bool Unix() => Path.DirectorySeparatorChar == '/';

        private static MethodInfo? FirstOrDefaultSet(this MethodInfo[] methods)
        {
            foreach (MethodInfo m in methods)
            {
                ParameterInfo[] p = m.GetParameters();
                if (m.Name == "SetUnixFileMode" && p.Length == 2 && p[0].ParameterType == typeof(string))
                {
                    return m;
                }
            }

            return null;
        }
    }
}
