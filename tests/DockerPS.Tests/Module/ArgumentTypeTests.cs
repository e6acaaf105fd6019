using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Module
{
    /// <summary>
    /// Parameters converted at binding time (issue 15) carry their real type, so Get-Help and Get-Command show it, and
    /// a bad value is a binding error that names the parameter and the value, before the cmdlet runs.
    /// </summary>
    [Collection(ModuleCollection.Name)]
    public sealed class ArgumentTypeTests
    {
        private readonly PowerShellSession _ps;

        public ArgumentTypeTests(PowerShellSession ps) => _ps = ps;

        [Theory]
        [InlineData("Get-ContainerLog", "Since", "DateTime")]
        [InlineData("Get-ContainerLog", "Until", "DateTime")]
        [InlineData("Get-DockerEvent", "Since", "DateTime")]
        [InlineData("Get-SwarmServiceLog", "Since", "DateTime")]
        [InlineData("Invoke-DockerPrune", "Until", "DateTime")]
        [InlineData("Invoke-ContainerVolumePrune", "Until", "DateTime")]
        [InlineData("New-Container", "Memory", "Int64")]
        [InlineData("New-Container", "MemorySwap", "Int64")]
        [InlineData("New-Container", "ShmSize", "Int64")]
        [InlineData("Invoke-Container", "MemoryReservation", "Int64")]
        [InlineData("Update-Container", "Memory", "Int64")]
        [InlineData("New-SwarmService", "MemoryLimit", "Int64")]
        [InlineData("New-Container", "HealthInterval", "TimeSpan")]
        [InlineData("Update-SwarmService", "StopGracePeriod", "TimeSpan")]
        [InlineData("Update-DockerSwarm", "CertificateExpiry", "TimeSpan")]
        [InlineData("New-Container", "Environment", "Hashtable")]
        [InlineData("New-Container", "Label", "Hashtable")]
        [InlineData("New-Container", "LogOption", "Hashtable")]
        [InlineData("New-SwarmService", "ContainerLabel", "Hashtable")]
        [InlineData("Build-Image", "BuildArg", "Hashtable")]
        public void GetHelpAndGetCommandShowTheRealType(string cmdlet, string parameter, string type)
        {
            PsResult r = _ps.Run(@"
                (Get-Help $c -Parameter $p).type.name
                $t = (Get-Command $c).Parameters[$p].ParameterType
                if ($t.IsGenericType) { $t.GetGenericArguments()[0].Name } else { $t.Name }",
                new Dictionary<string, object?> { ["c"] = cmdlet, ["p"] = parameter }).AssertClean();
            Assert.Equal(new[] { type, type }, r.Output.Select(o => o.BaseObject.ToString()));
        }

        [Theory]
        [InlineData("New-Container busybox -Memory '5x' -WhatIf", "NewContainerCommand", "Memory", "5x")]
        [InlineData("New-Container busybox -ShmSize 12XB -WhatIf", "NewContainerCommand", "ShmSize", "12XB")]
        [InlineData("New-Container busybox -HealthInterval '2d' -WhatIf", "NewContainerCommand", "HealthInterval", "2d")]
        [InlineData("New-Container busybox -HealthTimeout '30' -WhatIf", "NewContainerCommand", "HealthTimeout", "30")]
        [InlineData("New-Container busybox -LogOption 'max-size' -WhatIf", "NewContainerCommand", "LogOption", "max-size")]
        [InlineData("New-Container busybox -Label '=x' -WhatIf", "NewContainerCommand", "Label", "=x")]
        [InlineData("Update-Container x -MemorySwap '-2' -WhatIf", "UpdateContainerCommand", "MemorySwap", "-2")]
        [InlineData("Invoke-DockerPrune -Until '2d' -WhatIf", "InvokeDockerPruneCommand", "Until", "2d")]
        [InlineData("New-ContainerVolume v -Option 'o' -WhatIf", "NewContainerVolumeCommand", "Option", "'o'")]
        public void ABadValueIsABindingErrorNamingTheParameterAndTheValue(string script, string command, string parameter, string value)
        {
            PsResult r = _ps.Run(script);
            Assert.Empty(r.Output);
            ErrorRecord e = r.Terminating ?? Assert.Single(r.Errors);
            Assert.Equal("ParameterArgumentTransformationError," + e.FullyQualifiedErrorId.Split(',')[1], e.FullyQualifiedErrorId);
            Assert.EndsWith("." + command, e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            Assert.Contains($"'{parameter}'", e.Exception.Message);
            Assert.Contains(value, e.Exception.Message);
        }

        [Fact]
        public void GoodValuesBindToTheirConvertedForm()
        {
            // A script cmdlet with the same attributes shows what the binder hands the cmdlet.
            PsResult r = _ps.Run(@"
                function Probe {
                    param(
                        [DockerPS.Arguments.PointInTimeTransformation()] [Nullable[datetime]] $Since,
                        [DockerPS.Arguments.DurationTransformation()] [Nullable[timespan]] $Interval,
                        [DockerPS.Arguments.ByteSizeTransformation()] [Nullable[long]] $Memory,
                        [DockerPS.Arguments.KeyValueTransformation(Bare = 'Empty')] [hashtable] $Label)
                    $Since.ToString('o'); $Interval.TotalSeconds; $Memory; $Label['a']; $Label['b']; $Label.Count
                }
                Probe -Since 1700000000 -Interval 1m30s -Memory 512m -Label a=1, b
                Probe -Since '2023-11-14T22:13:20Z' -Interval 30s -Memory 512MB -Label @{ a = 'x'; b = 'y' }").AssertClean();
            Assert.Equal(
                new[] { "2023-11-14T22:13:20.0000000Z", "90", "536870912", "1", string.Empty, "2", "2023-11-14T22:13:20.0000000Z", "30", "536870912", "x", "y", "2" },
                r.Output.Select(o => o.BaseObject.ToString()));
        }
    }
}
