using System;
using System.Collections;
using System.Collections.Generic;
using DockerPS.Filters;

namespace DockerPS.Tests.Unit
{
    public sealed class EngineFiltersTests
    {
        private readonly Dictionary<string, IList<string>> _filters = new Dictionary<string, IList<string>>();

        [Fact]
        public void ValuesOfOneFilterAccumulateWithoutDuplicates()
        {
            EngineFilters.Add(_filters, "status", "exited");
            EngineFilters.Add(_filters, "status", "dead");
            EngineFilters.Add(_filters, "status", "exited");
            Assert.Equal(new[] { "exited", "dead" }, _filters["status"]);
        }

        [Fact]
        public void LabelsTakeKeyOrKeyValue()
        {
            EngineFilters.AddLabels(_filters, new[] { "tier", "env=prod" });
            Assert.Equal(new[] { "tier", "env=prod" }, _filters["label"]);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        [InlineData("=value")]
        public void BadLabelsAreRejected(string label) =>
            Assert.Throws<ArgumentException>(() => EngineFilters.AddLabels(_filters, new[] { label }));

        [Fact]
        public void HashtableValuesMayBeScalarsOrLists()
        {
            var table = new Hashtable { ["before"] = "web", ["label"] = new object[] { "a", "b=c" }, ["dangling"] = true, ["exited"] = 3 };
            EngineFilters.AddHashtable(_filters, table);
            Assert.Equal(new[] { "web" }, _filters["before"]);
            Assert.Equal(new[] { "a", "b=c" }, _filters["label"]);
            Assert.Equal(new[] { "true" }, _filters["dangling"]);
            Assert.Equal(new[] { "3" }, _filters["exited"]);
        }

        [Fact]
        public void HashtableWithNullOrEmptyKeyIsRejected()
        {
            Assert.Throws<ArgumentException>(() => EngineFilters.AddHashtable(_filters, new Hashtable { ["label"] = null }));
            Assert.Throws<ArgumentException>(() => EngineFilters.AddHashtable(_filters, new Hashtable { [""] = "x" }));
        }

        [Theory]
        [InlineData("web*", "web-1", true)]
        [InlineData("WEB*", "web-1", true)]
        [InlineData("web?", "web-1", false)]
        [InlineData("db", "db", true)]
        public void PatternsAreCaseInsensitiveWildcards(string pattern, string name, bool match) =>
            Assert.Equal(match, EngineFilters.Pattern(pattern).IsMatch(name));
    }
}
