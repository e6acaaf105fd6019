using System;
using System.Collections.Generic;
using System.IO;
using DockerPS.Completers;
using DockerPS.Connection;

namespace DockerPS.Tests.Unit
{
    public sealed class ConfigJsonEditorTests
    {
        private const string Docker = "{\n\t\"auths\": {\n\t\t\"r.example\": {\"auth\": \"a,b}\"}\n\t},\n\t\"currentContext\": \"old\",\n\t\"n\": 1.50\n}\n";

        [Fact]
        public void ReplacesOnlyTheValue()
        {
            Assert.Equal(Docker.Replace("\"old\"", "\"new\""), ConfigJsonEditor.SetTopLevelString(Docker, "currentContext", "new"));
        }

        [Fact]
        public void RemovesAMiddleMemberAndTheLastMember()
        {
            Assert.Equal("{\n\t\"auths\": {\n\t\t\"r.example\": {\"auth\": \"a,b}\"}\n\t},\n\t\"n\": 1.50\n}\n",
                ConfigJsonEditor.SetTopLevelString(Docker, "currentContext", null));
            Assert.Equal("{\"a\": [1, {\"b\": \"]\"}]}", ConfigJsonEditor.SetTopLevelString("{\"a\": [1, {\"b\": \"]\"}], \"currentContext\": \"x\"}", "currentContext", null));
            Assert.Equal("{}", ConfigJsonEditor.SetTopLevelString("{ \"currentContext\": \"x\" }", "currentContext", null));
        }

        [Fact]
        public void AddsAfterTheLastMemberWithItsIndentation()
        {
            string without = "{\n\t\"auths\": {},\n\t\"n\": 1.50\n}";
            Assert.Equal("{\n\t\"auths\": {},\n\t\"n\": 1.50,\n\t\"currentContext\": \"c\\\"q\"\n}", ConfigJsonEditor.SetTopLevelString(without, "currentContext", "c\"q"));
            Assert.Equal("{\n    \"a\": 1,\n    \"currentContext\": \"c\"}", ConfigJsonEditor.SetTopLevelString("{\n    \"a\": 1}", "currentContext", "c"));
            Assert.Equal("{\n\t\"currentContext\": \"c\"\n}", ConfigJsonEditor.SetTopLevelString("{}", "currentContext", "c"));
            Assert.Equal("{\n\t\"currentContext\": \"c\"\n}\n", ConfigJsonEditor.SetTopLevelString("  ", "currentContext", "c"));
        }

        [Fact]
        public void ANestedKeyOfTheSameNameIsLeftAlone()
        {
            string json = "{\"x\": {\"currentContext\": \"inner\"}}";
            Assert.Equal("{\"x\": {\"currentContext\": \"inner\"}, \"currentContext\": \"c\"}", ConfigJsonEditor.SetTopLevelString(json, "currentContext", "c"));
            Assert.Equal(json, ConfigJsonEditor.SetTopLevelString(json, "currentContext", null));
        }

        [Fact]
        public void RefusesWhatIsNotAJsonObject()
        {
            Assert.Throws<FormatException>(() => ConfigJsonEditor.SetTopLevelString("[1]", "currentContext", "c"));
            Assert.Throws<FormatException>(() => ConfigJsonEditor.SetTopLevelString("{\"a\": ", "currentContext", "c"));
        }

