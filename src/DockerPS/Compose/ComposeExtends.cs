using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DockerPS.Compose
{
    /// <summary>
    /// A service's extends: (the same file, or file: another one, relative to the file that names it), resolved as the
    /// compose specification merges: mappings merge key by key, command/entrypoint/healthcheck.test replace, other
    /// sequences append (volumes by their target, the local one winning). A base service must not depend on another
    /// service (depends_on, links, volumes_from, service:/container: namespaces); a cycle is an error naming the file
    /// and line of the extends that closes it.
    /// </summary>
    internal sealed class ComposeExtends
    {
        private static readonly string[] s_dependencyKeys = { "depends_on", "links", "volumes_from" };
        private static readonly string[] s_namespaceKeys = { "network_mode", "ipc", "pid" };

        private readonly Func<string, YamlNode> _readFile;
        private readonly Dictionary<string, YamlNode> _files = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        private readonly Dictionary<string, YamlNode> _resolved = new Dictionary<string, YamlNode>(StringComparer.Ordinal);

        /// <param name="readFile">Reads another compose file as the loader reads one (merge keys, interpolation, checks).</param>
        private ComposeExtends(Func<string, YamlNode> readFile) => _readFile = readFile;

        /// <summary>Replaces every service of <paramref name="doc"/> (read from <paramref name="file"/>) that has extends: by the merged service.</summary>
        public static void Resolve(YamlNode doc, string file, Func<string, YamlNode> readFile)
        {
            YamlNode? services = doc.Get("services");
            if (services == null || services.Kind != YamlNodeKind.Mapping || !services.Entries.Any(e => e.Value.Kind == YamlNodeKind.Mapping && e.Value.Get("extends") != null))
            {
                return;
            }

            var resolver = new ComposeExtends(readFile);
            resolver._files[file] = doc;
            foreach (string name in services.Entries.Select(e => e.Key.Value ?? string.Empty).ToList())
            {
                services.Set(name, resolver.Service(file, name, new List<string>(), null)!);
            }
        }

        /// <summary>The service <paramref name="name"/> of <paramref name="file"/> with its extends resolved; null when the file does not define it.</summary>
        private YamlNode? Service(string file, string name, List<string> chain, YamlNode? from)
        {
            string key = file + "\n" + name;
            if (_resolved.TryGetValue(key, out YamlNode? done))
            {
                return done;
            }

            if (chain.Contains(key))
            {
                string cycle = string.Join(" -> ", chain.Concat(new[] { key }).Select(k => Describe(k, file)));
                string closing = chain[chain.Count - 1];
                throw new ComposeFileException("extends cycle: " + cycle + ".", from?.File, from?.Line ?? 0, "services." + closing.Substring(closing.IndexOf('\n') + 1) + ".extends");
            }

            YamlNode doc = File(file, from);
            YamlNode? node = doc.Get("services")?.Get(name);
            if (node == null || node.Kind != YamlNodeKind.Mapping)
            {
                return node;
            }

            YamlNode? ext = node.Get("extends");
            if (ext == null)
            {
                _resolved[key] = node;
                return node;
            }

            string at = "services." + name + ".extends";
            (string baseName, string? baseFileText) = Target(ext, at);
            string baseFile = baseFileText == null ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, baseFileText));
            chain.Add(key);
            // Errors about this extends name the line of its key.
            YamlNode extKey = node.Entries.First(e => e.Key.Value == "extends").Key;
            YamlNode? based = Service(baseFile, baseName, chain, extKey);
            chain.RemoveAt(chain.Count - 1);
            if (based == null)
            {
                throw new ComposeFileException($"extends refers to the service '{baseName}', which {Path.GetFileName(baseFile)} does not define.", extKey.File, extKey.Line, at);
            }

            if (based.Kind != YamlNodeKind.Mapping)
            {
                throw new ComposeFileException($"the service '{baseName}' that extends refers to is empty.", extKey.File, extKey.Line, at);
            }

            RefuseDependencies(based, baseName, name);
            YamlNode local = YamlNode.Map(node);
            local.Entries.AddRange(node.Entries.Where(e => e.Key.Value != "extends"));
            YamlNode rebased = baseFile == file ? based : Rebase(based, Path.GetDirectoryName(baseFile)!, Path.GetDirectoryName(file)!);
            YamlNode merged = Merge(rebased, local);
            _resolved[key] = merged;
            return merged;
        }

        private YamlNode File(string file, YamlNode? from)
        {
            if (!_files.TryGetValue(file, out YamlNode? doc))
            {
                if (!System.IO.File.Exists(file))
                {
                    throw new ComposeFileException($"extends names the file {file}, which does not exist.", from?.File, from?.Line ?? 0, "extends.file")
                    { ErrorId = ComposeLoader.FileNotFoundId };
                }

                doc = _readFile(file);
                _files[file] = doc;
            }

            return doc;
        }

        private static string Describe(string key, string mainFile)
        {
            int nl = key.IndexOf('\n');
            string file = key.Substring(0, nl);
            string name = key.Substring(nl + 1);
            return file == mainFile ? name : name + " (" + Path.GetFileName(file) + ")";
        }

        /// <summary>extends: base, or extends: { service: base, file: other.yaml }.</summary>
        private static (string Service, string? File) Target(YamlNode ext, string at)
        {
            if (ext.Kind == YamlNodeKind.Scalar && !ext.IsNull)
            {
                return (ext.Value!, null);
            }

            if (ext.Kind != YamlNodeKind.Mapping)
            {
                throw new ComposeFileException("extends takes a service name or a mapping with service (and file).", ext.File, ext.Line, at);
            }

            foreach (KeyValuePair<YamlNode, YamlNode> e in ext.Entries.Where(e => !ComposeSchema.ExtendsKeys.Contains(e.Key.Value)))
            {
                throw new ComposeFileException("unknown key; extends takes service and file.", e.Key.File, e.Key.Line, at + "." + e.Key.Value)
                { ErrorId = ComposeLoader.UnknownKeyId };
            }

            YamlNode? service = ext.Get("service");
            if (service == null || service.Kind != YamlNodeKind.Scalar || service.IsNull)
            {
                throw new ComposeFileException("extends needs service: the name of the service to extend.", ext.File, ext.Line, at + ".service");
            }

            YamlNode? file = ext.Get("file");
            if (file != null && (file.Kind != YamlNodeKind.Scalar || file.IsNull))
            {
                throw new ComposeFileException("must be a file name.", file.File, file.Line, at + ".file");
            }

            return (service.Value!, file?.Value);
        }

        /// <summary>A base service must stand alone: what ties it to another service is not carried over (compose-spec extends.md).</summary>
        private static void RefuseDependencies(YamlNode based, string baseName, string name)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> e in based.Entries)
            {
                string key = e.Key.Value ?? string.Empty;
                string text = e.Value.Kind == YamlNodeKind.Scalar ? e.Value.Value ?? string.Empty : string.Empty;
                bool namespaced = s_namespaceKeys.Contains(key)
                    && (text.StartsWith("service:", StringComparison.Ordinal) || text.StartsWith("container:", StringComparison.Ordinal));
                if (s_dependencyKeys.Contains(key) || namespaced)
                {
                    throw new ComposeFileException(
                        $"service '{name}' extends '{baseName}', which uses {key}{(namespaced ? ": " + e.Value.Value : string.Empty)}: a service that depends on another service cannot be extended (declare the dependency on '{name}' itself).",
                        e.Key.File, e.Key.Line, "services." + baseName + "." + key);
                }
            }
        }

        /// <summary>The base under the local service: the loader's merge of two files, with volumes unique by their target.</summary>
        private static YamlNode Merge(YamlNode based, YamlNode local)
        {
            YamlNode merged = ComposeLoader.Merge(based, local, string.Empty);
            YamlNode? baseVolumes = based.Get("volumes");
            YamlNode? localVolumes = local.Get("volumes");
            if (baseVolumes?.Kind == YamlNodeKind.Sequence && localVolumes?.Kind == YamlNodeKind.Sequence)
            {
                var targets = new HashSet<string>(localVolumes.Items.Select(VolumeTarget).Where(t => t != null)!, StringComparer.Ordinal);
                var volumes = new YamlNode { Kind = YamlNodeKind.Sequence, Line = baseVolumes.Line, File = baseVolumes.File };
                volumes.Items.AddRange(baseVolumes.Items.Where(v => !(VolumeTarget(v) is string t && targets.Contains(t))));
                volumes.Items.AddRange(localVolumes.Items);
                merged.Set("volumes", volumes);
            }

            return merged;
        }

        /// <summary>The container path of a volume in the short (source:target[:mode] or target) or long syntax.</summary>
        private static string? VolumeTarget(YamlNode v)
        {
            if (v.Kind == YamlNodeKind.Mapping)
            {
                return v.Get("target")?.Value;
            }

            string[] parts = (v.Value ?? string.Empty).Split(':');
            return parts.Length == 1 ? parts[0] : parts[1];
        }

        /// <summary>
        /// A base from a file in another folder: its relative paths (build context, env_file, bind sources) are made
        /// full, relative to the folder of the file that defines them, as compose does.
        /// </summary>
        private static YamlNode Rebase(YamlNode based, string fromDir, string toDir)
        {
            if (string.Equals(fromDir, toDir, StringComparison.Ordinal))
            {
                return based;
            }

            string Full(string path) => path.StartsWith("~", StringComparison.Ordinal) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(fromDir, path));
            YamlNode copy = YamlNode.Map(based);
            copy.Line = based.Line;
            foreach (KeyValuePair<YamlNode, YamlNode> e in based.Entries)
            {
                YamlNode value = e.Value;
                switch (e.Key.Value)
                {
                    case "build" when value.Kind == YamlNodeKind.Scalar && !value.IsNull:
                        value = YamlNode.Scalar(Full(value.Value!), value);
                        break;
                    case "build" when value.Kind == YamlNodeKind.Mapping:
                        YamlNode build = YamlNode.Map(value);
                        build.Entries.AddRange(value.Entries);
                        build.Set("context", YamlNode.Scalar(Full(value.Get("context")?.Value ?? "."), value.Get("context") ?? value));
                        value = build;
                        break;
                    case "env_file":
                        value = MapItems(value, item => item.Kind == YamlNodeKind.Scalar ? YamlNode.Scalar(Full(item.Value ?? string.Empty), item) : item);
                        break;
                    case "volumes":
                        value = MapItems(value, item =>
                        {
                            string text = item.Kind == YamlNodeKind.Scalar ? item.Value ?? string.Empty : string.Empty;
                            return text.StartsWith(".", StringComparison.Ordinal) && text.IndexOf(':') > 0
                                ? YamlNode.Scalar(Full(text.Substring(0, text.IndexOf(':'))) + text.Substring(text.IndexOf(':')), item)
                                : item;
                        });
                        break;
                }

                copy.Entries.Add(new KeyValuePair<YamlNode, YamlNode>(e.Key, value));
            }

            return copy;
        }

        private static YamlNode MapItems(YamlNode node, Func<YamlNode, YamlNode> map)
        {
            if (node.Kind == YamlNodeKind.Scalar)
            {
                return node.IsNull ? node : map(node);
            }

            if (node.Kind != YamlNodeKind.Sequence)
            {
                return node;
            }

            var result = new YamlNode { Kind = YamlNodeKind.Sequence, Line = node.Line, File = node.File };
            result.Items.AddRange(node.Items.Select(map));
            return result;
        }
    }
}
