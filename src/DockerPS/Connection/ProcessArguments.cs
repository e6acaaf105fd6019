using System.Collections.Generic;
using System.Text;

namespace DockerPS.Connection
{
    /// <summary>Child processes (ssh, git) on netstandard2.0, which has no ProcessStartInfo.ArgumentList.</summary>
    internal static class ProcessArguments
    {
        /// <summary>ProcessStartInfo.Arguments for netstandard2.0 (no ArgumentList): quoted as the runtime splits them back.</summary>
        public static string Join(IReadOnlyList<string> args)
        {
            var sb = new StringBuilder();
            foreach (string a in args)
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                if (a.Length > 0 && a.IndexOfAny(new[] { ' ', '\t', '"', '\\', '\'' }) < 0)
                {
                    sb.Append(a);
                    continue;
                }

                sb.Append('"');
                int backslashes = 0;
                foreach (char c in a)
                {
                    if (c == '\\')
                    {
                        backslashes++;
                        continue;
                    }

                    if (c == '"')
                    {
                        sb.Append('\\', backslashes * 2 + 1);
                    }
                    else
                    {
                        sb.Append('\\', backslashes);
                    }

                    backslashes = 0;
                    sb.Append(c);
                }

                sb.Append('\\', backslashes * 2);
                sb.Append('"');
            }

            return sb.ToString();
        }
    }
}
