using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerPS.Models;

namespace DockerPS.Compose
{
    /// <summary>A service's build: section, short (a context path) and long form, as the compose build specification reads it.</summary>
    internal sealed partial class ComposeModelBuilder
    {
        /// <summary>The image name Compose v2 gives a built service without image: (docker-compose 1.x used project_service).</summary>
        private string DefaultImageName(string service) => _name + "-" + service;

        private ComposeBuild? BuildSection(YamlNode? node, string at)
        {
            if (node == null || node.IsNull)
            {
                return null;
            }

            if (node.Kind == YamlNodeKind.Scalar)
            {
                return new ComposeBuild { Context = ContextPath(node, at) };
            }

            ComposeLoader.RequireMap(node, at);
            var b = new ComposeBuild
            {
                Context = node.Get("context") is YamlNode c ? ContextPath(c, at + ".context") : _workingDir,
                Dockerfile = Str(node.Get("dockerfile"), at + ".dockerfile") ?? "Dockerfile",
                DockerfileInline = Str(node.Get("dockerfile_inline"), at + ".dockerfile_inline"),
                Target = Str(node.Get("target"), at + ".target"),
                Labels = Map(node.Get("labels"), at + ".labels"),
                CacheFrom = StrList(node.Get("cache_from"), at + ".cache_from"),
                NoCache = Bool(node.Get("no_cache"), at + ".no_cache"),
                Pull = Bool(node.Get("pull"), at + ".pull"),
                Tags = StrList(node.Get("tags"), at + ".tags"),
                Network = Str(node.Get("network"), at + ".network"),
                ShmSize = Bytes(node.Get("shm_size"), at + ".shm_size"),
            };

            if (node.Get("dockerfile") != null && b.DockerfileInline != null)
            {
                throw Error(node.Get("dockerfile_inline")!, at + ".dockerfile_inline", "dockerfile and dockerfile_inline cannot both be set.");
            }

            // args: a mapping or a list of NAME=value; a name alone takes the value from the environment (and is left
            // out when it has none), as compose does.
            YamlNode? args = node.Get("args");
            if (args != null && args.Kind == YamlNodeKind.Sequence)
            {
                foreach (YamlNode item in args.Items)
                {
                    string text = Scalar(item, at + ".args") ?? string.Empty;
                    int eq = text.IndexOf('=');
                    string? value = eq < 0 ? _lookup(text) : text.Substring(eq + 1);
                    if (value != null)
                    {
                        b.Args[eq < 0 ? text : text.Substring(0, eq)] = value;
                    }
                }
            }
            else
            {
                foreach (KeyValuePair<YamlNode, YamlNode> e in ComposeLoader.Entries(args, at + ".args"))
                {
                    string key = e.Key.Value ?? string.Empty;
                    string? value = e.Value.IsNull ? _lookup(key) : Scalar(e.Value, at + ".args." + key);
                    if (value != null)
                    {
                        b.Args[key] = value;
                    }
                }
            }

            YamlNode? hosts = node.Get("extra_hosts");
            b.ExtraHosts = hosts?.Kind == YamlNodeKind.Mapping
                ? hosts.Entries.Select(e => e.Key.Value + ":" + e.Value.Value).ToArray()
                : StrList(hosts, at + ".extra_hosts").Select(h => h.Replace('=', ':')).ToArray();
            return b;
        }

        /// <summary>The context folder, relative to the project folder; a git URL is not supported.</summary>
        private string ContextPath(YamlNode node, string at)
        {
            string text = Scalar(node, at) ?? ".";
            if (text.Contains("://") || text.StartsWith("git@", StringComparison.Ordinal))
            {
                throw new ComposeFileException("a remote build context (URL) is not supported: give a folder.", node.File, node.Line, at)
                { ErrorId = ComposeLoader.NotSupportedId };
            }

            if (text.StartsWith("~", StringComparison.Ordinal))
            {
                text = (_lookup("HOME") ?? "~") + text.Substring(1);
            }

            return Path.GetFullPath(Path.IsPathRooted(text) ? text : Path.Combine(_workingDir, text));
        }
    }
}
