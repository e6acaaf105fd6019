using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Build;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Progress;
using DockerPS.Registry;

namespace DockerPS.Tests.Unit
{
    public sealed class RegistryCredentialsTests
    {
        [Theory]
        [InlineData("busybox", "docker.io")]
        [InlineData("library/busybox:1", "docker.io")]
        [InlineData("127.0.0.1:5000/app:1", "127.0.0.1:5000")]
        [InlineData("localhost/app", "localhost")]
        [InlineData("Registry.Example.com/team/app@sha256:00", "registry.example.com")]
        public void RegistryOfReference(string reference, string registry) => Assert.Equal(registry, RegistryCredentials.RegistryOf(reference));

        [Fact]
        public void ConfigAuthsAreMatchedWithOrWithoutScheme()
        {
            string dir = Path.Combine(Path.GetTempPath(), "dockerps-cfg-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            try
            {
                string b64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("bob:pa:ss"));
                File.WriteAllText(Path.Combine(dir, "config.json"), "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64 + "\"},\"http://127.0.0.1:5001\":{\"auth\":\"" + b64 + "\"}}}");
                RegistryAuth hub = RegistryCredentials.FromConfig("docker.io", dir)!;
                Assert.Equal("bob", hub.UserName);
                Assert.Equal("pa:ss", hub.Password);
                Assert.Equal("https://index.docker.io/v1/", hub.ServerAddress);
                Assert.Equal("127.0.0.1:5001", RegistryCredentials.FromConfig("127.0.0.1:5001", dir)!.ServerAddress);
                Assert.Null(RegistryCredentials.FromConfig("127.0.0.1:5002", dir));
                Assert.DoesNotContain("pa:ss", hub.ToString());
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
