using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DockerPS.Models;
using DockerPS.Specs;
using DockerPS.Errors;

namespace DockerPS.Compose
{
    /// <summary>Where to read a project from and how.</summary>
    internal sealed class ComposeLoadOptions
    {
        public string CurrentDirectory { get; set; } = ".";

        public string? ProjectDirectory { get; set; }

        public string? ProjectName { get; set; }

        /// <summary>-File: merged in order; empty to look for the default names.</summary>
        public IList<string> Files { get; set; } = new List<string>();

        /// <summary>-Profile; null to take COMPOSE_PROFILES.</summary>
        public IList<string>? Profiles { get; set; }

        /// <summary>Read for Deploy-SwarmStack: the deploy: keys docker stack deploy reads are accepted.</summary>
        public bool ForStack { get; set; }

        /// <summary>The process environment (null for unset).</summary>
        public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;
    }

    /// <summary>A loaded project: the public model plus the resolved tree it came from (for -AsYaml).</summary>
    internal sealed class ComposeProject
    {
        public ComposeProjectConfig Config { get; set; } = new ComposeProjectConfig();

        /// <summary>The merged, interpolated document with only the enabled services.</summary>
        public YamlNode Document { get; set; } = YamlNode.Map();

        /// <summary>The shell's variables over .env: where environment-sourced secrets and configs are read, when used.</summary>
        public Func<string, string?> Lookup { get; set; } = _ => null;
    }

    /// <summary>
    /// Reads compose files as docker compose does: default file names and the override file, .env, interpolation,
    /// YAML merge keys, several files merged in order, profiles. Errors are <see cref="ComposeFileException"/>s that
    /// name the file, line and key.
    /// </summary>
    internal static class ComposeLoader
    {
        public const string FileNotFoundId = ErrorIds.ComposeFileNotFound;
        public const string UnknownKeyId = ErrorIds.ComposeUnknownKey;
        public const string NotSupportedId = ErrorIds.ComposeFeatureNotSupported;
        public const string VariableMissingId = ErrorIds.ComposeVariableMissing;

        private const int MaxDepth = 64;

        private static readonly string[] s_defaultNames = { "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml" };
        private static readonly string[] s_overrideNames = { "compose.override.yaml", "compose.override.yml", "docker-compose.override.yml", "docker-compose.override.yaml" };

        // Lists whose later file replaces the earlier one; every other list is joined.
        private static readonly HashSet<string> s_replacedLists = new HashSet<string>(StringComparer.Ordinal) { "command", "entrypoint", "test" };

        public static ComposeProject Load(ComposeLoadOptions options, IYamlCodec yaml)
        {
            List<string> files = FindFiles(options);
            string workingDir = Path.GetFullPath(options.ProjectDirectory != null
                ? Path.Combine(options.CurrentDirectory, options.ProjectDirectory)
                : Path.GetDirectoryName(files[0])!);

            var dotenv = new Dictionary<string, string>(StringComparer.Ordinal);
            string envFile = Path.Combine(workingDir, ".env");
            if (File.Exists(envFile))
            {
                dotenv = DotEnv.Parse(File.ReadAllText(envFile), envFile, options.Environment);
            }

            // The shell's variables win over .env, as in compose.
            string? Lookup(string name) => options.Environment(name) ?? (dotenv.TryGetValue(name, out string? v) ? v : null);
            var warnings = new List<string>();
            var unsetSeen = new HashSet<string>(StringComparer.Ordinal);
            var refused = new List<string>();

            // One file as compose reads it: YAML merge keys, interpolation, the key checks, the list forms as mappings.
            YamlNode ReadOne(string file)
            {
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new ComposeFileException("cannot read the file: " + e.Message, file, 0, null, e) { ErrorId = FileNotFoundId };
                }

                YamlNode doc = yaml.Read(text, file) ?? YamlNode.Map();
                Stamp(doc, file, new HashSet<YamlNode>());
                if (doc.Kind != YamlNodeKind.Mapping)
                {
                    throw new ComposeFileException("the top level must be a mapping (services:, networks:, volumes:).", file, doc.Line, null);
                }

                doc = ResolveMerges(doc, new Dictionary<YamlNode, YamlNode>());
                doc = Interpolate(doc, string.Empty, 0, Lookup, name =>
                {
                    if (unsetSeen.Add(name))
                    {
                        warnings.Add($"The \"{name}\" variable is not set. Defaulting to a blank string.");
                    }
                });
                Validate(doc, refused, options.ForStack);
                Normalize(doc);
                return doc;
            }

