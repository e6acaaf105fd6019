using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Specs;
using DockerPS.Streams;

namespace DockerPS.Tests.Unit
{
    /// <summary>
    /// The argument transformations (issue 15, item 8): each form docker takes, and each refusal. Points in time follow
    /// GetTimestamp (moby api/types/time), durations Go's time.ParseDuration, sizes go-units' RAMInBytes.
    /// </summary>
    public sealed class PointInTimeArgumentTests
    {
        private static readonly DateTime Now = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private static DateTime Local(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
        {
            var wall = new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc);
            return wall - TimeZoneInfo.Local.GetUtcOffset(Now); // docker: the zone's offset of the reference time
        }

        [Theory]
        [InlineData("10m", 600_000)]
        [InlineData("1h30m", 5_400_000)]
        [InlineData("1.5h", 5_400_000)]
        [InlineData(".5s", 500)]
        [InlineData("90s", 90_000)]
        [InlineData("250ms", 250)]
        [InlineData("1m1m", 120_000)]
        [InlineData("0s", 0)]
        [InlineData("+5m", 300_000)]
        [InlineData("-5m", -300_000)]
        public void GoDurationsCountBackFromNow(string text, long milliseconds) =>
            Assert.Equal(Now.AddMilliseconds(-milliseconds), TimeArgument.ToUtc(text, Now));

        [Fact]
        public void MicroAndNanosecondUnitsAreGoUnits()
        {
            Assert.Equal(Now.AddTicks(-30), TimeArgument.ToUtc("3us", Now));
            Assert.Equal(Now.AddTicks(-30), TimeArgument.ToUtc("3\u00b5s", Now));
            Assert.Equal(Now.AddTicks(-30), TimeArgument.ToUtc("3\u03bcs", Now));
            Assert.Equal(Now.AddTicks(-3), TimeArgument.ToUtc("300ns", Now));
        }

        [Theory]
        [InlineData("2024-05-01T10:00:00Z", 2024, 5, 1, 10, 0, 0, 0)]
        [InlineData("2024-05-01T10:00:00.5Z", 2024, 5, 1, 10, 0, 0, 5_000_000)]
        [InlineData("2024-05-01T10:00:00.123456789Z", 2024, 5, 1, 10, 0, 0, 1_234_567)]
        [InlineData("2024-05-01T10:00:00+02:00", 2024, 5, 1, 8, 0, 0, 0)]
        [InlineData("2024-05-01T10:00:00-02:30", 2024, 5, 1, 12, 30, 0, 0)]
        [InlineData("2024-05-01T10:00Z", 2024, 5, 1, 10, 0, 0, 0)]
        [InlineData("2024-05-01T10Z", 2024, 5, 1, 10, 0, 0, 0)]
        [InlineData("2024-05-01T10:00+02:00", 2024, 5, 1, 8, 0, 0, 0)]
        [InlineData("2024-05-01Z", 2024, 5, 1, 0, 0, 0, 0)]
        [InlineData("2024-05-01+01:00", 2024, 4, 30, 23, 0, 0, 0)]
        [InlineData("2024-05-01-01:00", 2024, 5, 1, 1, 0, 0, 0)]
        public void Rfc3339WithAZoneIsThatTime(string text, int y, int mo, int d, int h, int mi, int s, long ticks) =>
            Assert.Equal(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc).AddTicks(ticks), TimeArgument.ToUtc(text, Now));

        [Fact]
        public void Rfc3339WithoutAZoneIsLocalTime()
        {
            Assert.Equal(Local(2024, 5, 1), TimeArgument.ToUtc("2024-05-01", Now));
            Assert.Equal(Local(2024, 5, 1, 10), TimeArgument.ToUtc("2024-05-01T10", Now));
            Assert.Equal(Local(2024, 5, 1, 10, 30), TimeArgument.ToUtc("2024-05-01T10:30", Now));
            Assert.Equal(Local(2024, 5, 1, 10, 30, 15), TimeArgument.ToUtc("2024-05-01T10:30:15", Now));
            Assert.Equal(Local(2024, 5, 1, 10, 30, 15).AddTicks(2_500_000), TimeArgument.ToUtc("2024-05-01T10:30:15.25", Now));
            Assert.Equal(Local(2024, 5, 1, 9, 30, 15), TimeArgument.ToUtc("2024-05-01T9:30:15", Now)); // Go's hour takes one digit
        }

