using System;
using System.Text.RegularExpressions;

namespace DockerPS.Images
{
    /// <summary>
    /// One image reference, [domain[:port]/]path[:tag][@digest], read the way the docker CLI reads it
    /// (the grammar of distribution/reference and docker's normalization): a name with no domain is on Docker Hub
    /// (docker.io), a one-part Docker Hub path is under library/, and index.docker.io is docker.io. The one place
    /// DockerPS splits references; the engine's own checks (a tag with a digest, ...) stay the engine's.
    /// </summary>
    internal sealed class ImageReference
    {
        /// <summary>Docker Hub's domain in normalized names.</summary>
        public const string DockerHubDomain = "docker.io";

        /// <summary>The old Docker Hub domain that normalizes to docker.io.</summary>
        public const string LegacyDockerHubDomain = "index.docker.io";

        /// <summary>The path prefix of Docker Hub's official images.</summary>
        public const string OfficialPrefix = "library/";

        /// <summary>The tag a name without tag or digest means.</summary>
        public const string DefaultTag = "latest";

        /// <summary>The longest name (domain and path) a reference may have.</summary>
        public const int NameMaxLength = 255;

        // The grammar, written from the distribution/reference description:
        //   path-component  := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [._] | __ | -+
        //   domain-component:= [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]; domain := host[:port], host := name | [ipv6]
        //   tag := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127};  digest := algorithm ':' hex{32,}
        private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
        private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
        private const string HostPattern = "(?:" + DomainComponent + "(?:\\." + DomainComponent + ")*|\\[[a-fA-F0-9:]+\\])";
        private const string DomainPattern = HostPattern + "(?::[0-9]+)?";
        private const string TagPattern = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
        private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

