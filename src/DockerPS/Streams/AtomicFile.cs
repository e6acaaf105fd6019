using System;
using System.IO;
using System.Text;

namespace DockerPS.Streams
{
    /// <summary>
    /// The one way the module writes a file that must appear whole or not at all (saved images, exported containers,
    /// copies, docker's config.json and context files): a hidden temp file beside the destination, so the rename
    /// stays on one volume, then one rename over the destination. Disposed without <see cref="Commit"/>, the temp
    /// file goes away: a write cut off by an error or Ctrl+C leaves the old file, or nothing.
    /// </summary>
    internal sealed class AtomicFile : IDisposable
    {
        private const int BufferSize = 81920;
        private bool _committed;

        public AtomicFile(string destination)
        {
            Destination = Path.GetFullPath(destination);
            string folder = Path.GetDirectoryName(Destination) ?? ".";
            Temp = Path.Combine(folder, "." + Path.GetFileName(Destination) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
        }

        public string Destination { get; }

        /// <summary>The file being written; it becomes <see cref="Destination"/> on <see cref="Commit"/>.</summary>
        public string Temp { get; }

        public FileStream Open(bool useAsync = false) => new FileStream(Temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync);

        /// <summary>Puts the finished temp file in the destination's place (File.Replace over an existing one, without a backup).</summary>
        public void Commit()
        {
            if (File.Exists(Destination))
            {
                File.Replace(Temp, Destination, null);
            }
            else
            {
                File.Move(Temp, Destination);
            }

            _committed = true;
        }

        public void Dispose()
        {
            if (_committed)
            {
                return;
            }

            try
            {
                File.Delete(Temp);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Still open elsewhere (a virus scanner): a hidden .partial file is all that stays.
            }
        }

        /// <summary>Writes <paramref name="text"/> as UTF-8 without a BOM; <paramref name="beforeWrite"/> sees the empty temp file first (to set its mode).</summary>
        public static void WriteAllText(string path, string text, Action<string>? beforeWrite = null)
        {
            using var file = new AtomicFile(path);
            using (FileStream stream = file.Open())
            {
                beforeWrite?.Invoke(file.Temp);
                byte[] bytes = new UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(true);
            }

            file.Commit();
        }
    }
}