        [Theory]
        [InlineData("10", 10L, 0L)]
        [InlineData("0", 0L, 0L)] // docker: "0" is unix time 0, not a zero duration
        [InlineData("1700000000", 1_700_000_000L, 0L)]
        [InlineData("+1700000000", 1_700_000_000L, 0L)]
        [InlineData("1700000000.5", 1_700_000_000L, 5_000_000L)]
        [InlineData("1700000000.123456789", 1_700_000_000L, 1_234_567L)]
        [InlineData("1700000000.000000001", 1_700_000_000L, 0L)]
        public void OtherTextIsUnixSeconds(string text, long seconds, long ticks) =>
            Assert.Equal(Epoch.AddSeconds(seconds).AddTicks(ticks), TimeArgument.ToUtc(text, Now));

        [Theory]
        [InlineData("2d")]          // Go durations have no days
        [InlineData("1w")]
        [InlineData("10M")]         // units are case-sensitive
        [InlineData("1h 30m")]
        [InlineData("")]
        [InlineData("now")]
        [InlineData("yesterday-ish")]
        [InlineData("-5")]          // a dash makes it RFC 3339, which fails
        [InlineData("5.")]
        [InlineData(".5")]
        [InlineData("1700000000.")]
        [InlineData("00:05:00")]    // TimeSpan text is not docker's
        [InlineData("5/1/2024")]
        [InlineData("2024-05-01 10:00:00")]
        [InlineData("2024-5-1")]
        [InlineData("2024-02-30")]
        [InlineData("2024-05-01T25:00:00Z")]
        [InlineData("2024-05-01T10:00:00z")]
        [InlineData("2024-05-01T10:00:00+0200")]
        [InlineData("2024-05-01t10:00:00Z")]
        public void AnythingElseIsRefused(string text) =>
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc(text, Now));

        [Fact]
        public void PowerShellValuesAreTaken()
        {
            var local = new DateTime(2024, 4, 30, 8, 0, 0, DateTimeKind.Local);
            Assert.Equal(local.ToUniversalTime(), TimeArgument.ToUtc(local, Now));
            Assert.Equal(new DateTime(2024, 4, 30, 6, 0, 0, DateTimeKind.Utc), TimeArgument.ToUtc(new DateTimeOffset(2024, 4, 30, 8, 0, 0, TimeSpan.FromHours(2)), Now));
            Assert.Equal(Now.AddMinutes(-3), TimeArgument.ToUtc(TimeSpan.FromMinutes(3), Now));
            Assert.Equal(Now.AddMinutes(-3), TimeArgument.ToUtc(new PSObject(TimeSpan.FromMinutes(3)), Now));
            Assert.Equal(Epoch.AddSeconds(10), TimeArgument.ToUtc(10, Now));                          // -Since 10: unix time 10, as docker
            Assert.Equal(Epoch.AddSeconds(1_700_000_000), TimeArgument.ToUtc(1_700_000_000L, Now));
            Assert.Equal(Epoch.AddSeconds(1_700_000_000.5), TimeArgument.ToUtc(1_700_000_000.5, Now));
            Assert.Equal(Now.AddSeconds(-30), TimeArgument.ToUtc((short)30, Now));                    // PowerShell 7 reads 30s as Int16 30
            Assert.Equal(Now.AddTicks(-100), TimeArgument.ToUtc((ushort)10, Now));                    // and 10us as UInt16 10
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc(2m, Now));                      // and 2d as the decimal 2
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc((sbyte)2, Now));
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc(-5, Now));
            Assert.Throws<ArgumentException>(() => TimeArgument.ToUtc(new object(), Now));
        }

        [Fact]
        public void TheAttributeGivesAUtcDateTimeOrABindingError()
        {
            var attribute = new PointInTimeTransformationAttribute();
            var utc = (DateTime)attribute.Transform(null!, "2024-05-01T10:00:00Z")!;
            Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc), utc);
            Assert.Equal(DateTimeKind.Utc, utc.Kind);
            Assert.InRange((DateTime)attribute.Transform(null!, "10m")!, DateTime.UtcNow.AddMinutes(-11), DateTime.UtcNow.AddMinutes(-9));
            Assert.Null(attribute.Transform(null!, null));
            var e = Assert.Throws<ArgumentTransformationMetadataException>(() => attribute.Transform(null!, "2d"));
            Assert.Contains("'2d'", e.Message);
        }

        [Fact]
        public void UnixSecondsKeepTheTicks()
        {
            Assert.Equal("1714564800.000000000", TimeArgument.ToUnixSeconds(Now));
            Assert.Equal("1714564800.123456700", TimeArgument.ToUnixSeconds(Now.AddTicks(1234567)));
            Assert.Equal("1700000000.123456700", TimeArgument.ToUnixSeconds(TimeArgument.ToUtc("1700000000.123456789", Now)));
            Assert.Equal("0", TimeArgument.ToUnixSeconds(Epoch)); // as docker sends --until 0: the engine reads it as no limit
        }
    }
}