        [Fact]
        public void TheStoreWritesAtomicallyAndReadsBack()
        {
            string dir = Path.Combine(Path.GetTempPath(), "dps-store-" + Guid.NewGuid().ToString("N"));
            try
            {
                var store = new DockerContextStore(dir, _ => null, false);
                Assert.Equal("default", store.CurrentName());
                Assert.Single(store.List());
                store.SetCurrent("x");
                Assert.Equal("x", store.CurrentName());
                Assert.Equal("{\n\t\"currentContext\": \"x\"\n}\n", File.ReadAllText(Path.Combine(dir, "config.json")));
                store.SetCurrent("default");
                Assert.Equal("{}\n", File.ReadAllText(Path.Combine(dir, "config.json")));
                Assert.Empty(Directory.GetFiles(dir, "*.partial"));
                var withEnv = new DockerContextStore(dir, n => n == "DOCKER_CONTEXT" ? "env" : null, false);
                Assert.Equal("env", withEnv.CurrentName());
            }
            finally
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, true);
                }
            }
        }

        private static readonly KeyValuePair<string, object>[] NoPairs = Array.Empty<KeyValuePair<string, object>>();

        private static KeyValuePair<string, object>[] Auth(string value) => new[] { new KeyValuePair<string, object>("auth", value) };

        [Fact]
        public void SetMemberAddsAServerToAuthsInTheFilesLayout()
        {
            Assert.Equal(
                "{\n\t\"auths\": {\n\t\t\"r.example\": {\"auth\": \"a,b}\"},\n\t\t\"127.0.0.1:5001\": {\n\t\t\t\"auth\": \"eA==\"\n\t\t}\n\t},\n\t\"currentContext\": \"old\",\n\t\"n\": 1.50\n}\n",
                ConfigJsonEditor.SetMember(Docker, new[] { "auths", "127.0.0.1:5001" }, Auth("eA==")));
            Assert.Equal(Docker.Replace("{\"auth\": \"a,b}\"}", "{}"), ConfigJsonEditor.SetMember(Docker, new[] { "auths", "r.example" }, NoPairs));
        }

        [Fact]
        public void SetMemberCreatesTheObjectsOnThePath()
        {
            Assert.Equal("{\n\t\"auths\": {\n\t\t\"h:1\": {\n\t\t\t\"auth\": \"eA==\"\n\t\t}\n\t}\n}", ConfigJsonEditor.SetMember(string.Empty, new[] { "auths", "h:1" }, Auth("eA==")));
            Assert.Equal("{\n  \"credsStore\": \"x\",\n  \"auths\": {\n    \"h:1\": {}\n  }\n}\n",
                ConfigJsonEditor.SetMember("{\n  \"credsStore\": \"x\"\n}\n", new[] { "auths", "h:1" }, NoPairs));
            Assert.Equal("{\n\t\"auths\": {\n\t\t\"h:1\": {}\n\t}\n}", ConfigJsonEditor.SetMember("{\n\t\"auths\": {}\n}", new[] { "auths", "h:1" }, NoPairs));
        }

        [Fact]
        public void SetMemberRemovesOnlyThatEntry()
        {
            Assert.Equal("{\n\t\"auths\": {},\n\t\"currentContext\": \"old\",\n\t\"n\": 1.50\n}\n", ConfigJsonEditor.SetMember(Docker, new[] { "auths", "r.example" }, null));
            Assert.Equal(Docker, ConfigJsonEditor.SetMember(Docker, new[] { "auths", "absent" }, null));
            Assert.Equal(Docker, ConfigJsonEditor.SetMember(Docker, new[] { "nothing", "absent" }, null));
            string two = "{\"auths\": {\"a\": {}, \"b\": {\"auth\": \"x\"}}, \"z\": true}";
            Assert.Equal("{\"auths\": {\"b\": {\"auth\": \"x\"}}, \"z\": true}", ConfigJsonEditor.SetMember(two, new[] { "auths", "a" }, null));
            Assert.Equal("{\"auths\": {\"a\": {}}, \"z\": true}", ConfigJsonEditor.SetMember(two, new[] { "auths", "b" }, null));
        }

        [Fact]
        public void SetMemberRefusesAPathThroughANonObject()
        {
            Assert.Throws<FormatException>(() => ConfigJsonEditor.SetMember("{\"auths\": []}", new[] { "auths", "h" }, NoPairs));
            Assert.Throws<FormatException>(() => ConfigJsonEditor.SetMember("[1]", new[] { "auths", "h" }, NoPairs));
        }

        [Fact]
        public void CompletersReadTheTypedHost()
        {
            Assert.Equal("unix:///a", EngineNameCompleter.TypedHost(new Dictionary<string, object> { ["Host"] = "unix:///a" }));
            Assert.Equal("unix:///b", EngineNameCompleter.TypedHost(new Dictionary<string, object> { ["H"] = new object[] { "unix:///b", "unix:///c" } }));
            Assert.Null(EngineNameCompleter.TypedHost(new Dictionary<string, object>()));
            Assert.Null(EngineNameCompleter.TypedHost(null));
        }
    }
}
