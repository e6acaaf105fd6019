using System.Linq;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Module
{
    /// <summary>Get-Help reads the MAML the build compiled from docs/, for every exported cmdlet.</summary>
    [Collection(ModuleCollection.Name)]
    public sealed class HelpTests
    {
        private readonly PowerShellSession _ps;

        public HelpTests(PowerShellSession ps) => _ps = ps;

        public static TheoryData<string> Cmdlets()
        {
            var data = new TheoryData<string>();
            using var ps = new PowerShellSession();
            foreach (var o in ps.Run("(Get-Module DockerPS).ExportedCmdlets.Keys | ForEach-Object { $_ }").AssertClean().Output)
            {
                data.Add((string)o.BaseObject);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void EveryCmdletHasFullHelp(string cmdlet)
        {
            PsResult r = _ps.Run(@"
                $h = Get-Help $c -Full
                $h.Synopsis
                ($h.Description | ForEach-Object { $_.Text }) -join ' '
                @($h.Examples.Example).Count
                @($h.Parameters.Parameter | Where-Object { -not ($_.Description | ForEach-Object { $_.Text }) } | ForEach-Object { $_.Name }) -join ','
                $h.GetType().Name + '|' + ($h.PSObject.TypeNames -join ';')",
                new System.Collections.Generic.Dictionary<string, object?> { ["c"] = cmdlet }).AssertClean();

            string synopsis = (string)r.Output[0].BaseObject;
            Assert.False(string.IsNullOrWhiteSpace(synopsis));
            Assert.DoesNotContain("[<CommonParameters>]", synopsis); // the text PowerShell makes up when there is no help
            Assert.True(((string)r.Output[1].BaseObject).Length > 40, "description too short");
            Assert.True((int)r.Output[2].BaseObject >= 2, "fewer than two examples");
            Assert.Equal(string.Empty, r.Output[3].BaseObject);
            Assert.Contains("MamlCommandHelpInfo", (string)r.Output[4].BaseObject);
        }

        [Fact]
        public void ExamplesComeFromDocs()
        {
            PsResult r = _ps.Run("(Get-Help Get-Container -Examples).Examples.Example | ForEach-Object { $_.Code }").AssertClean();
            string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(Paths.RepoRoot, "docs", "Get-Container.md"));
            Assert.True(r.Output.Count >= 2);
            Assert.All(r.Output, o => Assert.Contains(((string)o.BaseObject).Split('\n')[0].Trim(), docs));
        }

        [Fact]
        public void SaveImageExamplesComeFromDocs()
        {
            PsResult r = _ps.Run("(Get-Help Save-Image -Examples).Examples.Example | ForEach-Object { $_.Code }").AssertClean();
            string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(Paths.RepoRoot, "docs", "Save-Image.md"));
            Assert.True(r.Output.Count >= 2, "Save-Image has fewer than two examples");
            Assert.All(r.Output, o => Assert.Contains("Save-Image", (string)o.BaseObject));
            Assert.All(r.Output, o => Assert.Contains(((string)o.BaseObject).Split('\n')[0].Trim(), docs));
        }

        [Fact]
        public void TheAboutTopicIsThere()
        {
            PsResult r = _ps.Run("Get-Help about_DockerPS | ForEach-Object { $_ }").AssertClean();
            string text = string.Join("\n", r.Output.Select(o => o.ToString()));
            Assert.Contains("DOCKER_HOST", text);
        }
    }
}
