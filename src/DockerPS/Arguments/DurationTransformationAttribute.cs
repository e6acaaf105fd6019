using System;
using System.Management.Automation;
using DockerPS.Specs;

namespace DockerPS.Arguments
{
    /// <summary>
    /// Turns a duration argument into a TimeSpan: a TimeSpan; a number of seconds; text as docker takes it (Go
    /// durations such as 30s, 1m30s, 500ms, 2h) or TimeSpan text (00:01:30). Negative durations, text without a unit
    /// and days (2d) fail at parameter binding.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
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
                return DurationSpec.Parse(v);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
