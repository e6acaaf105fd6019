using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using DockerPS.Connection;
using DockerPS.Engine;

namespace DockerPS.Registry
{
    /// <summary>
    /// Finds the credentials for a registry: -Credential, then the session's Connect-DockerRegistry -SessionOnly
    /// login, then the docker config file as the docker CLI reads it (the credHelpers entry's helper, else the
    /// credsStore helper, else auths). Stores and erases logins where docker login and logout do. Passwords stay in
    /// PSCredential / RegistryAuth objects and are never formatted into any message.
    /// </summary>
    internal static class RegistryCredentials
    {
        /// <summary>The registry name the docker CLI uses for Docker Hub.</summary>
        public const string DockerHub = "docker.io";

        /// <summary>The key Docker Hub has in config.json and credential helpers.</summary>
        public const string DockerHubServer = "https://index.docker.io/v1/";

        private static readonly ConcurrentDictionary<string, PSCredential> s_logins = new ConcurrentDictionary<string, PSCredential>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The registry of an image reference, as a credentials key (docker.io for Docker Hub's names); see <see cref="Images.ImageReference.DomainOf"/>.</summary>
        public static string RegistryOf(string reference) => Normalize(Images.ImageReference.DomainOf(reference));

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

        /// <summary>
        /// The key the docker CLI files a registry's login under in config.json and credential helpers: Docker Hub is
        /// https://index.docker.io/v1/, any other registry its host[:port] (credentials.ConvertToHostname: the scheme
        /// and any path dropped).
        /// </summary>
        public static string ServerKey(string registry)
        {
            if (Normalize(registry) == DockerHub)
            {
                return DockerHubServer;
            }

            string s = registry.Trim();
            int scheme = s.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                s = s.Substring(scheme + 3);
            }

            int path = s.IndexOf('/');
            return path >= 0 ? s.Substring(0, path) : s;
        }

        /// <summary>
        /// The credential helper the docker config names for a registry, as the CLI picks it: its credHelpers entry,
        /// else credsStore; null when logins go into auths.
        /// </summary>
        public static string? HelperFor(Dictionary<string, object?> root, string registry)
        {
            string wanted = Normalize(registry);
            if (root.TryGetValue("credHelpers", out object? h) && h is Dictionary<string, object?> helpers)
            {
                foreach (KeyValuePair<string, object?> pair in helpers)
                {
                    if (Normalize(pair.Key) == wanted && pair.Value is string helper && helper.Length > 0)
                    {
                        return helper;
                    }
                }
            }

            return root.TryGetValue("credsStore", out object? s) && s is string store && store.Length > 0 ? store : null;
        }

        /// <summary>
        /// The docker CLI's stored credentials for a registry, found as the CLI finds them: through the credential
        /// helper when credHelpers or credsStore names one (auths then holds no secret), else in auths.
        /// </summary>
        public static RegistryAuth? FromConfig(string registry, string configDirectory)
        {
            string path = DockerConfigFile.PathIn(configDirectory);
            Dictionary<string, object?>? root = ReadConfig(path);
            if (root == null)
            {
                return null;
            }

            string? helper = HelperFor(root, registry);
            if (helper != null)
            {
                return FromHelper(helper, registry);
            }

            if (!(root.TryGetValue("auths", out object? a) && a is Dictionary<string, object?> auths))
            {
                return null;
            }

            string source = "docker config " + path;
            string key = ServerKey(registry);
            foreach (KeyValuePair<string, object?> pair in auths.OrderBy(p => p.Key == key ? 0 : 1))
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

                    return new RegistryAuth(ServerAddress(registry), decoded.Substring(0, colon), decoded.Substring(colon + 1).TrimEnd('\0'), string.IsNullOrEmpty(token) ? null : token) { Source = source };
                }

                if (!string.IsNullOrEmpty(token))
                {
                    return new RegistryAuth(ServerAddress(registry), null, null, token) { Source = source };
                }
            }

