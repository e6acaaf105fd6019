using System;
using System.Collections.Generic;
using System.Globalization;

namespace DockerPS.Connection
{
    /// <summary>
    /// An ssh://[user@]host[:port][/socket] engine address, read the way the docker CLI reads it, and the OpenSSH
    /// command line that reaches the remote engine: ssh ... -- host docker [--host unix://socket] system dial-stdio.
    /// Pure, so it is unit-tested; the adapter runs the process.
    /// </summary>
    internal sealed class SshTarget
    {
        /// <summary>Environment variable: an ssh_config file DockerPS passes to ssh with -F (default: ssh's own, ~/.ssh/config).</summary>
        internal const string ConfigVariable = "DOCKERPS_SSH_CONFIG";

        /// <summary>Environment variable: the ssh program to run (default: ssh, found on PATH).</summary>
        internal const string ProgramVariable = "DOCKERPS_SSH";

        private SshTarget(string? user, string host, int? port, string? socketPath)
        {
            User = user;
            Host = host;
            Port = port;
            SocketPath = socketPath;
        }

        public string? User { get; }

        public string Host { get; }

        public int? Port { get; }

        /// <summary>The remote engine's socket when the address has a path (docker --host unix://path); null for the remote default.</summary>
        public string? SocketPath { get; }

        /// <summary>user@host[:port], for messages.</summary>
        public string Display => (User != null ? User + "@" : string.Empty) + Host + (Port.HasValue ? ":" + Port.Value.ToString(CultureInfo.InvariantCulture) : string.Empty);

        /// <summary>Reads an ssh:// address; null and <paramref name="problem"/> set when it is not one the docker CLI accepts.</summary>
        public static SshTarget? TryParse(Uri uri, out string? problem)
        {
            problem = null;
            string userInfo = uri.UserInfo;
            string? user = null;
            if (userInfo.Length > 0)
            {
                if (userInfo.IndexOf(':') >= 0)
                {
                    problem = "has a password in it; ssh:// takes none (use a key: ssh-agent or ~/.ssh/config)";
                    return null;
                }

                user = Uri.UnescapeDataString(userInfo);
            }

            string host = uri.Host.Trim('[', ']');
            if (host.Length == 0)
            {
                problem = "names no host; write ssh://user@host";
                return null;
            }

            if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                problem = "has a query or fragment after the host; write ssh://user@host[:port]";
                return null;
            }

            string path = Uri.UnescapeDataString(uri.AbsolutePath);
            return new SshTarget(user, host, uri.IsDefaultPort || uri.Port <= 0 ? (int?)null : uri.Port, path.Length > 1 ? path : null);
        }

        /// <summary>
        /// The arguments of ssh, as the docker CLI builds them (-o ConnectTimeout, -T, -l user, -p port, -- host, then the
        /// remote command), plus BatchMode=yes so ssh never prompts (no terminal here: a prompt would hang the call).
        /// </summary>
        public IReadOnlyList<string> Arguments(int connectTimeoutSeconds, string? configFile)
        {
            var args = new List<string>();
            if (!string.IsNullOrEmpty(configFile))
            {
                args.Add("-F");
                args.Add(configFile!);
            }

            args.Add("-o");
            args.Add("ConnectTimeout=" + Math.Max(1, connectTimeoutSeconds).ToString(CultureInfo.InvariantCulture));
            args.Add("-o");
            args.Add("BatchMode=yes");
            args.Add("-T");
            if (User != null)
            {
                args.Add("-l");
                args.Add(User);
            }

            if (Port.HasValue)
            {
                args.Add("-p");
                args.Add(Port.Value.ToString(CultureInfo.InvariantCulture));
            }

            args.Add("--");
            args.Add(Host);
            args.Add("docker");
            if (SocketPath != null)
            {
                args.Add("--host");
                args.Add(QuoteRemote("unix://" + SocketPath));
            }

            args.Add("system");
            args.Add("dial-stdio");
            return args;
        }

        /// <summary>The remote side runs the command through its shell: quote a path that has more than safe characters.</summary>
        private static string QuoteRemote(string text)
        {
            foreach (char c in text)
            {
                if (!(char.IsLetterOrDigit(c) || c == '/' || c == ':' || c == '.' || c == '_' || c == '-'))
                {
                    return "'" + text.Replace("'", "'\\''") + "'";
                }
            }

            return text;
        }
    }
}