            YamlNode? merged = null;
            foreach (string file in files)
            {
                YamlNode doc = ReadOne(file);
                // extends: within each file before the files merge, as compose resolves it.
                ComposeExtends.Resolve(doc, file, ReadOne);
                merged = merged == null ? doc : Merge(merged, doc, string.Empty);
            }

            if (refused.Count > 0)
            {
                throw new ComposeFileException(
                    "DockerPS does not support these compose features (yet): " + string.Join("; ", refused) + ". See the Compose section of the README.",
                    files[0], 0, null) { ErrorId = NotSupportedId };
            }

            if (merged!.Get("version") != null)
            {
                warnings.Add("the attribute `version` is obsolete, it will be ignored.");
            }

            string name = ProjectName(options, merged, Lookup, workingDir);
            string[] profiles = (options.Profiles ?? (Lookup("COMPOSE_PROFILES") ?? string.Empty).Split(','))
                .Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToArray();

            var model = new ComposeModelBuilder(name, workingDir, merged, profiles, Lookup).Build();
            model.Config.ConfigFiles = files.ToArray();
            model.Config.Warnings = warnings.ToArray();
            model.Lookup = Lookup;
            return model;
        }

        private static List<string> FindFiles(ComposeLoadOptions options)
        {
            var files = new List<string>();
            if (options.Files.Count > 0)
            {
                foreach (string f in options.Files)
                {
                    string full = Path.GetFullPath(Path.Combine(options.CurrentDirectory, f));
                    if (!File.Exists(full))
                    {
                        throw new ComposeFileException("the file does not exist.", full, 0, null) { ErrorId = FileNotFoundId };
                    }

                    files.Add(full);
                }

                return files;
            }

            string dir = Path.GetFullPath(Path.Combine(options.CurrentDirectory, options.ProjectDirectory ?? "."));
            string? main = s_defaultNames.Select(n => Path.Combine(dir, n)).FirstOrDefault(File.Exists);
            if (main == null)
            {
                throw new ComposeFileException($"no configuration file provided: none of {string.Join(", ", s_defaultNames)} is in this folder.", dir, 0, null)
                { ErrorId = FileNotFoundId };
            }

            files.Add(main);
            string? over = s_overrideNames.Select(n => Path.Combine(dir, n)).FirstOrDefault(File.Exists);
            if (over != null)
            {
                files.Add(over);
            }

            return files;
        }

