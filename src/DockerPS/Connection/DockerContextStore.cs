using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DockerPS.Models;

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
            string temp = Path.Combine(ConfigDirectory, "config.json." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                File.WriteAllText(temp, updated, new UTF8Encoding(false));
                if (File.Exists(path))
                {
                    File.Replace(temp, path, null);
                }
                else
                {
                    File.Move(temp, path);
                }
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }
}
