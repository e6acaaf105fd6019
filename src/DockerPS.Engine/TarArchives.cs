using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
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
            SetOwner(entry, dir.FullName);
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
            SetOwner(entry, file.FullName);
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
        /// The local owner ids in the header, as docker cp writes them (the engine keeps them unless -a asks for the
        /// container's user); names stay empty, the engine reads only the ids. 0:0 where the ids cannot be read (Windows).
        /// </summary>
        private static void SetOwner(TarEntry entry, string path)
        {
            (int Uid, int Gid)? owner = UnixOwners.Get(path);
            entry.TarHeader.UserId = owner?.Uid ?? 0;
            entry.TarHeader.GroupId = owner?.Gid ?? 0;
            entry.TarHeader.UserName = string.Empty;
            entry.TarHeader.GroupName = string.Empty;
        }

        /// <summary>
        /// Checks that <paramref name="input"/> (read to its end) is a whole tar archive, as the engine's extractor reads
        /// one: every header's checksum is right and every entry's data is there. gzip and bzip2 archives are checked
        /// through their decompression; xz and zstd (which the engine also takes) are passed on unchecked. Returns null
        /// when it is, or why not. An empty input is an empty archive, as for the engine.
        /// </summary>
        internal static string? Validate(Stream input)
        {
            var head = new byte[6];
            int got = ReadFull(input, head, 0, head.Length);
            var whole = new PrefixStream(head, got, input);
            if (got >= 2 && head[0] == 0x1F && head[1] == 0x8B)
            {
                return ValidateCompressed(() => new ICSharpCode.SharpZipLib.GZip.GZipInputStream(whole) { IsStreamOwner = false }, "gzip");
            }

            if (got >= 3 && head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h')
            {
                return ValidateCompressed(() => new ICSharpCode.SharpZipLib.BZip2.BZip2InputStream(whole) { IsStreamOwner = false }, "bzip2");
            }

            if ((got >= 6 && head[0] == 0xFD && head[1] == 0x37 && head[2] == 0x7A && head[3] == 0x58 && head[4] == 0x5A && head[5] == 0x00)
                || (got >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD))
            {
                return null;
            }

            return ValidateTar(whole);
        }

        private static string? ValidateCompressed(Func<Stream> open, string kind)
        {
            try
            {
                using Stream s = open();
                return ValidateTar(s);
            }
            catch (Exception e) when (e is ICSharpCode.SharpZipLib.SharpZipBaseException || e is EndOfStreamException || e is IOException)
            {
                return $"The {kind} data is damaged: {e.Message}";
            }
        }

        private static string? ValidateTar(Stream input)
        {
            var block = new byte[512];
            long offset = 0;
            while (true)
            {
                int n = ReadFull(input, block, 0, 512);
                if (n == 0)
                {
                    return null; // the end of the input at an entry boundary: Go's tar reader takes that as the end
                }

                if (n < 512)
                {
                    return offset == 0 ? "It is not a tar archive: it is shorter than one tar header (512 bytes)." : $"The archive ends inside a header at byte {offset}.";
                }

                if (Array.TrueForAll(block, b => b == 0))
                {
                    return null; // the end-of-archive marker
                }

                long sum = 0;
                for (int i = 0; i < 512; i++)
                {
                    sum += i >= 148 && i < 156 ? 32 : block[i];
                }

                long? stored = Octal(block, 148, 8);
                if (stored == null || stored.Value != sum)
                {
                    return offset == 0 ? "It is not a tar archive: the first 512 bytes are not a tar header." : $"The tar header at byte {offset} is damaged (its checksum is wrong).";
                }

                long? size = Size(block);
                if (size == null || size.Value < 0)
                {
                    return $"The tar header at byte {offset} has an unreadable size.";
                }

                byte type = block[156];
                long data = type == (byte)'5' || type == (byte)'1' || type == (byte)'2' || type == (byte)'3' || type == (byte)'4' || type == (byte)'6' ? 0 : size.Value;
                long padded = (data + 511) / 512 * 512;
                offset += 512;
                if (Skip(input, padded, block) < padded)
                {
                    return $"The archive ends inside the data of the entry at byte {offset - 512}.";
                }

                offset += padded;
            }
        }

        private static long? Size(byte[] block)
        {
            if ((block[124] & 0x80) != 0)
            {
                long v = 0; // GNU base-256
                for (int i = 125; i < 136; i++)
                {
                    v = (v << 8) | block[i];
                }

                return v;
            }

            return Octal(block, 124, 12);
        }

        private static long? Octal(byte[] block, int start, int length)
        {
            long v = 0;
            bool digits = false;
            for (int i = start; i < start + length; i++)
            {
                byte b = block[i];
                if (b >= (byte)'0' && b <= (byte)'7')
                {
                    v = (v * 8) + (b - '0');
                    digits = true;
                }
                else if (b == 0 || b == (byte)' ')
                {
                    if (digits)
                    {
                        break;
                    }
                }
                else
                {
                    return null;
                }
            }

            return digits ? v : (long?)null;
        }

        private static long Skip(Stream input, long count, byte[] buffer)
        {
            long done = 0;
            while (done < count)
            {
                int n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, count - done));
                if (n <= 0)
                {
                    break;
                }

                done += n;
            }

            return done;
        }

        private static int ReadFull(Stream input, byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = input.Read(buffer, offset + total, count - total);
                if (n <= 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        /// <summary>A stream that gives back the bytes already read from its start, then the rest.</summary>
        private sealed class PrefixStream : ReadOnlyStream
        {
            private readonly byte[] _prefix;
            private readonly int _length;
            private readonly Stream _rest;
            private int _position;

            public PrefixStream(byte[] prefix, int length, Stream rest)
            {
                _prefix = prefix;
                _length = length;
                _rest = rest;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_position < _length)
                {
                    int n = Math.Min(count, _length - _position);
                    Buffer.BlockCopy(_prefix, _position, buffer, offset, n);
                    _position += n;
                    return n;
                }

                return _rest.Read(buffer, offset, count);
            }
        }

        /// <summary>
        /// Extracts <paramref name="input"/> as the item <paramref name="target"/>: the archive's first entry (the engine
        /// sends the copied file or folder first, named by its base name) becomes <paramref name="target"/>, and entries
        /// under it land under <paramref name="target"/>. For a folder's contents (a path ending in /., stat name ".")
        /// docker names the entries "." and "./x", Podman 4.3 "x" with no entry for the folder: both land under
        /// <paramref name="target"/>, which then takes the stat's time and mode if the archive has no "." of its own.
        /// Entries that would land outside <paramref name="target"/> are refused.
        /// </summary>
        internal static ArchiveSummary Extract(Stream input, string target, ArchiveSource? source = null)
        {
            var summary = new ArchiveSummary();
            var buffer = new byte[BufferSize];
            string root = Path.GetFullPath(target);
            using var tar = new TarInputStream(input, Encoding.UTF8) { IsStreamOwner = false };
            var directoryTimes = new System.Collections.Generic.List<(string Path, DateTime Time, int Mode)>();
            bool contents = source != null && source.IsContents;
            string? top = contents ? "." : null;
            bool rootSeen = false;
            if (contents)
            {
                // Podman sends the contents of an empty folder as an archive with no entries: the folder is still made.
                Directory.CreateDirectory(root);
            }

            TarEntry? entry;
            while ((entry = tar.GetNextEntry()) != null)
            {
                string name = entry.Name.Replace('\\', '/').TrimStart('/').TrimEnd('/');
                if (name.Length == 0)
                {
                    name = ".";
                }

                top ??= name;
                string rest;
                if (name == top)
                {
                    rest = string.Empty;
                }
                else if (name.StartsWith(top + "/", StringComparison.Ordinal))
                {
                    rest = name.Substring(top.Length + 1);
                }
                else if (contents)
                {
                    rest = name; // Podman's shape; the check below still keeps "../x" and the like out
                }
                else
                {
                    throw new IOException($"The archive entry '{entry.Name}' is not under '{top}'; refused.");
                }

                string path = rest.Length == 0 ? root : Path.GetFullPath(Path.Combine(root, rest.Replace('/', Path.DirectorySeparatorChar)));
                if (path != root && !path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new IOException($"The archive entry '{entry.Name}' points outside '{root}'; refused.");
                }

                rootSeen |= rest.Length == 0;
                string relative = rest.Length == 0 ? Path.GetFileName(root) : rest;
                byte type = entry.TarHeader.TypeFlag;
                if (entry.IsDirectory)
                {
                    Directory.CreateDirectory(path);
                    directoryTimes.Add((path, entry.ModTime, entry.TarHeader.Mode));
                    summary.Directories++;
                }
                else if (type == TarHeader.LF_SYMLINK)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    if (UnixModes.CreateSymbolicLink(path, entry.TarHeader.LinkName))
                    {
                        // .NET sets a link's own time (not its target's), as docker cp does with lutimes.
                        File.SetLastWriteTimeUtc(path, entry.ModTime);
                        summary.Links++;
                    }
                    else
                    {
                        summary.Skipped.Add(relative + " -> " + entry.TarHeader.LinkName);
                    }
                }
                else if (type == TarHeader.LF_NORMAL || type == TarHeader.LF_OLDNORM || type == TarHeader.LF_CONTIG)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
                    {
                        int n;
                        while ((n = tar.Read(buffer, 0, buffer.Length)) > 0)
                        {
                            output.Write(buffer, 0, n);
                            summary.Bytes += n;
                        }
                    }

                    UnixModes.Set(path, entry.TarHeader.Mode);
                    File.SetLastWriteTimeUtc(path, entry.ModTime);
                    summary.Files++;
                }
                else
                {
                    summary.Skipped.Add(relative);
                }
            }

            if (contents && !rootSeen)
            {
                // To the nearest second, as Podman's tar writer (Go's default) gives every entry: then /. and the folder
                // itself copy alike.
                long second = TimeSpan.TicksPerSecond;
                var time = new DateTime((source!.Modified.Ticks + (second / 2)) / second * second, DateTimeKind.Utc);
                directoryTimes.Insert(0, (root, time, source.Mode));
            }

            // Directory modes and times last: writing their children would change the times, and a read-only mode would stop it.
            for (int i = directoryTimes.Count - 1; i >= 0; i--)
            {
                Directory.SetLastWriteTimeUtc(directoryTimes[i].Path, directoryTimes[i].Time);
                UnixModes.Set(directoryTimes[i].Path, directoryTimes[i].Mode);
            }

            return summary;
        }

        /// <summary>
        /// Extracts the archive into a hidden staging folder beside the destination, then moves the result into place:
        /// a copy cut off part-way (Ctrl+C, a dying engine, a full disk) leaves nothing at the destination. A folder
        /// landing on an existing folder is merged into it, file by file, as docker cp does; a folder meeting a file (or
        /// the reverse) anywhere in the tree is refused before anything moves.
        /// </summary>
        internal static ArchiveSummary ExtractStaged(Stream input, string directory, string name, ArchiveSource? source = null)
        {
            string staging = Path.Combine(directory, ".dockerps-cp-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(staging);
            try
            {
                string staged = Path.Combine(staging, name);
                ArchiveSummary summary = Extract(input, staged, source);
                string final = Path.Combine(directory, name);
                string? conflict = Conflict(staged, final);
                if (conflict != null)
                {
                    throw new DockerPS.Errors.CopyConflictException(conflict);
                }

                Commit(staged, final);
                return summary;
            }
            finally
            {
                TryDeleteTree(staging);
            }
        }

        private enum Kind
        {
            Missing,
            File,
            Directory,
        }

        /// <summary>Links count as files: docker cp replaces a link, it does not follow it.</summary>
        private static Kind KindOf(string path)
        {
            try
            {
                FileAttributes a = File.GetAttributes(path);
                return (a & FileAttributes.Directory) != 0 && (a & FileAttributes.ReparsePoint) == 0 ? Kind.Directory : Kind.File;
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                return Kind.Missing;
            }
        }

        private static string? Conflict(string staged, string final)
        {
            Kind have = KindOf(final);
            Kind put = KindOf(staged);
            if (have == Kind.Missing || put == Kind.Missing)
            {
                return null;
            }

            if (have == Kind.Directory && put == Kind.Directory)
            {
                foreach (string child in Directory.EnumerateFileSystemEntries(staged))
                {
                    string? inner = Conflict(child, Path.Combine(final, Path.GetFileName(child)));
                    if (inner != null)
                    {
                        return inner;
                    }
                }

                return null;
            }

            if (have == put)
            {
                return null; // a file or link replaces a file or link
            }

            return have == Kind.Directory
                ? $"Cannot overwrite the directory '{final}' with a non-directory."
                : $"Cannot overwrite the non-directory '{final}' with a directory.";
        }

        private static void Commit(string staged, string final)
        {
            Kind have = KindOf(final);
            if (KindOf(staged) == Kind.Directory)
            {
                DateTime time = Directory.GetLastWriteTimeUtc(staged);
                int? mode = UnixModes.Get(staged);
                if (have == Kind.Missing)
                {
                    Directory.Move(staged, final);
                }
                else
                {
                    foreach (string child in Directory.GetFileSystemEntries(staged))
                    {
                        Commit(child, Path.Combine(final, Path.GetFileName(child)));
                    }
                }

                // Moving entries in changes a folder's time; the archive's time and mode are what docker cp leaves.
                Directory.SetLastWriteTimeUtc(final, time);
                if (mode.HasValue)
                {
                    UnixModes.Set(final, mode.Value);
                }

                return;
            }

            if (have != Kind.Missing)
            {
                File.Delete(final);
            }

            File.Move(staged, final);
        }

        private static void TryDeleteTree(string path)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
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

    /// <summary>The copied item as the archive's stat header (X-Docker-Container-Path-Stat) describes it.</summary>
    internal sealed class ArchiveSource
    {
        public ArchiveSource(string name, DateTime modified, int mode)
        {
            Name = name;
            Modified = modified;
            Mode = mode;
        }

        /// <summary>The base name the engine gives the item; "." for a folder's contents (a path ending in /.).</summary>
        public string Name { get; }

        public DateTime Modified { get; }

        /// <summary>Unix mode bits (permissions, setuid, setgid, sticky).</summary>
        public int Mode { get; }

        public bool IsContents => Name == ".";

        /// <summary>From Go's os.FileMode, whose setuid/setgid/sticky bits sit above the type bits, not at 04000/02000/01000.</summary>
        public static int UnixMode(uint goMode) =>
            (int)(goMode & 0x1FF) | ((goMode & (1u << 23)) != 0 ? 0x800 : 0) | ((goMode & (1u << 22)) != 0 ? 0x400 : 0)
            | ((goMode & (1u << 20)) != 0 ? 0x200 : 0);
    }

    /// <summary>
    /// The owner ids of a local file, not following a link (lstat), through the runtime's own native shim
    /// (SystemNative_LStat in libSystem.Native, whose FileStatus starts Flags, Mode, Uid, Gid on every Unix .NET Core).
    /// Null on Windows and where the shim is missing (Windows PowerShell 5.1).
    /// </summary>
    internal static class UnixOwners
    {
        private static bool _unavailable = Path.DirectorySeparatorChar != '/';

        internal static (int Uid, int Gid)? Get(string path)
        {
            if (_unavailable)
            {
                return null;
            }

            try
            {
                var status = new byte[512]; // larger than FileStatus in any runtime version
                if (LStat(Encoding.UTF8.GetBytes(path + "\0"), status) != 0)
                {
                    return null;
                }

                return (BitConverter.ToInt32(status, 8), BitConverter.ToInt32(status, 12));
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException)
            {
                _unavailable = true;
                return null;
            }
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
        private static extern int LStat(byte[] path, byte[] status);
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
