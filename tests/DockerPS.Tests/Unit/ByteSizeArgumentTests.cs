using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Specs;
using DockerPS.Streams;

namespace DockerPS.Tests.Unit
{
    public sealed class ByteSizeArgumentTests
    {
        [Theory]
        [InlineData("42", 42L)]
        [InlineData("42b", 42L)]
        [InlineData("42B", 42L)]
        [InlineData("1k", 1024L)]
        [InlineData("1K", 1024L)]
        [InlineData("1kb", 1024L)]
        [InlineData("1KiB", 1024L)]
        [InlineData("512m", 512L << 20)]
        [InlineData("512 m", 512L << 20)]     // RAMInBytes leaves out one space before the unit
        [InlineData("64 MiB", 64L << 20)]
        [InlineData("1G", 1L << 30)]
        [InlineData("1.5g", 3L << 29)]
        [InlineData("2t", 2L << 40)]
        [InlineData("1p", 1L << 50)]
        [InlineData("0.5k", 512L)]
        [InlineData("1e3", 1000L)]
        [InlineData("100.7", 100L)]          // Go's int64() cuts the fraction
        public void TextIsReadAsRamInBytes(string text, long bytes) => Assert.Equal(bytes, ByteSizeSpec.Parse(text));

        [Theory]
        [InlineData("")]
        [InlineData("m")]
        [InlineData("-5m")]
        [InlineData("12x")]
        [InlineData("12XB")]
        [InlineData("1mi")]     // only b or ib may follow the unit
        [InlineData("1bb")]
        [InlineData("1kbb")]
        [InlineData("1 2m")]
        [InlineData(" 5m")]
        [InlineData("1.2.3m")]
        [InlineData("lots")]
        [InlineData("99999999999999999999g")]
        public void BadTextIsRefused(string text) => Assert.Throws<ArgumentException>(() => ByteSizeSpec.Parse(text));

        [Fact]
        public void NumbersAreBytes()
        {
            Assert.Equal(536870912L, ByteSizeSpec.Parse(536870912));       // PowerShell's 512MB
            Assert.Equal(5368709120L, ByteSizeSpec.Parse(5368709120L));    // 5GB
            Assert.Equal(1610612736L, ByteSizeSpec.Parse(1.5 * (1 << 30)));
            Assert.Throws<ArgumentException>(() => ByteSizeSpec.Parse(-1));
            Assert.Equal(-1L, ByteSizeSpec.Parse(-1, minusOneIsUnlimited: true));
            Assert.Equal(-1L, ByteSizeSpec.Parse("-1", minusOneIsUnlimited: true));
            Assert.Throws<ArgumentException>(() => ByteSizeSpec.Parse("-2", minusOneIsUnlimited: true));
            Assert.Throws<ArgumentException>(() => ByteSizeSpec.Parse(2m));          // PowerShell's 2d
            Assert.Throws<ArgumentException>(() => ByteSizeSpec.Parse((short)512));  // PowerShell's 512s
        }

        [Fact]
        public void TheAttributeGivesInt64OrABindingError()
        {
            Assert.Equal(512L << 20, new ByteSizeTransformationAttribute().Transform(null!, "512m"));
            Assert.Equal(-1L, new ByteSizeTransformationAttribute { MinusOneIsUnlimited = true }.Transform(null!, -1));
            var e = Assert.Throws<ArgumentTransformationMetadataException>(() => new ByteSizeTransformationAttribute().Transform(null!, "5x"));
            Assert.Contains("'5x'", e.Message);
        }
    }
}