            return null;
        }

        /// <summary>Runs docker-credential-&lt;helper&gt; get; null when the helper has nothing for the registry.</summary>
        public static RegistryAuth? FromHelper(string helper, string registry)
        {
            int exit = CredentialHelper.Run(helper, "get", ServerKey(registry), out string output);
            if (exit != 0)
            {
                if (CredentialHelper.IsNotFound(output))
                {
                    return null;
                }

                throw new ArgumentException(CredentialHelper.Describe(helper, "get", exit, output, null));
            }

            if (!(MiniJson.Parse(output) is Dictionary<string, object?> answer))
            {
                return null;
            }

            string? user = answer.TryGetValue("Username", out object? u) ? u as string : null;
            string? secret = answer.TryGetValue("Secret", out object? sc) ? sc as string : null;
            string source = "credential helper " + CredentialHelper.ProgramName(helper);
            if (user == "<token>")
            {
                return new RegistryAuth(ServerAddress(registry), null, null, secret) { Source = source };
            }

            return new RegistryAuth(ServerAddress(registry), user, secret) { Source = source };
        }

        /// <summary>
        /// Stores a login where docker login stores it: through the configured credential helper (and an empty auths
        /// entry, as the CLI leaves one), else as auths.&lt;server&gt;.auth = base64(user:password). Returns where it went.
        /// </summary>
        /// <exception cref="FormatException">config.json is not a JSON object.</exception>
        /// <exception cref="CredentialHelperException">The helper failed.</exception>
        public static string Store(string configDirectory, string registry, PSCredential credential)
        {
            string path = DockerConfigFile.PathIn(configDirectory);
            string text = DockerConfigFile.Read(path);
            Dictionary<string, object?> root = ParseConfig(text, path);
            string key = ServerKey(registry);
            string? helper = HelperFor(root, registry);
            string user = credential.UserName;
            string password = credential.GetNetworkCredential().Password;
            object entry;
            string where;
            if (helper != null)
            {
                string json = "{\"ServerURL\":" + ConfigJsonEditor.Literal(key) + ",\"Username\":" + ConfigJsonEditor.Literal(user) +
                    ",\"Secret\":" + ConfigJsonEditor.Literal(password) + "}\n";
                int exit = CredentialHelper.Run(helper, "store", json, out string output);
                if (exit != 0)
                {
                    throw new CredentialHelperException(CredentialHelper.Describe(helper, "store", exit, output, password));
                }

                entry = Array.Empty<KeyValuePair<string, object>>();
                where = CredentialHelper.ProgramName(helper);
            }
            else
            {
                string auth = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
                entry = new[] { new KeyValuePair<string, object>("auth", auth) };
                where = path;
            }

            string updated = ConfigJsonEditor.SetMember(text, new[] { "auths", key }, entry);
            if (updated != text || !File.Exists(path))
            {
                DockerConfigFile.Write(path, updated);
            }

            return where;
        }

        /// <summary>
        /// Erases a stored login as docker logout does: through the configured helper for the server's key and its
        /// http:// and https:// forms, and the matching auths entries. Returns where a login was found, or null.
        /// </summary>
        /// <exception cref="FormatException">config.json is not a JSON object.</exception>
        /// <exception cref="CredentialHelperException">The helper failed for a reason other than holding nothing.</exception>
        public static string? Erase(string configDirectory, string registry)
        {
            string path = DockerConfigFile.PathIn(configDirectory);
            if (!File.Exists(path))
            {
                return null;
            }

            string text = DockerConfigFile.Read(path);
            Dictionary<string, object?> root = ParseConfig(text, path);
            string key = ServerKey(registry);
            var keys = new List<string> { key };
            if (key != DockerHubServer)
            {
                keys.Add("http://" + key);
                keys.Add("https://" + key);
            }

            string? found = null;
            string? helper = HelperFor(root, registry);
            if (helper != null)
            {
                CredentialHelperException? failure = null;
                foreach (string k in keys)
                {
                    int exit = CredentialHelper.Run(helper, "erase", k, out string output);
                    if (exit == 0)
                    {
                        found = CredentialHelper.ProgramName(helper);
                    }
                    else if (!CredentialHelper.IsNotFound(output))
                    {
                        failure = new CredentialHelperException(CredentialHelper.Describe(helper, "erase", exit, output, null));
                    }
                }

                if (found == null && failure != null)
                {
                    throw failure;
                }
            }

            string updated = text;
            if (root.TryGetValue("auths", out object? a) && a is Dictionary<string, object?> auths)
            {
                foreach (KeyValuePair<string, object?> pair in auths)
                {
                    if (!keys.Contains(pair.Key))
                    {
                        continue;
                    }

                    if (helper == null && pair.Value is Dictionary<string, object?> entry &&
                        ((entry.TryGetValue("auth", out object? au) && au is string x && x.Length > 0) ||
                         (entry.TryGetValue("identitytoken", out object? it) && it is string y && y.Length > 0)))
                    {
                        found = path;
                    }

                    updated = ConfigJsonEditor.SetMember(updated, new[] { "auths", pair.Key }, null);
                }
            }

            if (updated != text)
            {
                DockerConfigFile.Write(path, updated);
            }

            return found;
        }

        private static Dictionary<string, object?>? ReadConfig(string path)
        {
            string text = DockerConfigFile.Read(path);
            try
            {
                return string.IsNullOrWhiteSpace(text) ? null : ParseConfig(text, path);
            }
            catch (FormatException e)
            {
                throw new ArgumentException(e.Message, e);
            }
        }

        private static Dictionary<string, object?> ParseConfig(string text, string path)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return new Dictionary<string, object?>(StringComparer.Ordinal);
            }

            try
            {
                if (MiniJson.Parse(text) is Dictionary<string, object?> root)
                {
                    return root;
                }
            }
            catch (FormatException e)
            {
                throw new FormatException($"{path} is not valid JSON: {e.Message}", e);
            }

            throw new FormatException($"{path} does not hold a JSON object.");
        }
    }
}
