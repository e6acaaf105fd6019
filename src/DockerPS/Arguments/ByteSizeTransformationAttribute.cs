using System;
using System.Management.Automation;
using DockerPS.Specs;

namespace DockerPS.Arguments
{
    /// <summary>
    /// Turns a size argument into bytes (Int64): a number is bytes (PowerShell's 512MB too); text is read as docker's
    /// RAMInBytes reads memory and shm sizes: 512m, 1g, 1.5GiB, 100k, 42 (units k, m, g, t, p are powers of 1024,
    /// case-insensitive, an optional b or ib after them). Anything else fails at parameter binding.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ByteSizeTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Whether -1 (unlimited, as docker --memory-swap takes it) is allowed.</summary>
        public bool MinusOneIsUnlimited { get; set; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? v = inputData is PSObject p ? p.BaseObject : inputData;
            if (v == null)
            {
                return null;
            }

            try
            {
                return ByteSizeSpec.Parse(v, MinusOneIsUnlimited);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
