using System;
using DockerPS.Images;

namespace DockerPS.Tests.Unit
{
    /// <summary>
    /// ImageReference against the docker CLI. Every row was checked by hand with docker CLI 28.2.2
    /// (`docker tag &lt;local image&gt; &lt;ref&gt;`, then `docker images` for the familiar name): a row with a reason is one the
    /// CLI refuses with "Error parsing reference: ... is not a valid repository/tag: &lt;reason&gt;". Engine/Images/
    /// ImageReferenceCliTests runs the CLI on the same strings on every test run.
    /// </summary>
    public sealed class ImageReferenceTests
    {
        private const string D = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

        [Theory]
        // input, domain, path, tag, digest, familiar, normalized
        [InlineData("busybox", "docker.io", "library/busybox", null, null, "busybox", "docker.io/library/busybox:latest")]
        [InlineData("busybox:1.36", "docker.io", "library/busybox", "1.36", null, "busybox:1.36", "docker.io/library/busybox:1.36")]
        [InlineData("me/app", "docker.io", "me/app", null, null, "me/app", "docker.io/me/app:latest")]
        [InlineData("docker.io/library/x", "docker.io", "library/x", null, null, "x", "docker.io/library/x:latest")]
        [InlineData("docker.io/x", "docker.io", "library/x", null, null, "x", "docker.io/library/x:latest")]
        [InlineData("index.docker.io/busybox", "docker.io", "library/busybox", null, null, "busybox", "docker.io/library/busybox:latest")]
        [InlineData("docker.io/library/a/b", "docker.io", "library/a/b", null, null, "library/a/b", "docker.io/library/a/b:latest")]
        // registry-1.docker.io is a registry of its own name for references (credentials map it to docker.io).
        [InlineData("registry-1.docker.io/busybox", "registry-1.docker.io", "busybox", null, null, "registry-1.docker.io/busybox", "registry-1.docker.io/busybox:latest")]
        // A colon in the first part is a port; after the last slash it is a tag.
        [InlineData("app:5000", "docker.io", "library/app", "5000", null, "app:5000", "docker.io/library/app:5000")]
        [InlineData("localhost:5000", "docker.io", "library/localhost", "5000", null, "localhost:5000", "docker.io/library/localhost:5000")]
        [InlineData("localhost:5000/app", "localhost:5000", "app", null, null, "localhost:5000/app", "localhost:5000/app:latest")]
        [InlineData("localhost/app", "localhost", "app", null, null, "localhost/app", "localhost/app:latest")]
        [InlineData("a.b", "docker.io", "library/a.b", null, null, "a.b", "docker.io/library/a.b:latest")]
        [InlineData("a.b/c", "a.b", "c", null, null, "a.b/c", "a.b/c:latest")]
        [InlineData("UPPER.example.com/x", "UPPER.example.com", "x", null, null, "UPPER.example.com/x", "UPPER.example.com/x:latest")]
        // A first part with capitals is a domain (the CLI accepts Me/app; dockerd 20.10 then refuses it).
        [InlineData("Me/app", "Me", "app", null, null, "Me/app", "Me/app:latest")]
        [InlineData("[::1]:5000/x", "[::1]:5000", "x", null, null, "[::1]:5000/x", "[::1]:5000/x:latest")]
        [InlineData("x:TAG", "docker.io", "library/x", "TAG", null, "x:TAG", "docker.io/library/x:TAG")]
        [InlineData("app:_ok", "docker.io", "library/app", "_ok", null, "app:_ok", "docker.io/library/app:_ok")]
        [InlineData("a__b", "docker.io", "library/a__b", null, null, "a__b", "docker.io/library/a__b:latest")]
        [InlineData("a--b", "docker.io", "library/a--b", null, null, "a--b", "docker.io/library/a--b:latest")]
        [InlineData("app@" + D, "docker.io", "library/app", null, D, "app@" + D, "docker.io/library/app@" + D)]
        [InlineData("127.0.0.1:5000/x:tag@" + D, "127.0.0.1:5000", "x", "tag", D, "127.0.0.1:5000/x:tag@" + D, "127.0.0.1:5000/x:tag@" + D)]
        // A digest algorithm is a valid name: sha256:abc is repository sha256, tag abc (dockerd then refuses to tag it).
        [InlineData("sha256:abc", "docker.io", "library/sha256", "abc", null, "sha256:abc", "docker.io/library/sha256:abc")]
        public void ValidReferencesSplitAsTheCliDoes(string input, string domain, string path, string? tag, string? digest, string familiar, string normalized)
        {
            Assert.True(ImageReference.TryParse(input, out ImageReference? r, out string? reason), reason);
            Assert.Equal(domain, r!.Domain);
            Assert.Equal(path, r.Path);
            Assert.Equal(tag, r.Tag);
            Assert.Equal(digest, r.Digest);
            Assert.Equal(familiar, r.Familiar);
            Assert.Equal(normalized, r.Normalized);
            Assert.Equal(digest != null, r.IsDigest);
            Assert.Equal(input, r.ToString());
        }

