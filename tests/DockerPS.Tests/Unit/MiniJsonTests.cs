using System;
using System.Collections.Generic;
using DockerPS.Connection;

namespace DockerPS.Tests.Unit
{
    public sealed class MiniJsonTests
    {
        [Fact]
        public void ReadsNestedObjectsArraysAndScalars()
        {
            var root = Assert.IsType<Dictionary<string, object?>>(MiniJson.Parse(
                "{ \"a\": {\"b\": [1, 2.5, -3e2, true, false, null, \"x\"]}, \"s\": \"q\\\"\\\\\\/\\n\\u00e9\" }"));
            var list = Assert.IsType<List<object?>>(Assert.IsType<Dictionary<string, object?>>(root["a"])["b"]);
            Assert.Equal(new object?[] { 1d, 2.5d, -300d, true, false, null, "x" }, list);
            Assert.Equal("q\"\\/\n\u00e9", root["s"]);
        }

        [Fact]
        public void EmptyContainers()
        {
            Assert.Empty(Assert.IsType<Dictionary<string, object?>>(MiniJson.Parse("{}")));
            Assert.Empty(Assert.IsType<List<object?>>(MiniJson.Parse(" [ ] ")));
        }

        [Theory]
        [InlineData("{")]
        [InlineData("{\"a\" 1}")]
        [InlineData("[1,]")]
        [InlineData("\"open")]
        [InlineData("{} x")]
        [InlineData("tru")]
        [InlineData("\"\\u12\"")]
        public void MalformedTextIsAFormatException(string text) =>
            Assert.Throws<FormatException>(() => MiniJson.Parse(text));
    }
}
