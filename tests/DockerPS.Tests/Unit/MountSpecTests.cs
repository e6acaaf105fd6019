using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using DockerPS.Models;
using DockerPS.Specs;

namespace DockerPS.Tests.Unit
{
    public sealed class MountSpecTests
    {
        [Fact]
        public void VolumeSyntaxTellsBindsFromNamedVolumes()
        {
            MountSpecItem bind = MountSpec.ParseVolume("/srv/data:/data:ro");
            Assert.Equal(("bind", "/srv/data", "/data", true), (bind.Type, bind.Source, bind.Target, bind.ReadOnly));
            MountSpecItem named = MountSpec.ParseVolume("cache:/var/cache");
            Assert.Equal(("volume", "cache", "/var/cache", false), (named.Type, named.Source, named.Target, named.ReadOnly));
            MountSpecItem anonymous = MountSpec.ParseVolume("/scratch");
            Assert.Equal(("volume", null, "/scratch"), (anonymous.Type, anonymous.Source, anonymous.Target));
            MountSpecItem relative = MountSpec.ParseVolume("./conf:/etc/app:rw");
            Assert.Equal("bind", relative.Type);
            MountSpecItem windows = MountSpec.ParseVolume(@"C:\data:/data");
            Assert.Equal(("bind", @"C:\data", "/data"), (windows.Type, windows.Source, windows.Target));
            Assert.True(MountSpec.ParseVolume("v1:/x:nocopy").VolumeNoCopy);
            Assert.Equal("rshared", MountSpec.ParseVolume("/a:/b:rshared").BindPropagation);
        }

        [Theory]
        [InlineData("data:relative", "must be absolute")]
        [InlineData("/a:/b:bogus", "'bogus' is unknown")]
        [InlineData("bad name!:/data", "neither an absolute host path nor a volume name")]
        [InlineData("ab:/b:ro:x", "source:target")]
        [InlineData("", "empty")]
        public void BadVolumeSpecsSayWhy(string spec, string why) =>
            Assert.Contains(why, Assert.Throws<ArgumentException>(() => MountSpec.ParseVolume(spec)).Message);

        [Fact]
        public void MountSyntaxReadsEveryField()
        {
            MountSpecItem m = MountSpec.ParseMount("type=volume,source=data,target=/data,readonly,volume-label=a=b,volume-nocopy=true");
            Assert.Equal(("volume", "data", "/data", true, true), (m.Type, m.Source, m.Target, m.ReadOnly, m.VolumeNoCopy));
            Assert.Equal("b", m.VolumeLabels["a"]);
            MountSpecItem t = MountSpec.ParseMount("type=tmpfs,dst=/run,tmpfs-size=64m,tmpfs-mode=1770");
            Assert.Equal(("tmpfs", "/run", 64L << 20, Convert.ToInt32("1770", 8)), (t.Type, t.Target, t.TmpfsSize!.Value, t.TmpfsMode!.Value));
            Assert.False(MountSpec.ParseMount("type=bind,src=/a,target=/b,readonly=false").ReadOnly);
        }

        [Theory]
        [InlineData("type=nfs,target=/x", "not bind, volume or tmpfs")]
        [InlineData("type=bind,target=/x", "needs source")]
        [InlineData("source=/host,target=/x", "needs type=bind")]
        [InlineData("type=volume,source=v", "target must be")]
        [InlineData("type=tmpfs,source=x,target=/t", "takes no source")]
        [InlineData("type=volume,target=/x,colour=red", "'colour' is unknown")]
        [InlineData("type=tmpfs,target=/t,tmpfs-mode=999", "octal")]
        [InlineData("type=volume,target=/x,readonly=maybe", "true or false")]
        public void BadMountSpecsSayWhy(string spec, string why) =>
            Assert.Contains(why, Assert.Throws<ArgumentException>(() => MountSpec.ParseMount(spec)).Message);

        [Fact]
        public void TmpfsSyntax()
        {
            // The options go to the engine as docker writes them (HostConfig.Tmpfs), exec and uid included.
            Assert.Equal(("/cache", "size=10m,mode=1777"), MountSpec.ParseTmpfs("/cache:size=10m,mode=1777"));
            Assert.Equal(("/tmp", "exec,uid=1"), MountSpec.ParseTmpfs("/tmp:exec,uid=1"));
            Assert.Equal(("/run", string.Empty), MountSpec.ParseTmpfs("/run"));
            Assert.Contains("absolute", Assert.Throws<ArgumentException>(() => MountSpec.ParseTmpfs("x")).Message);
        }
    }
}
