using System;
using System.Collections.Generic;
using System.Text;
using DockerPS.Streams;

namespace DockerPS.Tests.Unit
{
    public sealed class TimeArgumentTests
    {
        private static readonly DateTime Now = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData("10m", 600)]
        [InlineData("1h30m", 5400)]
        [InlineData("90s", 90)]
        [InlineData("1.5h", 5400)]
        public void DurationsCountBackFromNow(string text, int seconds)
        {
            Assert.Equal(Now.AddSeconds(-seconds), TimeArgument.ToUtc(text, Now));
        }

        [Fact]
        public void DateTimesAndTimeSpansAreTaken()
        {
            var local = new DateTime(2024, 4, 30, 8, 0, 0, DateTimeKind.Local);
            Assert.Equal(local.ToUniversalTime(), TimeArgument.ToUtc(local, Now));
            Assert.Equal(Now.AddMinutes(-3), TimeArgument.ToUtc(TimeSpan.FromMinutes(3), Now));
            Assert.Equal(Now.AddMinutes(-3), TimeArgument.ToUtc(new System.Management.Automation.PSObject(TimeSpan.FromMinutes(3)), Now));
        }

        [Fact]
        public void NonsenseIsAnArgumentError()
        {
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc("yesterday-ish", Now));
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc("2d", Now));
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc(2m, Now));
        }

        [Fact]
        public void UnixSecondsKeepNanoseconds()
        {
            Assert.Equal("1714564800.000000000", TimeArgument.ToUnixSeconds(Now));
            Assert.Equal("1714564800.123456700", TimeArgument.ToUnixSeconds(Now.AddTicks(1234567)));
        }

        [Fact]
        public void SplitsTheEngineTimestampOffALogLine()
        {
            Assert.True(TimeArgument.TrySplitTimestamp("2024-05-01T12:00:01.123456789Z hello world", out DateTime t, out string text));
            Assert.Equal(Now.AddSeconds(1).AddTicks(1234567), t);
            Assert.Equal(DateTimeKind.Utc, t.Kind);
            Assert.Equal("hello world", text);
            Assert.True(TimeArgument.TrySplitTimestamp("2024-05-01T14:00:00+02:00 x", out t, out text));
            Assert.Equal(Now, t);
            Assert.True(TimeArgument.TrySplitTimestamp("2024-05-01T12:00:00Z", out t, out text));
            Assert.Equal(string.Empty, text);
            Assert.False(TimeArgument.TrySplitTimestamp("hello 2024-05-01T12:00:00Z", out _, out text));
            Assert.Equal("hello 2024-05-01T12:00:00Z", text);
            Assert.False(TimeArgument.TrySplitTimestamp("2024-13-01T12:00:00Z x", out _, out _));
        }
    }
}
