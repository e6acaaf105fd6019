using System;
using System.Management.Automation;
using DockerPS.Streams;

namespace DockerPS.Arguments
{
    /// <summary>
    /// Turns a -Since/-Until argument into the point in time it names (a UTC DateTime), with docker's rules for text:
    /// a Go duration (10m, 1h30m) is that long ago, RFC 3339 text (2024-05-01, 2024-05-01T10:00:00Z, local without a
    /// zone) is that time, other text is unix seconds (1700000000.5). A DateTime or DateTimeOffset is that time, a
    /// TimeSpan that long ago, a number unix seconds. Anything else (2d, 5/1/2024) fails at parameter binding.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PointInTimeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? v = inputData is PSObject p ? p.BaseObject : inputData;
            if (v == null)
            {
                return null;
            }

            try
            {
                return TimeArgument.ToUtc(v, DateTime.UtcNow);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
