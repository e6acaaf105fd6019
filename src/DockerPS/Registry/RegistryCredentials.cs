using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Text;
using DockerPS.Connection;
using DockerPS.Engine;

namespace DockerPS.Registry
{
    /// <summary>
    /// Finds the credentials for a registry, in the order the issue asks: -Credential, then the session's
    /// Connect-DockerRegistry login, then the docker config file (auths, credHelpers, credsStore). Passwords stay
    /// in PSCredential / RegistryAuth objects and are never formatted into any message.
    /// </summary>
    internal static class RegistryCredentials
    {
        /// <summary>The registry name the docker CLI uses for Docker Hub.</summary>
        public const string DockerHub = "docker.io";

        /// <summary>The key Docker Hub has in config.json and credential helpers.</summary>
        public const string DockerHubServer = "https://index.docker.io/v1/";

        private static readonly ConcurrentDictionary<string, PSCredential> s_logins = new ConcurrentDictionary<string, PSCredential>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The registry part of an image reference: docker.io unless the first component has a dot, a colon or is localhost.</summary>
        public static string RegistryOf(string reference)
        {
            int slash = reference.IndexOf('/');
            if (slash <= 0)
            {
                return DockerHub;
            }

            string first = reference.Substring(0, slash);
            return first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || first == "localhost" ? Normalize(first) : DockerHub;
        }

        /// <summary>host[:port] of a registry address given with or without a scheme or path; Docker Hub's names become docker.io.</summary>
        public static string Normalize(string server)
        {
            string s = server.Trim();
            int scheme = s.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                s = s.Substring(scheme + 3);
            }

            int path = s.IndexOf('/');
            if (path >= 0)
            {
                s = s.Substring(0, path);
            }

            s = s.ToLowerInvariant();
            return s == "index.docker.io" || s == "registry-1.docker.io" || s == "registry.hub.docker.com" ? DockerHub : s;
        }

        /// <summary>The server address the engine expects for a registry.</summary>
        public static string ServerAddress(string registry) => registry == DockerHub ? DockerHubServer : registry;

        /// <summary>Remembers a login for this session (<paramref name="sessionKey"/> is the runspace).</summary>
        public static void SaveLogin(string sessionKey, string registry, PSCredential credential) => s_logins[sessionKey + "|" + Normalize(registry)] = credential;

        /// <summary>Forgets a login; false when there was none.</summary>
        public static bool RemoveLogin(string sessionKey, string registry) => s_logins.TryRemove(sessionKey + "|" + Normalize(registry), out _);

        /// <summary>The credentials to use for <paramref name="registry"/>, or null for anonymous access.</summary>
        public static RegistryAuth? Resolve(string registry, PSCredential? credential, string sessionKey, string configDirectory)
        {
            registry = Normalize(registry);
            if (credential != null)
            {
                return FromCredential(registry, credential, "-Credential");
            }

            if (s_logins.TryGetValue(sessionKey + "|" + registry, out PSCredential? login))
            {
                return FromCredential(registry, login, "Connect-DockerRegistry");
            }

            return FromConfig(registry, configDirectory);
        }

        /// <summary>A RegistryAuth from a PSCredential.</summary>
        public static RegistryAuth FromCredential(string registry, PSCredential credential, string source) =>
            new RegistryAuth(ServerAddress(Normalize(registry)), credential.UserName, credential.GetNetworkCredential().Password) { Source = source };

        /// <summary>The docker CLI's stored credentials for a registry: credHelpers, then auths, then credsStore.</summary>
        public static RegistryAuth? FromConfig(string registry, string configDirectory)
        {
            string path = Path.Combine(configDirectory, "config.json");
            if (!File.Exists(path))
            {
                return null;
            }

            if (!(MiniJson.Parse(File.ReadAllText(path)) is Dictionary<string, object?> root))
            {
                return null;
            }

            string source = "docker config " + path;
            if (root.TryGetValue("credHelpers", out object? h) && h is Dictionary<string, object?> helpers)
            {
                foreach (KeyValuePair<string, object?> pair in helpers)
                {
                    if (Normalize(pair.Key) == registry && pair.Value is string helper && helper.Length > 0)
                    {
                        return FromHelper(helper, registry);
                    }
                }
            }

            if (root.TryGetValue("auths", out object? a) && a is Dictionary<string, object?> auths)
            {
                foreach (KeyValuePair<string, object?> pair in auths)
                {
                    if (Normalize(pair.Key) != registry || !(pair.Value is Dictionary<string, object?> entry))
                    {
                        continue;
                    }

                    string? token = entry.TryGetValue("identitytoken", out object? t) ? t as string : null;
                    if (entry.TryGetValue("auth", out object? encoded) && encoded is string auth && auth.Length > 0)
                    {
                        string decoded;
                        try
                        {
                            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
                        }
                        catch (FormatException)
                        {
                            throw new ArgumentException($"The auths entry for {pair.Key} in {path} is not valid base64.");
                        }

                        int colon = decoded.IndexOf(':');
                        if (colon < 0)
                        {
                            throw new ArgumentException($"The auths entry for {pair.Key} in {path} is not user:password.");
                        }

                        return new RegistryAuth(ServerAddress(registry), decoded.Substring(0, colon), decoded.Substring(colon + 1), string.IsNullOrEmpty(token) ? null : token) { Source = source };
                    }

                    if (!string.IsNullOrEmpty(token))
                    {
                        return new RegistryAuth(ServerAddress(registry), null, null, token) { Source = source };
                    }
                }
            }

            if (root.TryGetValue("credsStore", out object? s) && s is string store && store.Length > 0)
            {
                return FromHelper(store, registry);
            }

            return null;
        }

        /// <summary>Runs docker-credential-&lt;helper&gt; get; null when the helper has nothing for the registry.</summary>
        public static RegistryAuth? FromHelper(string helper, string registry)
        {
            string program = "docker-credential-" + helper;
            var start = new ProcessStartInfo(program, "get")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start.");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new ArgumentException($"The docker config names the credential helper '{helper}', but {program} cannot be run: {e.Message}");
            }

            using (process)
            {
                process.StandardInput.Write(ServerAddress(registry));
                process.StandardInput.Close();
                string output = process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                if (!process.WaitForExit(30000))
                {
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }

                    throw new TimeoutException(program + " get did not answer within 30 s.");
                }

                if (process.ExitCode != 0)
                {
                    // "credentials not found in native keychain": nothing stored, so go on anonymously.
                    return null;
                }

                if (!(MiniJson.Parse(output) is Dictionary<string, object?> answer))
                {
                    return null;
                }

                string? user = answer.TryGetValue("Username", out object? u) ? u as string : null;
                string? secret = answer.TryGetValue("Secret", out object? sc) ? sc as string : null;
                string source = "credential helper " + program;
                if (user == "<token>")
                {
                    return new RegistryAuth(ServerAddress(registry), null, null, secret) { Source = source };
                }

                return new RegistryAuth(ServerAddress(registry), user, secret) { Source = source };
            }
        }
    }
}
