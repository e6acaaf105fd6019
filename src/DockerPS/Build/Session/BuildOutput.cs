using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace DockerPS.Build.Session
{
    /// <summary>
    /// -Output: where BuildKit's local or tar exporter writes, through the session's FileSend.DiffCopy. For tar the
    /// engine streams the archive as BytesMessage chunks; for local it sends the fsutil packets (STAT for each entry
    /// in walk order, then DATA for the files this side asks for by their index with REQ, FIN at the end).
    /// </summary>
    internal sealed class BuildOutput
    {
        internal const string TypeLocal = "local";
        internal const string TypeTar = "tar";

        private const int PacketStat = 0;
        private const int PacketReq = 1;
        private const int PacketData = 2;
        private const int PacketFin = 3;
        private const int PacketErr = 4;

        // Go's os.FileMode bits, which fsutil's Stat.mode carries.
        private const uint ModeDir = 1u << 31;
        private const uint ModeSymlink = 1u << 27;
        private const uint ModeType = ModeDir | ModeSymlink | (1u << 26) | (1u << 25) | (1u << 24) | (1u << 21) | (1u << 19);

        private BuildOutput(string type, string destination)
        {
            Type = type;
            Destination = destination;
        }

        internal string Type { get; }

        /// <summary>The folder (local) or file (tar), a full path.</summary>
        internal string Destination { get; }

        /// <summary>Files and folders written (local) or bytes written (tar), for -Verbose.</summary>
        internal long Written { get; private set; }

        /// <summary>
        /// docker build's -o forms: type=local,dest=dir / type=tar,dest=file / a bare folder (local). Other exporters
        /// (image, registry, oci, docker) are not offered by the engine's API builds here.
        /// </summary>
        internal static BuildOutput Parse(string spec, Func<string, string> resolvePath)
        {
            if (spec.IndexOf('=') < 0)
            {
                return new BuildOutput(TypeLocal, resolvePath(spec));
            }

            string? type = null;
            string? dest = null;
            foreach (string part in spec.Split(','))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0)
                {
                    throw new FormatException("-Output is type=local,dest=<folder> or type=tar,dest=<file>; '" + part + "' has no key=value form.");
                }

                string key = part.Substring(0, eq).Trim().ToLowerInvariant();
                string value = part.Substring(eq + 1).Trim();
                if (key == "type")
                {
                    type = value.ToLowerInvariant();
                }
                else if (key == "dest")
                {
                    dest = value;
                }
                else
                {
                    throw new FormatException("-Output knows the keys type and dest, not '" + key + "'.");
                }
            }

            if (type != TypeLocal && type != TypeTar)
            {
                throw new FormatException("-Output type is local or tar, not '" + (type ?? string.Empty) + "'.");
            }

            if (string.IsNullOrEmpty(dest) || dest == "-")
            {
                throw new FormatException("-Output needs dest=<" + (type == TypeTar ? "file" : "folder") + ">.");
            }

            return new BuildOutput(type!, resolvePath(dest!));
        }

        /// <summary>The engine's side of the outputs query value, without dest (that stays on this side).</summary>
        internal string QueryJson => "[{\"Type\":\"" + Type + "\",\"Attrs\":{}}]";

        internal async Task ReceiveAsync(GrpcCall call, CancellationToken ct)
        {
            if (Type == TypeTar)
            {
                await ReceiveTarAsync(call, ct).ConfigureAwait(false);
            }
            else
            {
                await ReceiveLocalAsync(call, ct).ConfigureAwait(false);
            }
        }

        private async Task ReceiveTarAsync(GrpcCall call, CancellationToken ct)
        {
            using (var file = new FileStream(Destination, FileMode.Create, FileAccess.Write, FileShare.None, 81920, true))
            {
                byte[]? message;
                while ((message = await call.ReadAsync(ct).ConfigureAwait(false)) != null)
                {
                    // BytesMessage { bytes data = 1; }
                    var reader = new ProtoReader(message);
                    while (reader.TryReadTag(out int field, out int wire))
                    {
                        if (field == 1 && wire == ProtoReader.WireLengthDelimited)
                        {
                            byte[] data = reader.ReadBytes();
                            await file.WriteAsync(data, 0, data.Length, ct).ConfigureAwait(false);
                            Written += data.Length;
                        }
                        else
                        {
                            reader.Skip(wire);
                        }
                    }
                }
            }

            await call.FinishAsync(GrpcCall.StatusOk, null, ct).ConfigureAwait(false);
        }

        private sealed class Pending
        {
            public Pending(string path, FileStream stream, uint mode, long modTime)
            {
                Path = path;
                Stream = stream;
                Mode = mode;
                ModTime = modTime;
            }

            public string Path { get; }

            public FileStream Stream { get; }

            public uint Mode { get; }

            public long ModTime { get; }
        }

        private async Task ReceiveLocalAsync(GrpcCall call, CancellationToken ct)
        {
            Directory.CreateDirectory(Destination);
            string root = Path.GetFullPath(Destination).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var pending = new Dictionary<uint, Pending>();
            var directories = new List<KeyValuePair<string, KeyValuePair<uint, long>>>();
            uint index = 0;
            bool statsDone = false;
            bool finSent = false;
            try
            {
                while (true)
                {
                    byte[]? message = await call.ReadAsync(ct).ConfigureAwait(false);
                    if (message == null)
                    {
                        break;
                    }

                    // Packet { type = 1; Stat stat = 2; uint32 ID = 3; bytes data = 4; }
                    int type = 0;
                    ProtoReader? stat = null;
                    uint id = 0;
                    byte[] data = Array.Empty<byte>();
                    var reader = new ProtoReader(message);
                    while (reader.TryReadTag(out int field, out int wire))
                    {
                        if (field == 1 && wire == ProtoReader.WireVarint)
                        {
                            type = (int)reader.ReadVarint();
                        }
                        else if (field == 2 && wire == ProtoReader.WireLengthDelimited)
                        {
                            stat = reader.ReadMessage();
                        }
                        else if (field == 3 && wire == ProtoReader.WireVarint)
                        {
                            id = (uint)reader.ReadVarint();
                        }
                        else if (field == 4 && wire == ProtoReader.WireLengthDelimited)
                        {
                            data = reader.ReadBytes();
                        }
                        else
                        {
                            reader.Skip(wire);
                        }
                    }

                    switch (type)
                    {
                        case PacketStat:
                            if (stat == null)
                            {
                                statsDone = true;
                            }
                            else
                            {
                                bool request = OnStat(stat.Value, root, index, pending, directories);
                                if (request)
                                {
                                    await call.WriteAsync(new ProtoWriter().Varint(1, PacketReq).Varint(3, index).ToArray(), ct).ConfigureAwait(false);
                                }

                                index++;
                            }

                            break;
                        case PacketData:
                            if (pending.TryGetValue(id, out Pending? p))
                            {
                                if (data.Length == 0)
                                {
                                    p.Stream.Dispose();
                                    pending.Remove(id);
                                    Finish(p.Path, p.Mode, p.ModTime);
                                }
                                else
                                {
                                    await p.Stream.WriteAsync(data, 0, data.Length, ct).ConfigureAwait(false);
                                }
                            }

                            break;
                        case PacketFin:
                            // The engine's answer to our FIN: all is written.
                            FinishDirectories(directories);
                            await call.FinishAsync(GrpcCall.StatusOk, null, ct).ConfigureAwait(false);
                            return;
                        case PacketErr:
                            throw new IOException("The engine could not send the build output: " + System.Text.Encoding.UTF8.GetString(data));
                        default:
                            break;
                    }

                    if (statsDone && pending.Count == 0 && !finSent)
                    {
                        finSent = true;
                        // Everything is written: the folders' modes and times now, before the engine may hang up.
                        FinishDirectories(directories);
                        await call.WriteAsync(new ProtoWriter().Varint(1, PacketFin).ToArray(), ct).ConfigureAwait(false);
                    }
                }

                FinishDirectories(directories);
                await call.FinishAsync(GrpcCall.StatusOk, null, ct).ConfigureAwait(false);
            }
            finally
            {
                foreach (Pending p in pending.Values)
                {
                    p.Stream.Dispose();
                }
            }
        }

        /// <summary>Folders last, deepest first: their modes (maybe read-only) and times after their content.</summary>
        private static void FinishDirectories(List<KeyValuePair<string, KeyValuePair<uint, long>>> directories)
        {
            for (int i = directories.Count - 1; i >= 0; i--)
            {
                Chmod(directories[i].Key, directories[i].Value.Key);
                SetTime(directories[i].Key, directories[i].Value.Value, true);
            }

            directories.Clear();
        }

        /// <summary>Creates one entry; true when it is a file whose data must be asked for.</summary>
        private bool OnStat(ProtoReader stat, string root, uint index, Dictionary<uint, Pending> pending, List<KeyValuePair<string, KeyValuePair<uint, long>>> directories)
        {
            // Stat { path = 1; mode = 2; uid = 3; gid = 4; size = 5; modTime = 6; linkname = 7; ... }
            string path = string.Empty;
            string linkname = string.Empty;
            uint mode = 0;
            long modTime = 0;
            while (stat.TryReadTag(out int field, out int wire))
            {
                if (field == 1 && wire == ProtoReader.WireLengthDelimited)
                {
                    path = stat.ReadString();
                }
                else if (field == 2 && wire == ProtoReader.WireVarint)
                {
                    mode = (uint)stat.ReadVarint();
                }
                else if (field == 6 && wire == ProtoReader.WireVarint)
                {
                    modTime = stat.ReadInt64();
                }
                else if (field == 7 && wire == ProtoReader.WireLengthDelimited)
                {
                    linkname = stat.ReadString();
                }
                else
                {
                    stat.Skip(wire);
                }
            }

            string full = Inside(root, path);
            Written++;
            if ((mode & ModeDir) != 0)
            {
                Directory.CreateDirectory(full);
                directories.Add(new KeyValuePair<string, KeyValuePair<uint, long>>(full, new KeyValuePair<uint, long>(mode, modTime)));
                return false;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            if ((mode & ModeSymlink) != 0)
            {
                if (File.Exists(full))
                {
                    File.Delete(full);
                }

                if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    Symlink(linkname, full);
                }

                return false;
            }

            if ((mode & ModeType) != 0)
            {
                return false; // devices, pipes and sockets are not written, as the CLI does not as a non-root user
            }

            // A regular file (hard links too: the engine sends their data as well).
            pending[index] = new Pending(full, new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, 81920, true), mode, modTime);
            return true;
        }

        /// <summary>The full path of an entry, refusing one that would land outside the destination.</summary>
        internal static string Inside(string root, string relative)
        {
            string clean = relative.Replace('\\', '/').TrimStart('/');
            foreach (string segment in clean.Split('/'))
            {
                if (segment == "..")
                {
                    throw new InvalidDataException("The engine sent an output path outside the destination: " + relative);
                }
            }

            string full = Path.GetFullPath(Path.Combine(root, clean.Replace('/', Path.DirectorySeparatorChar)));
            if (!full.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidDataException("The engine sent an output path outside the destination: " + relative);
            }

            return full;
        }

        private static void Finish(string path, uint mode, long modTime)
        {
            Chmod(path, mode);
            SetTime(path, modTime, false);
        }

        private static void SetTime(string path, long unixNanoseconds, bool directory)
        {
            if (unixNanoseconds <= 0)
            {
                return;
            }

            DateTime time = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(unixNanoseconds / 100);
            try
            {
                if (directory)
                {
                    Directory.SetLastWriteTimeUtc(path, time);
                }
                else
                {
                    File.SetLastWriteTimeUtc(path, time);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException)
            {
            }
        }

        private static void Chmod(string path, uint mode)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return;
            }

            // The permission bits, plus Go's setuid/setgid/sticky flags in their unix places.
            uint unix = mode & 0x1FF;
            if ((mode & (1u << 23)) != 0)
            {
                unix |= 0x800;
            }

            if ((mode & (1u << 22)) != 0)
            {
                unix |= 0x400;
            }

            if ((mode & (1u << 20)) != 0)
            {
                unix |= 0x200;
            }

            NativeChmod(path, unix);
        }

        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int NativeChmod(string path, uint mode);

        [DllImport("libc", EntryPoint = "symlink", SetLastError = true)]
        private static extern int Symlink(string target, string linkPath);
    }
}
