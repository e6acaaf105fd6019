using System;
using System.Collections;
using System.Management.Automation;
using DockerPS.Specs;

namespace DockerPS.Arguments
{
    /// <summary>What a key given without '=' means.</summary>
    public enum BareKey
    {
        /// <summary>An error: every entry needs a value (options such as --log-opt, --sysctl, --build-arg).</summary>
        Refused,

        /// <summary>An empty value, as docker -l key gives.</summary>
        Empty,

        /// <summary>This session's value of the variable, as docker -e KEY takes it; $null when it has none.</summary>
        FromEnvironment,
    }

    /// <summary>
    /// Turns a key=value argument into a Hashtable (keys case-sensitive): a hashtable or any IDictionary, 'key=value'
    /// strings, or arrays of either. What a bare key means is set by <see cref="Bare"/>. A malformed entry fails at
    /// parameter binding.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class KeyValueTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>What a key without '=' means.</summary>
        public BareKey Bare { get; set; } = BareKey.Refused;

        /// <summary>The kind of key, for messages: "label", "environment variable", "option".</summary>
        public string What { get; set; } = "key";

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? v = inputData is PSObject p ? p.BaseObject : inputData;
            if (v == null)
            {
                return null;
            }

            try
            {
                return KeyValueMap.ToHashtable(v, Bare, What);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
