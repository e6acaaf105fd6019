using System;
using System.Globalization;
using System.IO;
using System.Text;
using DockerPS.Models;

namespace DockerPS.Compose
{
    /// <summary>
    /// Secrets and configs outside a swarm, as Compose v2 gives them to a container: a file: source is bind-mounted
    /// read-only (a secret at /run/secrets/&lt;target or key&gt;, a config at its target or /&lt;key&gt;); an
    /// environment: or content: source is copied into the created container as a one-file tar archive (mode 0444
    /// unless mode: says otherwise, owner uid/gid when given), before it starts.
    /// </summary>
    internal static class ComposeFileObjects
    {
        /// <summary>Where the service sees the secret or config.</summary>
        public static string Target(ComposeFileReference r, string kind)
        {
            string target = r.Target ?? r.Source;
            if (target.StartsWith("/", StringComparison.Ordinal))
            {
                return target;
            }

            return (kind == "secret" ? "/run/secrets/" : "/") + target;
        }

        /// <summary>Whether the data is copied in (environment, content) rather than bind-mounted (file).</summary>
        public static bool IsCopied(ComposeFileObject o) => o.File == null && !o.External;

        /// <summary>A tar archive with one regular file at <paramref name="path"/> (absolute; extracted at /).</summary>
        public static MemoryStream Tar(string path, byte[] data, uint mode, int uid, int gid)
        {
            string name = path.TrimStart('/');
            byte[] nameBytes = Encoding.UTF8.GetBytes(name);
            var output = new MemoryStream();
            var header = new byte[512];
            if (nameBytes.Length > 100)
            {
                // A PAX header carries a long path.
                byte[] pax = PaxRecord("path", name);
                WriteHeader(header, "././@PaxHeader", 0x1a4, 0, 0, pax.Length, (byte)'x');
                output.Write(header, 0, 512);
                output.Write(pax, 0, pax.Length);
                Pad(output, pax.Length);
                Array.Clear(header, 0, header.Length);
                name = name.Substring(name.Length - 100);
            }

            WriteHeader(header, name, mode, uid, gid, data.Length, (byte)'0');
            output.Write(header, 0, 512);
            output.Write(data, 0, data.Length);
            Pad(output, data.Length);
            output.Write(new byte[1024], 0, 1024);
            output.Position = 0;
            return output;
        }

        private static byte[] PaxRecord(string key, string value)
        {
            string body = " " + key + "=" + value + "\n";
            int length = Encoding.UTF8.GetByteCount(body);
            int total = length + length.ToString(CultureInfo.InvariantCulture).Length;
            if (total.ToString(CultureInfo.InvariantCulture).Length + length != total)
            {
                total++;
            }

            return Encoding.UTF8.GetBytes(total.ToString(CultureInfo.InvariantCulture) + body);
        }

        private static void Pad(Stream output, long length)
        {
            int pad = (int)((512 - (length % 512)) % 512);
            output.Write(new byte[pad], 0, pad);
        }

        private static void WriteHeader(byte[] h, string name, uint mode, int uid, int gid, long size, byte type)
        {
            Put(h, 0, 100, Encoding.UTF8.GetBytes(name));
            Octal(h, 100, 8, mode);
            Octal(h, 108, 8, uid);
            Octal(h, 116, 8, gid);
            Octal(h, 124, 12, size);
            Octal(h, 136, 12, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            h[156] = type;
            Put(h, 257, 6, Encoding.ASCII.GetBytes("ustar\0"));
            Put(h, 263, 2, Encoding.ASCII.GetBytes("00"));
            for (int i = 148; i < 156; i++)
            {
                h[i] = (byte)' ';
            }

            long sum = 0;
            foreach (byte b in h)
            {
                sum += b;
            }

            Octal(h, 148, 7, sum);
            h[155] = (byte)' ';
        }

        private static void Put(byte[] h, int at, int length, byte[] value) => Array.Copy(value, 0, h, at, Math.Min(length, value.Length));

        private static void Octal(byte[] h, int at, int length, long value)
        {
            string text = Convert.ToString(value, 8).PadLeft(length - 1, '0');
            Put(h, at, length - 1, Encoding.ASCII.GetBytes(text));
            h[at + length - 1] = 0;
        }
    }
}
