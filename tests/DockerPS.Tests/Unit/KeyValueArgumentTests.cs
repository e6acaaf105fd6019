using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using DockerPS.Arguments;
using DockerPS.Specs;
using DockerPS.Streams;

namespace DockerPS.Tests.Unit
{
    public sealed class KeyValueArgumentTests
    {
        private static Hashtable Map(object value, BareKey bare = BareKey.Refused) =>
            (Hashtable)new KeyValueTransformationAttribute { Bare = bare, What = "label" }.Transform(null!, value)!;

        [Fact]
        public void HashtablesStringsAndArraysBecomeOneHashtable()
        {
            Assert.Equal("1", Map(new Hashtable { ["a"] = "1" })["a"]);
            Assert.Equal("b=c", Map("a=b=c")["a"]);
            Assert.Equal(string.Empty, Map("a=")["a"]);
            Hashtable several = Map(new object[] { "a=1", "b=2", new Hashtable { ["c"] = 3 } });
            Assert.Equal(3, several.Count);
            Assert.Equal("2", several["b"]);
            Assert.Equal(3, several["c"]);
            Assert.Equal("2", Map(new[] { "a=1", "a=2" })["a"]); // the last one wins, as in docker's maps
            Hashtable cased = Map(new[] { "a=1", "A=2" });
            Assert.Equal(2, cased.Count);                          // keys are case-sensitive, as the engine's are
            Assert.Equal("1", Map(new PSObject(new Dictionary<string, string> { ["a"] = "1" }))["a"]);
        }

        [Fact]
        public void ABareKeyMeansWhatTheParameterSays()
        {
            Assert.Throws<ArgumentTransformationMetadataException>(() => Map("max-size"));
            Assert.Equal(string.Empty, Map("keep", BareKey.Empty)["keep"]);
            Environment.SetEnvironmentVariable("DOCKERPS_ARG_TEST", "from-session");
            try
            {
                Assert.Equal("from-session", Map("DOCKERPS_ARG_TEST", BareKey.FromEnvironment)["DOCKERPS_ARG_TEST"]);
                Hashtable unset = Map("DOCKERPS_ARG_UNSET", BareKey.FromEnvironment);
                Assert.True(unset.ContainsKey("DOCKERPS_ARG_UNSET"));
                Assert.Null(unset["DOCKERPS_ARG_UNSET"]);
                Assert.Equal(new List<string> { "DOCKERPS_ARG_UNSET" }, EnvironmentSpec.Parse(unset, _ => null)); // sent as the bare name, as docker -e does
            }
            finally
            {
                Environment.SetEnvironmentVariable("DOCKERPS_ARG_TEST", null);
            }
        }

        [Theory]
        [InlineData("=v")]
        [InlineData(" a=v")]
        [InlineData("a b=v")]
        public void BadNamesAreRefused(string text)
        {
            var e = Assert.Throws<ArgumentTransformationMetadataException>(() => Map(text, BareKey.Empty));
            Assert.Contains(text, e.Message);
        }
    }
}
