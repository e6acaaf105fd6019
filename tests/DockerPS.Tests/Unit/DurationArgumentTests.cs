using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Specs;
using DockerPS.Streams;

namespace DockerPS.Tests.Unit
{
    public sealed class DurationArgumentTests
    {
        [Theory]
        [InlineData("1m30s", 900_000_000L)]
        [InlineData("500ms", 5_000_000L)]
        [InlineData("2h", 72_000_000_000L)]
        [InlineData("1.5h", 54_000_000_000L)]
        [InlineData(".5s", 5_000_000L)]
        [InlineData("0", 0L)]
        [InlineData("100us", 1_000L)]
        [InlineData("100\u00b5s", 1_000L)]
        [InlineData("100ns", 1L)]
        [InlineData("00:01:30", 900_000_000L)] // TimeSpan text, as before
        [InlineData("1.00:00:00", 864_000_000_000L)]
        public void TextIsAGoDurationOrTimeSpanText(string text, long ticks) =>
            Assert.Equal(TimeSpan.FromTicks(ticks), DurationSpec.Parse(text));

        [Fact]
        public void NumbersAreSeconds()
        {
            Assert.Equal(TimeSpan.FromSeconds(5), DurationSpec.Parse(5));
            Assert.Equal(TimeSpan.FromSeconds(1.5), DurationSpec.Parse(1.5));
            Assert.Equal(TimeSpan.FromSeconds(30), DurationSpec.Parse((short)30));   // PowerShell 7: 30s
            Assert.Equal(TimeSpan.FromTicks(100), DurationSpec.Parse((ushort)10));   // PowerShell 7: 10us
            Assert.Equal(TimeSpan.FromMinutes(1), DurationSpec.Parse(TimeSpan.FromMinutes(1)));
        }

        [Theory]
        [InlineData("2d")]
        [InlineData("30")]      // no unit: Go refuses it, and TimeSpan text would make it 30 days
        [InlineData("soon")]
        [InlineData("1H")]
        [InlineData("-5s")]
        [InlineData("")]
        [InlineData("1h 30m")]
        [InlineData("3000000h")] // beyond Go's 290 years
        public void BadTextIsRefused(string text) => Assert.Throws<ArgumentException>(() => DurationSpec.Parse(text));

        [Fact]
        public void BadValuesAreRefused()
        {
            Assert.Throws<ArgumentException>(() => DurationSpec.Parse(2m));          // PowerShell's 2d
            Assert.Throws<ArgumentException>(() => DurationSpec.Parse(-1));
            Assert.Throws<ArgumentException>(() => DurationSpec.Parse(TimeSpan.FromSeconds(-1)));
            Assert.Throws<ArgumentException>(() => DurationSpec.Parse(new object()));
        }

        [Fact]
        public void TheAttributeGivesATimeSpanOrABindingError()
        {
            var attribute = new DurationTransformationAttribute();
            Assert.Equal(TimeSpan.FromSeconds(90), attribute.Transform(null!, new PSObject("1m30s")));
            Assert.Null(attribute.Transform(null!, null));
            var e = Assert.Throws<ArgumentTransformationMetadataException>(() => attribute.Transform(null!, "2d"));
            Assert.Contains("'2d'", e.Message);
        }
    }
}
