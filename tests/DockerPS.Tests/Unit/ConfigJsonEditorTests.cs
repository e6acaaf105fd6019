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
                Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
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