        [Theory]
        [InlineData("Me/App", "invalid reference format: repository name (App) must be lowercase")]
        [InlineData("me/App", "invalid reference format: repository name (me/App) must be lowercase")]
        [InlineData("App", "invalid reference format: repository name (library/App) must be lowercase")]
        [InlineData("a:b:c", "invalid reference format")]
        [InlineData("app:", "invalid reference format")]
        [InlineData("app:-bad", "invalid reference format")]
        [InlineData("app:.bad", "invalid reference format")]
        [InlineData("app:tag with space", "invalid reference format")]
        [InlineData("app@sha256:abc", "invalid reference format")]
        [InlineData("a..b", "invalid reference format")]
        [InlineData("a___b", "invalid reference format")]
        [InlineData("a-", "invalid reference format")]
        [InlineData("-a", "invalid reference format")]
        [InlineData("/a", "invalid reference format")]
        [InlineData("a/", "invalid reference format")]
        [InlineData("a//b", "invalid reference format")]
        [InlineData("", "invalid reference format")]
        [InlineData("foo.com:/x", "invalid reference format")]
        [InlineData("foo.com:abc/x", "invalid reference format")]
        [InlineData("app@sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "invalid checksum digest format")]
        [InlineData("app@sha512:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "invalid checksum digest length")]
        [InlineData("app@md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "unsupported digest algorithm")]
        [InlineData("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "invalid repository name (bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb), cannot specify 64-byte hexadecimal strings")]
        public void InvalidReferencesGiveTheCliReason(string input, string reason)
        {
            Assert.False(ImageReference.TryParse(input, out ImageReference? r, out string? why));
            Assert.Null(r);
            Assert.Equal(reason, why);
            var e = Assert.Throws<FormatException>(() => ImageReference.Parse(input));
            Assert.Contains(input, e.Message, StringComparison.Ordinal);
            Assert.EndsWith(reason, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void TagLongerThan128AndNameLongerThan255AreRefused()
        {
            Assert.Equal("invalid reference format", Reason("app:" + new string('0', 129)));
            Assert.True(ImageReference.TryParse("app:" + new string('0', 128), out _, out _));
            Assert.Equal("repository name must not be more than 255 characters", Reason("a.b/" + new string('x', 252)));
            Assert.True(ImageReference.TryParse("a.b/" + new string('x', 251), out _, out _));
        }

        [Theory]
        [InlineData("busybox", "docker.io")]
        [InlineData("me/app:1", "docker.io")]
        [InlineData("index.docker.io/me/app", "docker.io")]
        [InlineData("registry-1.docker.io/me/app", "docker.io")]
        [InlineData("127.0.0.1:5000/x@" + D, "127.0.0.1:5000")]
        [InlineData("localhost/app", "localhost")]
        [InlineData("Registry.Example.com/app", "registry.example.com")]
        public void RegistryIsTheCredentialKey(string input, string registry)
        {
            Assert.Equal(registry, ImageReference.Parse(input).Registry);
            Assert.Equal(registry, DockerPS.Registry.RegistryCredentials.RegistryOf(input));
        }

        [Fact]
        public void WithTagReplacesTagAndDigest()
        {
            ImageReference r = ImageReference.Parse("127.0.0.1:5000/x:tag@" + D).WithTag("v2");
            Assert.Equal("127.0.0.1:5000/x:v2", r.ToString());
            Assert.Equal("v2", r.Tag);
            Assert.False(r.IsDigest);
            Assert.Throws<FormatException>(() => r.WithTag("-no"));
        }

        [Fact]
        public void PullTakesTheDigestOverTheTag()
        {
            ImageReference r = ImageReference.Parse("127.0.0.1:5000/x:tag@" + D);
            Assert.Equal(D, r.PullTag);
            Assert.Equal("127.0.0.1:5000/x@" + D, r.Pulled);
            Assert.Equal("127.0.0.1:5000/x", r.WrittenName);
            Assert.Equal("latest", ImageReference.Parse("busybox").PullTag);
            Assert.Equal("busybox:latest", ImageReference.Parse("busybox").Pulled);
        }

        [Theory]
        [InlineData("sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true, true)]
        [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true, true)]
        [InlineData("0123ab", false, true)]
        [InlineData("sha256:0123ab", false, true)]
        [InlineData("busybox", false, false)]
        [InlineData("0123AB", false, false)]
        public void IdsAndIdPrefixes(string input, bool full, bool canBeId)
        {
            Assert.Equal(full, ImageReference.IsFullId(input));
            Assert.Equal(canBeId, ImageReference.CanBeId(input));
        }

        [Theory]
        [InlineData("${BASE}", "docker.io")]
        [InlineData("$REG/app", "$REG")]
        [InlineData("127.0.0.1:5000/$APP", "127.0.0.1:5000")]
        public void DomainOfTakesUncheckedText(string input, string domain) => Assert.Equal(domain, ImageReference.DomainOf(input));

        [Theory]
        // dockerd stores familiar names: no other form (dockerd 20.10's `docker images docker.io/library/x` matches nothing).
        [InlineData("busybox", new[] { "busybox" })]
        [InlineData("127.0.0.1:5000/x", new[] { "127.0.0.1:5000/x" })]
        // Podman stores qualified names; they also match in their short forms.
        [InlineData("docker.io/library/busybox", new[] { "docker.io/library/busybox", "library/busybox", "busybox" })]
        [InlineData("docker.io/demo/x", new[] { "docker.io/demo/x", "demo/x" })]
        [InlineData("localhost/dockerps-test/busybox", new[] { "localhost/dockerps-test/busybox", "dockerps-test/busybox" })]
        public void RepositoryFormsOfStoredNames(string repository, string[] forms) =>
            Assert.Equal(forms, DockerPS.Commands.Image.GetImageCommand.RepositoryForms(repository));

        private static string? Reason(string input)
        {
            ImageReference.TryParse(input, out _, out string? reason);
            return reason;
        }
    }
}
