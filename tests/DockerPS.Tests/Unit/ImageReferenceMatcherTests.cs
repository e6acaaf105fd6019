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
    public sealed class ImageReferenceMatcherTests
    {
        [Theory]
        // Podman stores fully qualified names; docker's short patterns still find them.
        [InlineData("dockerps-test/busybox:*", "localhost/dockerps-test/busybox", "x", true)]
        [InlineData("dockerps-test/busybox", "localhost/dockerps-test/busybox", "x", true)]
        [InlineData("localhost/dockerps-test/busybox:x", "localhost/dockerps-test/busybox", "x", true)]
        [InlineData("busybox", "docker.io/library/busybox", "1", true)]
        [InlineData("demo/x:1", "docker.io/demo/x", "1", true)]
        [InlineData("busybox", "busybox", "1", true)]
        [InlineData("busybox:2", "busybox", "1", false)]
        // Another registry's repository is not the same name.
        [InlineData("busybox", "127.0.0.1:5000/busybox", "1", false)]
        [InlineData("busybox", "quay.io/busybox", "1", false)]
        [InlineData("dockerps-test/*", "localhost/other/busybox", "1", false)]
        public void ShortPatternsMatchQualifiedNames(string pattern, string repository, string tag, bool expected)
        {
            var image = new DockerPS.Models.DockerImage { Repository = repository, Tag = tag };
            Assert.Equal(expected, DockerPS.Commands.Image.GetImageCommand.ReferenceMatcher(pattern)(image));
        }
    }
}
