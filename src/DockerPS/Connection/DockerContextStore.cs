using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DockerPS.Models;
using DockerPS.Streams;

namespace DockerPS.Connection
{
    /// <summary>
    /// The docker CLI's context store: lists contexts (the implicit default plus contexts/meta/*/meta.json) and
    /// switches the current one by rewriting currentContext in config.json, leaving every other byte of the file
    /// as it was, through a temporary file and a rename.
    /// </summary>
    internal sealed class DockerContextStore
    {
        internal const string DefaultName = "default";

        private readonly Func<string, string?> _getEnv;
        private readonly bool _isWindows;

        public DockerContextStore(string configDirectory, Func<string, string?> getEnvironmentVariable, bool isWindows)
        {
            ConfigDirectory = configDirectory;
            _getEnv = getEnvironmentVariable;
            _isWindows = isWindows;
        }

        /// <summary>The store of this process: DOCKER_CONFIG or ~/.docker.</summary>
        public static DockerContextStore ForCurrentProcess() => new DockerContextStore(
            EndpointResolver.ForCurrentProcess().ConfigDirectory, Environment.GetEnvironmentVariable, Path.DirectorySeparatorChar == '\\');

        public string ConfigDirectory { get; }

        public string ConfigFile => Path.Combine(ConfigDirectory, "config.json");

        /// <summary>The context in effect: DOCKER_CONTEXT, else currentContext in config.json, else default.</summary>
        public string CurrentName()
        {
            string? fromEnv = _getEnv("DOCKER_CONTEXT");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                return fromEnv!;
            }

            string? fromConfig = DockerCliConfig.ReadCurrentContext(ConfigDirectory);
            return string.IsNullOrEmpty(fromConfig) ? DefaultName : fromConfig!;
        }

        /// <summary>Every context, default first. A meta.json that cannot be read is reported through <paramref name="onError"/>.</summary>
        public IReadOnlyList<DockerContext> List(Action<string, Exception>? onError = null)
        {
            string current = CurrentName();
            string? dockerHost = _getEnv("DOCKER_HOST");
            var result = new List<DockerContext>
            {
                new DockerContext
                {
                    Name = DefaultName,
                    Description = "Current DOCKER_HOST based configuration",
                    DockerEndpoint = string.IsNullOrEmpty(dockerHost) ? (_isWindows ? EndpointResolver.WindowsDefault : EndpointResolver.UnixDefault) : dockerHost!,
                    Current = current == DefaultName,
                },
            };

            string metaRoot = Path.Combine(ConfigDirectory, "contexts", "meta");
            if (!Directory.Exists(metaRoot))
            {
                return result;
            }

            var others = new List<DockerContext>();
            foreach (string dir in Directory.GetDirectories(metaRoot))
            {
                string meta = Path.Combine(dir, "meta.json");
                if (!File.Exists(meta))
                {
                    continue;
                }

                try
                {
                    string name = MiniJson.Parse(File.ReadAllText(meta)) is Dictionary<string, object?> root && root.TryGetValue("Name", out object? n) && n is string s
                        ? s
                        : throw new FormatException($"{meta} has no Name.");
                    DockerContextInfo info = DockerCliConfig.ReadContext(ConfigDirectory, name)
                        ?? throw new FormatException($"{meta} is not in the folder its name hashes to.");
                    others.Add(new DockerContext
                    {
                        Name = name,
                        Description = info.Description ?? string.Empty,
                        DockerEndpoint = info.Host,
                        Current = name == current,
                        Tls = info.TlsDirectory != null,
                    });
                }
                catch (Exception e) when (e is FormatException || e is ArgumentException || e is IOException || e is UnauthorizedAccessException)
                {
                    onError?.Invoke(meta, e);
                }
            }

            result.AddRange(others.OrderBy(c => c.Name, StringComparer.Ordinal));
            return result;
        }

        /// <summary>Whether a context of that name exists (default always does).</summary>
        public bool Exists(string name) => name == DefaultName || DockerCliConfig.ReadContext(ConfigDirectory, name) != null;

        /// <summary>The docker CLI's rule for context names (docker context create): a letter or digit, then one or more of letters, digits, _ . + -.</summary>
        public static bool IsValidName(string name)
        {
            if (name.Length < 2 || !char.IsLetterOrDigit(name[0]) || name[0] > 127)
            {
                return false;
            }

            foreach (char c in name)
            {
                bool ascii = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '+' || c == '-';
                if (!ascii)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The folder of a context's meta.json: contexts/meta/&lt;sha256(name)&gt;.</summary>
        public string MetaDirectory(string name) => Path.Combine(ConfigDirectory, "contexts", "meta", DockerCliConfig.ContextDirectoryName(name));

        /// <summary>The folder of a context's TLS material: contexts/tls/&lt;sha256(name)&gt;.</summary>
        public string TlsDirectory(string name) => Path.Combine(ConfigDirectory, "contexts", "tls", DockerCliConfig.ContextDirectoryName(name));

        /// <summary>
        /// Writes a context as docker context create --docker host=... [--description] does: meta.json, one line, no
        /// final newline, Metadata {} without a description, SkipTLSVerify false.
        /// </summary>
        public void Create(string name, string host, string? description)
        {
            // Go's encoder (docker's) also escapes <, >, & and the two Unicode line separators.
            static string Literal(string v) => ConfigJsonEditor.Literal(v).Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026")
                .Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029");
            string metadata = string.IsNullOrEmpty(description) ? "{}" : "{\"Description\":" + Literal(description!) + "}";
            string json = "{\"Name\":" + Literal(name) + ",\"Metadata\":" + metadata
                + ",\"Endpoints\":{\"docker\":{\"Host\":" + Literal(host) + ",\"SkipTLSVerify\":false}}}";
            string dir = MetaDirectory(name);
            Directory.CreateDirectory(dir);
            AtomicFile.WriteAllText(Path.Combine(dir, "meta.json"), json);
        }

        /// <summary>Removes a context's meta and TLS folders (docker context rm); the current one stops being current first.</summary>
        public void Remove(string name)
        {
            if (CurrentFromConfig() == name)
            {
                SetCurrent(DefaultName);
            }

            foreach (string dir in new[] { MetaDirectory(name), TlsDirectory(name) })
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }

        /// <summary>currentContext in config.json (DOCKER_CONTEXT not considered); null when unset.</summary>
        public string? CurrentFromConfig() => DockerCliConfig.ReadCurrentContext(ConfigDirectory);

        /// <summary>Makes <paramref name="name"/> the current context in config.json (default removes the key, as docker does).</summary>
        public void SetCurrent(string name)
        {
            string path = ConfigFile;
            string text = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
            string updated = ConfigJsonEditor.SetTopLevelString(text, "currentContext", name == DefaultName ? null : name);
            if (updated == text && File.Exists(path))
            {
                return;
            }

            Directory.CreateDirectory(ConfigDirectory);
            AtomicFile.WriteAllText(path, updated);
        }
    }
}