        private static string ProjectName(ComposeLoadOptions options, YamlNode doc, Func<string, string?> lookup, string workingDir)
        {
            string? raw = options.ProjectName ?? doc.Get("name")?.Value ?? lookup("COMPOSE_PROJECT_NAME");
            if (raw != null && raw.Length > 0)
            {
                if (!Regex.IsMatch(raw, "^[a-z0-9][a-z0-9_-]*$"))
                {
                    throw new ComposeFileException($"'{raw}' is not a valid project name: lowercase letters, digits, dashes and underscores, starting with a letter or digit.",
                        null, 0, "name");
                }

                return raw;
            }

            // From the folder, as compose normalizes it: lowercase, other characters dropped.
            string folder = new string(Path.GetFileName(workingDir.TrimEnd(Path.DirectorySeparatorChar)).ToLowerInvariant()
                .Where(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-').ToArray()).TrimStart('_', '-');
            return folder.Length > 0 ? folder : "default";
        }

        private static void Stamp(YamlNode node, string file, HashSet<YamlNode> seen)
        {
            if (!seen.Add(node))
            {
                return;
            }

            node.File = file;
            foreach (YamlNode item in node.Items)
            {
                Stamp(item, file, seen);
            }

            foreach (KeyValuePair<YamlNode, YamlNode> e in node.Entries)
            {
                Stamp(e.Key, file, seen);
                Stamp(e.Value, file, seen);
            }
        }

        /// <summary>
        /// YAML merge keys: the entries of &lt;&lt;: (one mapping, or a list where earlier ones win) come in unless the
        /// mapping names the key itself. Done here since YamlDotNet's MergingParser refuses such overrides.
        /// </summary>
        internal static YamlNode ResolveMerges(YamlNode node, Dictionary<YamlNode, YamlNode> done)
        {
            if (done.TryGetValue(node, out YamlNode? result))
            {
                return result;
            }

            switch (node.Kind)
            {
                case YamlNodeKind.Sequence:
                    result = new YamlNode { Kind = YamlNodeKind.Sequence, Line = node.Line, Column = node.Column, File = node.File };
                    done[node] = result;
                    foreach (YamlNode item in node.Items)
                    {
                        result.Items.Add(ResolveMerges(item, done));
                    }

                    return result;
                case YamlNodeKind.Mapping:
                    result = new YamlNode { Kind = YamlNodeKind.Mapping, Line = node.Line, Column = node.Column, File = node.File };
                    done[node] = result;
                    var keys = new HashSet<string>(StringComparer.Ordinal);
                    foreach (KeyValuePair<YamlNode, YamlNode> e in node.Entries.Where(e => !IsMergeKey(e.Key)))
                    {
                        if (!keys.Add(e.Key.Value ?? string.Empty))
                        {
                            throw new ComposeFileException("the key appears twice in one mapping.", node.File, e.Key.Line, e.Key.Value);
                        }

                        result.Entries.Add(new KeyValuePair<YamlNode, YamlNode>(e.Key, ResolveMerges(e.Value, done)));
                    }

                    foreach (KeyValuePair<YamlNode, YamlNode> e in node.Entries.Where(e => IsMergeKey(e.Key)))
                    {
                        IEnumerable<YamlNode> sources = e.Value.Kind == YamlNodeKind.Sequence ? e.Value.Items : new[] { e.Value };
                        foreach (YamlNode source in sources)
                        {
                            YamlNode resolved = ResolveMerges(source, done);
                            if (resolved.Kind != YamlNodeKind.Mapping)
                            {
                                throw new ComposeFileException("a merge key (<<) takes a mapping or a list of mappings (anchors).", node.File, source.Line, "<<");
                            }

                            foreach (KeyValuePair<YamlNode, YamlNode> m in resolved.Entries)
                            {
                                if (keys.Add(m.Key.Value ?? string.Empty))
                                {
                                    result.Entries.Add(m);
                                }
                            }
                        }
                    }

                    return result;
                default:
                    return node;
            }
        }

        private static bool IsMergeKey(YamlNode key) => key.Kind == YamlNodeKind.Scalar && key.Plain && key.Value == "<<";

        private static YamlNode Interpolate(YamlNode node, string path, int depth, Func<string, string?> lookup, Action<string> unset)
        {
            if (depth > MaxDepth)
            {
                // An alias inside its own anchor makes the tree endless; stop before the stack does.
                throw new ComposeFileException($"the document nests deeper than {MaxDepth} levels (does an alias refer to its own anchor?).", node.File, node.Line, path);
            }

            switch (node.Kind)
            {
                case YamlNodeKind.Scalar:
                    if (node.Value == null || node.Value.IndexOf('$') < 0)
                    {
                        return node;
                    }

                    try
                    {
                        return new YamlNode { Kind = YamlNodeKind.Scalar, Value = Interpolation.Apply(node.Value, lookup, unset), Plain = false, Line = node.Line, Column = node.Column, File = node.File };
                    }
                    catch (ArgumentException e)
                    {
                        throw new ComposeFileException(e.Message, node.File, node.Line, path, e) { ErrorId = e is MissingVariableException ? VariableMissingId : ComposeFileException.InvalidFileId };
                    }

                case YamlNodeKind.Sequence:
                    var seq = new YamlNode { Kind = YamlNodeKind.Sequence, Line = node.Line, Column = node.Column, File = node.File };
                    for (int i = 0; i < node.Items.Count; i++)
                    {
                        seq.Items.Add(Interpolate(node.Items[i], path + "[" + i + "]", depth + 1, lookup, unset));
                    }

                    return seq;
                default:
                    var map = new YamlNode { Kind = YamlNodeKind.Mapping, Line = node.Line, Column = node.Column, File = node.File };
                    foreach (KeyValuePair<YamlNode, YamlNode> e in node.Entries)
                    {
                        string key = e.Key.Value ?? string.Empty;
                        // Extension fields (x-...) are for anchors and tools; compose interpolates them too, but a
                        // variable used only there should not fail the project.
                        YamlNode value = key.StartsWith("x-", StringComparison.Ordinal) ? e.Value : Interpolate(e.Value, path.Length > 0 ? path + "." + key : key, depth + 1, lookup, unset);
                        map.Entries.Add(new KeyValuePair<YamlNode, YamlNode>(e.Key, value));
                    }

                    return map;
            }
        }

        /// <summary>Checks every key against the specification; refused features are collected and named together.</summary>
        private static void Validate(YamlNode doc, List<string> refused, bool forStack)
        {
            Keys(doc, null, ComposeSchema.TopSupported, ComposeSchema.TopRefused, refused);
            YamlNode? services = doc.Get("services");
            foreach (KeyValuePair<YamlNode, YamlNode> s in Entries(services, "services"))
            {
                string at = "services." + s.Key.Value;
                if (s.Value.IsNull)
                {
                    continue;
                }

                RequireMap(s.Value, at);
                Keys(s.Value, at, ComposeSchema.ServiceSupported.Concat(ComposeSchema.ServiceRuntime).ToArray(), ComposeSchema.ServiceRefused, refused);
                YamlNode? deploy = s.Value.Get("deploy");
                if (deploy != null && !deploy.IsNull)
                {
                    RequireMap(deploy, at + ".deploy");
                    Keys(deploy, at + ".deploy", forStack ? ComposeSchema.DeployStackSupported : ComposeSchema.DeploySupported,
                        forStack ? Array.Empty<string>() : ComposeSchema.DeployRefused, refused);
                }

                YamlNode? build = s.Value.Get("build");
                if (build != null && build.Kind == YamlNodeKind.Mapping)
                {
                    Keys(build, at + ".build", ComposeSchema.BuildSupported, ComposeSchema.BuildRefused, refused);
                }

                YamlNode? health = s.Value.Get("healthcheck");
                if (health != null && !health.IsNull)
                {
                    RequireMap(health, at + ".healthcheck");
                    Keys(health, at + ".healthcheck", ComposeSchema.HealthcheckKeys, Array.Empty<string>(), refused);
                }
            }

            foreach (KeyValuePair<YamlNode, YamlNode> n in Entries(doc.Get("networks"), "networks"))
            {
                if (!n.Value.IsNull)
                {
                    RequireMap(n.Value, "networks." + n.Key.Value);
                    Keys(n.Value, "networks." + n.Key.Value, ComposeSchema.NetworkSupported, ComposeSchema.NetworkRefused, refused);
                }
            }

            foreach (KeyValuePair<YamlNode, YamlNode> v in Entries(doc.Get("volumes"), "volumes"))
            {
                if (!v.Value.IsNull)
                {
                    RequireMap(v.Value, "volumes." + v.Key.Value);
                    Keys(v.Value, "volumes." + v.Key.Value, ComposeSchema.VolumeSupported, Array.Empty<string>(), refused);
                }
            }

            ValidateFileObjects(doc, refused);
        }

        /// <summary>The keys of the top-level secrets and configs (template_driver and driver are refused).</summary>
        private static void ValidateFileObjects(YamlNode doc, List<string> refused)
        {
            foreach ((string top, string[] keys) in new[] { ("secrets", ComposeSchema.SecretKeys), ("configs", ComposeSchema.ConfigKeys) })
            {
                foreach (KeyValuePair<YamlNode, YamlNode> o in Entries(doc.Get(top), top))
                {
                    if (!o.Value.IsNull)
                    {
                        RequireMap(o.Value, top + "." + o.Key.Value);
                        Keys(o.Value, top + "." + o.Key.Value, keys, ComposeSchema.FileObjectRefused, refused);
                    }
                }
            }
        }

        private static void Keys(YamlNode map, string? at, string[] supported, string[] refusedKeys, List<string> refused)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> e in map.Entries)
            {
                string key = e.Key.Value ?? string.Empty;
                string path = at == null ? key : at + "." + key;
                if (key.StartsWith("x-", StringComparison.Ordinal) || supported.Contains(key))
                {
                    continue;
                }

                if (refusedKeys.Contains(key))
                {
                    refused.Add($"{path} ({Path.GetFileName(e.Key.File)}, line {e.Key.Line})");
                    continue;
                }

                string? near = ComposeSchema.Suggest(key, supported.Concat(refusedKeys));
                throw new ComposeFileException("unknown key" + (near != null ? $"; did you mean '{near}'?" : "."), e.Key.File, e.Key.Line, path) { ErrorId = UnknownKeyId };
            }
        }

