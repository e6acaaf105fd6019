using System;
using System.Globalization;
using DockerPS.Engine;

namespace DockerPS.Specs
{
    /// <summary>The swarm-only notations of docker service create: --secret/--config and --publish.</summary>
    internal static class SwarmSpecs
    {
        /// <summary>
        /// name, or source=name,target=file[,uid=0,gid=0,mode=0444]. A secret's bare target is a file under
        /// /run/secrets; a config's bare target is under / (the engine's rule, kept as docker keeps it).
        /// </summary>
        public static FileReferenceSpec ParseFileReference(string spec)
        {
            var r = new FileReferenceSpec();
            if (spec.IndexOf('=') < 0)
            {
                r.Source = spec.Trim();
                r.Target = r.Source;
            }
            else
            {
                foreach (string part in spec.Split(','))
                {
                    int eq = part.IndexOf('=');
                    if (eq <= 0)
                    {
                        throw new ArgumentException($"'{part}' in '{spec}' is not key=value; use source=<name>,target=<file>[,mode=0400,uid=0,gid=0].");
                    }

                    string key = part.Substring(0, eq).Trim().ToLowerInvariant();
                    string value = part.Substring(eq + 1).Trim();
                    switch (key)
                    {
                        case "source":
                        case "src":
                            r.Source = value;
                            break;
                        case "target":
                        case "dst":
                        case "destination":
                            r.Target = value;
                            break;
                        case "uid":
                            r.Uid = value;
                            break;
                        case "gid":
                            r.Gid = value;
                            break;
                        case "mode":
                            r.Mode = Convert.ToUInt32(value, 8);
                            break;
                        default:
                            throw new ArgumentException($"'{key}' is not a secret/config option; use source, target, uid, gid or mode.");
                    }
                }

                if (r.Target.Length == 0)
                {
                    r.Target = r.Source;
                }
            }

            if (r.Source.Length == 0)
            {
                throw new ArgumentException($"'{spec}' names no secret or config; give its name, or source=<name>.");
            }

            return r;
        }

        /// <summary>[published:]target[/protocol], or published=8080,target=80[,protocol=udp,mode=host].</summary>
        public static ServicePortSpec ParsePort(string spec)
        {
            var p = new ServicePortSpec();
            if (spec.IndexOf('=') >= 0)
            {
                foreach (string part in spec.Split(','))
                {
                    int eq = part.IndexOf('=');
                    string key = eq > 0 ? part.Substring(0, eq).Trim().ToLowerInvariant() : part;
                    string value = eq > 0 ? part.Substring(eq + 1).Trim() : string.Empty;
                    switch (key)
                    {
                        case "published":
                            p.Published = Port(value, spec);
                            break;
                        case "target":
                            p.Target = Port(value, spec);
                            break;
                        case "protocol":
                            p.Protocol = value.ToLowerInvariant();
                            break;
                        case "mode":
                            p.Mode = value.ToLowerInvariant();
                            break;
                        default:
                            throw new ArgumentException($"'{part}' in '{spec}' is not a port option; use published, target, protocol or mode.");
                    }
                }
            }
            else
            {
                string text = spec.Trim();
                int slash = text.IndexOf('/');
                if (slash >= 0)
                {
                    p.Protocol = text.Substring(slash + 1).ToLowerInvariant();
                    text = text.Substring(0, slash);
                }

                int colon = text.IndexOf(':');
                if (colon >= 0)
                {
                    p.Published = Port(text.Substring(0, colon), spec);
                    text = text.Substring(colon + 1);
                }

                p.Target = Port(text, spec);
            }

            if (p.Target == 0)
            {
                throw new ArgumentException($"'{spec}' has no target port.");
            }

            return p;
        }

        private static uint Port(string text, string spec) =>
            uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint port) && port > 0 && port < 65536
                ? port
                : throw new ArgumentException($"'{text}' in '{spec}' is not a port number.");
    }
}
