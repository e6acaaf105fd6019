using System;
using System.IO;
using System.Management.Automation;
using DockerPS.Registry;

namespace DockerPS.Tests.Unit
{
    /// <summary>The docker CLI's rules for where a login is filed, found, stored and erased (no engine, no helper).</summary>
    public sealed class RegistryStoreUnitTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("dps-regunit-").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private string ConfigFile => Path.Combine(_dir, "config.json");

        private static PSCredential Cred(string user, string password) =>
            new PSCredential(user, new System.Net.NetworkCredential(string.Empty, password).SecurePassword);

        [Theory]
        [InlineData("docker.io", "https://index.docker.io/v1/")]
        [InlineData("index.docker.io", "https://index.docker.io/v1/")]
        [InlineData("https://index.docker.io/v1/", "https://index.docker.io/v1/")]
        [InlineData("127.0.0.1:5001", "127.0.0.1:5001")]
        [InlineData("http://127.0.0.1:5001/v2/", "127.0.0.1:5001")]
        [InlineData("https://registry.example.com", "registry.example.com")]
        [InlineData("registry.example.com/team", "registry.example.com")]
        public void TheServerKeyIsDockersConvertToHostname(string given, string key) => Assert.Equal(key, RegistryCredentials.ServerKey(given));

        [Fact]
        public void ACredsStoreWinsOverAuthsAsInTheDockerCli()
        {
            string b64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("bob:pw"));
            File.WriteAllText(ConfigFile, "{\"auths\":{\"h:1\":{\"auth\":\"" + b64 + "\"}},\"credsStore\":\"dps-absent-helper\"}");
            var e = Assert.Throws<CredentialHelperException>(() => RegistryCredentials.FromConfig("h:1", _dir));
            Assert.Contains("docker-credential-dps-absent-helper", e.Message, StringComparison.Ordinal);

            // A credHelpers entry for another registry changes nothing for this one.
            File.WriteAllText(ConfigFile, "{\"auths\":{\"h:1\":{\"auth\":\"" + b64 + "\"}},\"credHelpers\":{\"other:2\":\"dps-absent-helper\"}}");
            Assert.Equal("bob", RegistryCredentials.FromConfig("h:1", _dir)!.UserName);
            Assert.Throws<CredentialHelperException>(() => RegistryCredentials.FromConfig("other:2", _dir));
        }

        [Fact]
        public void StoreAndEraseWorkOnAuthsAndLegacyKeys()
        {
            Assert.Null(RegistryCredentials.Erase(_dir, "h:1"));
            Assert.False(File.Exists(ConfigFile));

            Assert.Equal(ConfigFile, RegistryCredentials.Store(_dir, "http://h:1/", Cred("bob", "pw")));
            Assert.Equal("bob", RegistryCredentials.FromConfig("h:1", _dir)!.UserName);
            Assert.Equal("pw", RegistryCredentials.FromConfig("h:1", _dir)!.Password);

            // Storing again replaces the entry; a legacy http:// key is erased along with it.
            string text = File.ReadAllText(ConfigFile).Replace("\"h:1\"", "\"http://h:1\"");
            File.WriteAllText(ConfigFile, text);
            RegistryCredentials.Store(_dir, "h:1", Cred("ann", "x"));
            Assert.Equal("ann", RegistryCredentials.FromConfig("h:1", _dir)!.UserName);
            Assert.Equal(ConfigFile, RegistryCredentials.Erase(_dir, "h:1"));
            Assert.Equal("{\n\t\"auths\": {}\n}", File.ReadAllText(ConfigFile));
            Assert.Null(RegistryCredentials.Erase(_dir, "h:1"));
        }

        [Fact]
        public void AConfigThatIsNotJsonIsRefusedAndLeftAlone()
        {
            File.WriteAllText(ConfigFile, "{ not json");
            Assert.Throws<FormatException>(() => RegistryCredentials.Store(_dir, "h:1", Cred("bob", "pw")));
            Assert.Equal("{ not json", File.ReadAllText(ConfigFile));
            Assert.Throws<ArgumentException>(() => RegistryCredentials.FromConfig("h:1", _dir));
        }
    }
}