        internal static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlNode? node, string at)
        {
            if (node == null || node.IsNull)
            {
                return Array.Empty<KeyValuePair<YamlNode, YamlNode>>();
            }

            RequireMap(node, at);
            return node.Entries;
        }

        internal static void RequireMap(YamlNode node, string at)
        {
            if (node.Kind != YamlNodeKind.Mapping)
            {
                throw new ComposeFileException("must be a mapping.", node.File, node.Line, at);
            }
        }

        /// <summary>The list forms of environment, labels, depends_on and networks become mappings, so files merge key by key.</summary>
        private static void Normalize(YamlNode doc)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> s in Entries(doc.Get("services"), "services"))
            {
                if (s.Value.Kind != YamlNodeKind.Mapping)
                {
                    continue;
                }

                foreach (string key in new[] { "environment", "labels" })
                {
                    YamlNode? list = s.Value.Get(key);
                    if (list != null && list.Kind == YamlNodeKind.Sequence)
                    {
                        YamlNode map = YamlNode.Map(list);
                        foreach (YamlNode item in list.Items)
                        {
                            string text = item.Value ?? string.Empty;
                            int eq = text.IndexOf('=');
                            // environment: KEY alone passes the shell's value through (a null here).
                            map.Set(eq < 0 ? text : text.Substring(0, eq), eq < 0 ? YamlNode.Scalar(null, item) : YamlNode.Scalar(text.Substring(eq + 1), item));
                        }

                        s.Value.Set(key, map);
                    }
                }

                YamlNode? depends = s.Value.Get("depends_on");
                if (depends != null && depends.Kind == YamlNodeKind.Sequence)
                {
                    YamlNode map = YamlNode.Map(depends);
                    foreach (YamlNode item in depends.Items)
                    {
                        YamlNode cond = YamlNode.Map(item);
                        cond.Set("condition", YamlNode.Scalar("service_started", item));
                        map.Set(item.Value ?? string.Empty, cond);
                    }

                    s.Value.Set("depends_on", map);
                }

                YamlNode? networks = s.Value.Get("networks");
                if (networks != null && networks.Kind == YamlNodeKind.Sequence)
                {
                    YamlNode map = YamlNode.Map(networks);
                    foreach (YamlNode item in networks.Items)
                    {
                        map.Set(item.Value ?? string.Empty, YamlNode.Scalar(null, item));
                    }

                    s.Value.Set("networks", map);
                }
            }
        }

        /// <summary>A later file over an earlier one: mappings merge by key, most lists join, command/entrypoint/test replace.</summary>
        internal static YamlNode Merge(YamlNode a, YamlNode b, string key)
        {
            if (a.Kind == YamlNodeKind.Mapping && b.Kind == YamlNodeKind.Mapping)
            {
                var result = new YamlNode { Kind = YamlNodeKind.Mapping, Line = a.Line, File = a.File };
                result.Entries.AddRange(a.Entries);
                foreach (KeyValuePair<YamlNode, YamlNode> e in b.Entries)
                {
                    YamlNode? old = result.Get(e.Key.Value ?? string.Empty);
                    result.Set(e.Key.Value ?? string.Empty, old == null ? e.Value : Merge(old, e.Value, e.Key.Value ?? string.Empty));
                }

                return result;
            }

            if (a.Kind == YamlNodeKind.Sequence && b.Kind == YamlNodeKind.Sequence && !s_replacedLists.Contains(key))
            {
                var result = new YamlNode { Kind = YamlNodeKind.Sequence, Line = a.Line, File = a.File };
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (YamlNode item in a.Items.Concat(b.Items))
                {
                    if (seen.Add(Canonical(item)))
                    {
                        result.Items.Add(item);
                    }
                }

                return result;
            }

            return b;
        }

        /// <summary>A stable text of a node (mapping keys sorted), for de-duplication and the config hash.</summary>
        internal static string Canonical(YamlNode node)
        {
            var sb = new StringBuilder();
            Write(node, sb);
            return sb.ToString();
        }

        private static void Write(YamlNode node, StringBuilder sb)
        {
            switch (node.Kind)
            {
                case YamlNodeKind.Scalar:
                    sb.Append(node.IsNull ? "null" : "\"" + (node.Value ?? string.Empty).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
                    break;
                case YamlNodeKind.Sequence:
                    sb.Append('[');
                    for (int i = 0; i < node.Items.Count; i++)
                    {
                        sb.Append(i > 0 ? "," : string.Empty);
                        Write(node.Items[i], sb);
                    }

                    sb.Append(']');
                    break;
                default:
                    sb.Append('{');
                    bool first = true;
                    foreach (KeyValuePair<YamlNode, YamlNode> e in node.Entries.OrderBy(e => e.Key.Value, StringComparer.Ordinal))
                    {
                        sb.Append(first ? string.Empty : ",").Append('"').Append(e.Key.Value).Append("\":");
                        Write(e.Value, sb);
                        first = false;
                    }

                    sb.Append('}');
                    break;
            }
        }

        internal static string Hash(string text)
        {
            using (var sha = SHA256.Create())
            {
                byte[] bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
                return string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }

        /// <summary>The tree as plain dictionaries and lists, for the YAML writer.</summary>
        internal static object? Plain(YamlNode node)
        {
            switch (node.Kind)
            {
                case YamlNodeKind.Scalar:
                    return node.IsNull ? null : node.Value;
                case YamlNodeKind.Sequence:
                    return node.Items.Select(Plain).ToList();
                default:
                    var d = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (KeyValuePair<YamlNode, YamlNode> e in node.Entries)
                    {
                        d[e.Key.Value ?? string.Empty] = Plain(e.Value);
                    }

                    return d;
            }
        }
    }
}
