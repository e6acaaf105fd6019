using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DockerPS.Build;

namespace DockerPS.Tests.Unit
{
    /// <summary>Which builder -Builder Auto picks from GET /_ping's headers (observed: dockerd 20.10 sends no Builder-Version, Podman 4.3 an empty one).</summary>
    public sealed class BuilderChoiceTests
    {
        private static System.Collections.Generic.Dictionary<string, string> H(params (string, string)[] h)
        {
            var d = new System.Collections.Generic.Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in h)
            {
                d[k] = v;
            }

            return d;
        }

        [Theory]
        [InlineData("Docker/20.10.24+dfsg1 (linux)", "linux", null, "1.41", true)]
        [InlineData("Docker/27.0 (linux)", "linux", "2", "1.46", true)]
        [InlineData("Docker/27.0 (linux)", "linux", "1", "1.46", false)]      // the daemon's features say no BuildKit
        [InlineData("Libpod/4.3.1 (linux)", "linux", "", "1.41", false)]     // Podman: Buildah, ignores version=2
        [InlineData("Docker/20.10 (windows)", "windows", null, "1.41", false)]
        [InlineData("Docker/18.06 (linux)", "linux", null, "1.38", false)]
        public void AutoPicksBuildKitOnlyWhereTheEngineHasIt(string server, string os, string? builderVersion, string api, bool buildKit)
        {
            var headers = H(("Server", server), ("Ostype", os));
            if (builderVersion != null)
            {
                headers["Builder-Version"] = builderVersion;
            }

            DockerPS.Engine.BuilderSupport s = DockerPS.Engine.BuilderSupport.FromPing(headers, api);
            Assert.Equal(buildKit, s.BuildKit);
            Assert.False(string.IsNullOrWhiteSpace(s.Reason));
        }
    }
}
