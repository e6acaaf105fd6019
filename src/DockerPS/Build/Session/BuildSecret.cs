using System;
using System.Collections.Generic;
using System.IO;

namespace DockerPS.Build.Session
{
    /// <summary>
    /// One -Secret: an id and where its value is (a file or an environment variable). Only the place is kept; the value
    /// is read when the engine asks for the secret through the session, and never appears in any message.
    /// </summary>
    internal sealed class BuildSecret
    {
        /// <summary>BuildKit's own limit for a secret's size.</summary>
        internal const int MaxSize = 500 * 1024;

        private BuildSecret(string id, string? file, string? environmentVariable)
        {
            Id = id;
            File = file;
            EnvironmentVariable = environmentVariable;
        }

        internal string Id { get; }

        internal string? File { get; }

        internal string? EnvironmentVariable { get; }

        /// <summary>
        /// Parses docker build's --secret form: id=x[,src|source=path][,env=VAR][,type=file|env]. Without src or env,
        /// the environment variable named as the id if it is set, else the file named as the id (as docker buildx does).
        /// <paramref name="resolvePath"/> makes a relative path full (PowerShell's current location).
        /// </summary>
        internal static BuildSecret Parse(string spec, Func<string, string> resolvePath)
        {
            string? id = null;
            string? src = null;
            string? env = null;
            string? type = null;
            foreach (string part in spec.Split(','))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0)
                {
                    throw new FormatException("A -Secret entry is id=<id>,src=<file> or id=<id>,env=<variable>; '" + part + "' has no key=value form.");
                }

                string key = part.Substring(0, eq).Trim().ToLowerInvariant();
                string value = part.Substring(eq + 1).Trim();
                switch (key)
                {
                    case "id":
                        id = value;
                        break;
                    case "src":
                    case "source":
                        src = value;
                        break;
                    case "env":
                        env = value;
                        break;
                    case "type":
                        if (value != "file" && value != "env")
                        {
                            throw new FormatException("A -Secret type is file or env, not '" + value + "'.");
                        }

                        type = value;
                        break;
                    default:
                        throw new FormatException("A -Secret entry knows the keys id, src, env and type, not '" + key + "'.");
                }
            }

            if (string.IsNullOrEmpty(id))
            {
                throw new FormatException("A -Secret entry needs an id=<id>.");
            }

            if (type == "env" && env == null)
            {
                env = src ?? id;
                src = null;
            }

            if (src == null && env == null)
            {
                if (type != "file" && Environment.GetEnvironmentVariable(id!) != null)
                {
                    env = id;
                }
                else
                {
                    src = id;
                }
            }

            if (env != null && src == null)
            {
                if (Environment.GetEnvironmentVariable(env) == null)
                {
                    throw new FormatException("The environment variable '" + env + "' of -Secret id=" + id + " is not set.");
                }

                return new BuildSecret(id!, null, env);
            }

            string path = resolvePath(src!);
            if (!System.IO.File.Exists(path))
            {
                throw new FileNotFoundException("The file of -Secret id=" + id + " does not exist: " + path);
            }

            return new BuildSecret(id!, path, null);
        }

        /// <summary>The value, read now (when the engine asks); null when it is gone or too large.</summary>
        internal byte[]? Read()
        {
            if (EnvironmentVariable != null)
            {
                string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
                return value == null ? null : System.Text.Encoding.UTF8.GetBytes(value);
            }

            var info = new FileInfo(File!);
            if (!info.Exists || info.Length > MaxSize)
            {
                return null;
            }

            return System.IO.File.ReadAllBytes(File!);
        }

        /// <summary>Refuses two secrets with one id, as the CLI does.</summary>
        internal static void CheckUnique(IEnumerable<BuildSecret> secrets)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (BuildSecret s in secrets)
            {
                if (!seen.Add(s.Id))
                {
                    throw new FormatException("Two -Secret entries have the id '" + s.Id + "'.");
                }
            }
        }
    }
}
