using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace DockerPS.Commands.Swarm
{
    /// <summary>The bytes of a new secret or config, from a file, text or a SecureString. Callers clear the buffer after use.</summary>
    internal static class SwarmData
    {
        /// <summary>Swarm's own limit: secrets and configs are at most 500 KB.</summary>
        internal const int MaxBytes = 500 * 1024;

        internal static byte[] FromFile(string path)
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new FileNotFoundException($"The file '{path}' does not exist.", path);
            }

            if (info.Length > MaxBytes)
            {
                throw new ArgumentException($"'{path}' is {info.Length} bytes; a swarm secret or config holds at most {MaxBytes} bytes.");
            }

            return File.ReadAllBytes(path);
        }

        internal static byte[] FromText(string text) => new UTF8Encoding(false).GetBytes(text);

        /// <summary>Decodes the SecureString straight into UTF-8 bytes; the plain text exists only in unmanaged memory that is zeroed at once.</summary>
        internal static byte[] FromSecure(SecureString secure)
        {
            IntPtr plain = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                var chars = new char[secure.Length];
                try
                {
                    Marshal.Copy(plain, chars, 0, chars.Length);
                    return new UTF8Encoding(false).GetBytes(chars);
                }
                finally
                {
                    Array.Clear(chars, 0, chars.Length);
                }
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(plain);
            }
        }
    }
}