        private static readonly Regex s_reference = new Regex(
            "^(?<name>(?:(?<domain>" + DomainPattern + ")/)?(?<path>" + PathComponent + "(?:/" + PathComponent + ")*))(?::(?<tag>" + TagPattern + "))?(?:@(?<digest>" + DigestPattern + "))?$",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        private static readonly Regex s_fullId = new Regex("^[a-f0-9]{64}$", RegexOptions.CultureInvariant);

        private static readonly Regex s_idPrefix = new Regex("^(?:sha256:)?[a-f0-9]{1,64}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private ImageReference(string original, string domain, string path, string? tag, string? digest, string writtenName)
        {
            Original = original;
            Domain = domain;
            Path = path;
            Tag = tag;
            Digest = digest;
            WrittenName = writtenName;
        }

        /// <summary>The text as given.</summary>
        public string Original { get; }

        /// <summary>The registry host[:port] of the name: docker.io when none was written.</summary>
        public string Domain { get; }

        /// <summary>The repository path in the registry, library/ added for Docker Hub's one-part names.</summary>
        public string Path { get; }

        /// <summary>The tag, or null when none was written.</summary>
        public string? Tag { get; }

        /// <summary>The digest (algorithm:hex), or null.</summary>
        public string? Digest { get; }

        /// <summary>The name as written, without tag and digest (what the engine is sent).</summary>
        public string WrittenName { get; }

        /// <summary>Whether the reference pins a digest.</summary>
        public bool IsDigest => Digest != null;

        /// <summary>Whether only a name was written (no tag, no digest): the engine then uses latest.</summary>
        public bool IsNameOnly => Tag == null && Digest == null;

        /// <summary>The full name: docker.io/library/busybox.</summary>
        public string Name => Domain + "/" + Path;

        /// <summary>The name as `docker images` shows it: busybox, me/app, 127.0.0.1:5000/app.</summary>
        public string FamiliarName
        {
            get
            {
                if (Domain != DockerHubDomain)
                {
                    return Name;
                }

                if (Path.StartsWith(OfficialPrefix, StringComparison.Ordinal))
                {
                    string rest = Path.Substring(OfficialPrefix.Length);
                    if (rest.IndexOf('/') < 0)
                    {
                        return rest;
                    }
                }

                return Path;
            }
        }

        /// <summary>The familiar form with tag and digest: busybox:1, me/app@sha256:….</summary>
        public string Familiar => FamiliarName + Suffix;

        /// <summary>The normalized form, latest added to a bare name: docker.io/library/busybox:latest.</summary>
        public string Normalized => Name + (IsNameOnly ? ":" + DefaultTag : Suffix);

        /// <summary>The registry whose credentials apply (RegistryCredentials' keys: docker.io for Docker Hub).</summary>
        public string Registry => global::DockerPS.Registry.RegistryCredentials.Normalize(Domain);

        /// <summary>What the engine pulls for this reference: the digest when there is one (a tag beside it is dropped, as the CLI does), else the tag, else latest.</summary>
        public string PullTag => Digest ?? Tag ?? DefaultTag;

        /// <summary>The name as written with what <see cref="PullTag"/> gives: app:latest, app@sha256:….</summary>
        public string Pulled => WrittenName + (Digest != null ? "@" + Digest : ":" + (Tag ?? DefaultTag));

        private string Suffix => (Tag != null ? ":" + Tag : string.Empty) + (Digest != null ? "@" + Digest : string.Empty);

        /// <summary>The same name with <paramref name="tag"/> and no digest.</summary>
        public ImageReference WithTag(string tag)
        {
            if (!Regex.IsMatch(tag, "^" + TagPattern + "$", RegexOptions.CultureInvariant))
            {
                throw new FormatException($"'{tag}' is not a valid tag: invalid reference format");
            }

            return new ImageReference(WrittenName + ":" + tag, Domain, Path, tag, null, WrittenName);
        }

        /// <summary>The reference as written by the user (without normalization).</summary>
        public override string ToString() => Original;

        /// <summary>Reads a reference; throws <see cref="FormatException"/> with the docker CLI's reason.</summary>
        public static ImageReference Parse(string text) =>
            TryParse(text, out ImageReference? reference, out string? reason) ? reference! : throw new FormatException(InvalidMessage(text, reason!));

        /// <summary>Reads a reference the way docker's ParseNormalizedNamed does; false with the CLI's reason when it is not valid.</summary>
        public static bool TryParse(string? text, out ImageReference? reference, out string? reason)
        {
            reference = null;
            string s = text ?? string.Empty;
            if (s_fullId.IsMatch(s))
            {
                reason = $"invalid repository name ({s}), cannot specify 64-byte hexadecimal strings";
                return false;
            }

            // docker's split: the first part is a domain when it has a dot or a colon, is localhost, or has capitals.
            (string domain, string remainder) = SplitDomain(s);
            int tagColon = remainder.IndexOf(':');
            string remote = tagColon < 0 ? remainder : remainder.Substring(0, tagColon);
            if (!string.Equals(remote.ToLowerInvariant(), remote, StringComparison.Ordinal))
            {
                reason = $"invalid reference format: repository name ({remote}) must be lowercase";
                return false;
            }

            Match m = s_reference.Match(domain + "/" + remainder);
            if (!m.Success || s.Length == 0)
            {
                reason = "invalid reference format";
                return false;
            }

            if (m.Groups["name"].Value.Length > NameMaxLength)
            {
                reason = $"repository name must not be more than {NameMaxLength} characters";
                return false;
            }

            string? digest = m.Groups["digest"].Success ? m.Groups["digest"].Value : null;
            if (digest != null && (reason = DigestProblem(digest)) != null)
            {
                return false;
            }

            string? tag = m.Groups["tag"].Success ? m.Groups["tag"].Value : null;
            string written = s;
            if (digest != null)
            {
                written = written.Substring(0, written.Length - digest.Length - 1);
            }

            if (tag != null)
            {
                written = written.Substring(0, written.Length - tag.Length - 1);
            }

            reference = new ImageReference(s, m.Groups["domain"].Value, m.Groups["path"].Value, tag, digest, written);
            reason = null;
            return true;
        }

        /// <summary>
        /// A name an engine reported (a tag, an untag, a load), as the docker CLI shows it: Podman stores Docker Hub
        /// names fully qualified (docker.io/library/busybox:1, docker.io/demo/x:1) where dockerd answers busybox:1 and
        /// demo/x:1, so docker.io/ and docker.io/library/ (one-part names only) are dropped. Other registries,
        /// localhost/ included, stay as they are, as in `docker images`; dockerd's names come back unchanged.
        /// </summary>
        public static string FamiliarOf(string engineName)
        {
            const string hub = DockerHubDomain + "/";
            if (!engineName.StartsWith(hub, StringComparison.Ordinal))
            {
                return engineName;
            }

            string rest = engineName.Substring(hub.Length);
            string path = rest.Split(':', '@')[0];
            return rest.StartsWith(OfficialPrefix, StringComparison.Ordinal) && path.IndexOf('/', OfficialPrefix.Length) < 0 ? rest.Substring(OfficialPrefix.Length) : rest;
        }

        /// <summary>Reads a reference; null when it is not valid.</summary>
        public static ImageReference? TryParse(string? text) => TryParse(text, out ImageReference? r, out _) ? r : null;

        /// <summary>The message of an invalid reference, in the docker CLI's words.</summary>
        public static string InvalidMessage(string text, string reason) => $"\"{text}\" is not a valid image reference: {reason}";

        /// <summary>
        /// The registry domain of a name without checking the rest (for text that may hold variables, such as a
        /// Dockerfile's FROM): docker.io unless the first part has a dot or a colon, is localhost or has capitals.
        /// </summary>
        public static string DomainOf(string text) => SplitDomain(text).Domain;

        /// <summary>A full image id: 64 hex digits, with or without sha256:.</summary>
        public static bool IsFullId(string text) =>
            s_fullId.IsMatch(text.StartsWith("sha256:", StringComparison.Ordinal) ? text.Substring(7) : text);

        /// <summary>Whether the text can be an image id or id prefix (hex, with or without sha256:); a short hex word may be a name too.</summary>
        public static bool CanBeId(string text) => s_idPrefix.IsMatch(text) && text.ToLowerInvariant() == text;

        private static (string Domain, string Remainder) SplitDomain(string name)
        {
            string domain, remainder;
            int slash = name.IndexOf('/');
            string first = slash < 0 ? string.Empty : name.Substring(0, slash);
            if (slash < 0 || (first.IndexOfAny(new[] { '.', ':' }) < 0 && first != "localhost" && first.ToLowerInvariant() == first))
            {
                domain = DockerHubDomain;
                remainder = name;
            }
            else
            {
                domain = first;
                remainder = name.Substring(slash + 1);
            }

            if (domain == LegacyDockerHubDomain)
            {
                domain = DockerHubDomain;
            }

            if (domain == DockerHubDomain && remainder.IndexOf('/') < 0)
            {
                remainder = OfficialPrefix + remainder;
            }

            return (domain, remainder);
        }

        private static string? DigestProblem(string digest)
        {
            int colon = digest.IndexOf(':');
            string algorithm = digest.Substring(0, colon), hex = digest.Substring(colon + 1);
            int length;
            switch (algorithm)
            {
                case "sha256": length = 64; break;
                case "sha384": length = 96; break;
                case "sha512": length = 128; break;
                default: return "unsupported digest algorithm";
            }

            if (hex.Length != length)
            {
                return "invalid checksum digest length";
            }

            foreach (char c in hex)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return "invalid checksum digest format";
                }
            }

            return null;
        }
    }
}
