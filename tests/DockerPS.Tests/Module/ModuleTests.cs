using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Module
{
    /// <summary>The laid-out module folder and its manifest, as Import-Module sees them.</summary>
    [Collection(ModuleCollection.Name)]
    public sealed class ModuleTests
    {
        private readonly PowerShellSession _ps;

        public ModuleTests(PowerShellSession ps) => _ps = ps;

        [Fact]
        public void TheRunspaceIsAFullPowerShellWithA120ColumnHost()
        {
            // Microsoft.PowerShell.SDK: the utility cmdlets users pipe DockerPS objects into are there (Start-ThreadJob is a separate module there; the Pester suite tests it in pwsh), and the host is as
            // wide as Windows Terminal and conhost by default, so view tests see what most users see.
            PsResult r = _ps.Run("$Host.UI.RawUI.BufferSize.Width; (Get-Command Select-Object, Sort-Object, Group-Object, Format-Table, Out-String, ConvertTo-Json, Export-Csv -ErrorAction Stop).Count; 'a','b' | Select-Object -First 1; (1..3 | Format-Table | Out-String -Width 80).Length -gt 0").AssertClean();
            Assert.Equal(120, r.Output[0].BaseObject);
            Assert.Equal(7, r.Output[1].BaseObject);
            Assert.Equal("a", r.Output[2].BaseObject);
            Assert.Equal(true, r.Output[3].BaseObject);
        }

        [Fact]
        public void TheModuleFolderHasEverythingAndNothingExtra()
        {
            string dir = Paths.ModuleDirectory;
            foreach (string file in new[] { "DockerPS.dll", "DockerPS.psd1", "DockerPS.Format.ps1xml", "en-US/DockerPS.dll-Help.xml", "en-US/about_DockerPS.help.txt",
                         "Dependencies/DockerPS.Engine.dll", "Dependencies/DockerPS.LoadContext.dll", "Dependencies/Docker.DotNet.dll" })
            {
                Assert.True(File.Exists(Path.Combine(dir, file)), "missing " + file);
            }

            // PowerShell brings its own System.Management.Automation; a shipped copy would break loading.
            Assert.Empty(Directory.GetFiles(dir, "System.Management.Automation.dll", SearchOption.AllDirectories));
            // Third-party code stays out of the root, where PowerShell's default context would load it.
            Assert.Equal(new[] { "DockerPS.dll" }, Directory.GetFiles(dir, "*.dll").Select(Path.GetFileName));
            Assert.Equal(Path.GetFileName(dir), _ps.Run("(Get-Module DockerPS).Version.ToString()").AssertClean().Single<string>());
        }

        [Fact]
        public void TheManifestDeclaresBothEditionsAndExportsEveryCmdletClass()
        {
            PsResult info = _ps.Run("$m = Get-Module DockerPS; $m.CompatiblePSEditions -join ','; $m.PowerShellVersion.ToString(); ($m.ExportedCmdlets.Keys | ForEach-Object { $_ }) -join ','").AssertClean();
            Assert.Equal("Desktop,Core", info.Output[0].BaseObject);
            Assert.Equal("5.1", info.Output[1].BaseObject);
            string[] exported = ((string)info.Output[2].BaseObject).Split(',').OrderBy(n => n).ToArray();

            PsResult classes = _ps.Run("[DockerPS.DockerCmdlet].Assembly.GetExportedTypes() | Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).Count -gt 0 } | ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; $a.VerbName + '-' + $a.NounName }").AssertClean();
            string[] cmdletClasses = classes.Output.Select(o => (string)o.BaseObject).OrderBy(n => n).ToArray();

            Assert.NotEmpty(cmdletClasses);
            Assert.Equal(cmdletClasses, exported);
        }

        [Fact]
        public void TheModuleImportsInAFreshRunspace()
        {
            using var fresh = new PowerShellSession();
            PsResult r = fresh.Run("(Get-Command -Module DockerPS).Count").AssertClean();
            Assert.True((int)r.Output[0].BaseObject >= 4);
        }
    }
}
