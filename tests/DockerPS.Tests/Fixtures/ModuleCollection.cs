using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>Tests that need PowerShell and the module, but no engine.</summary>
    [CollectionDefinition(Name)]
    public sealed class ModuleCollection : ICollectionFixture<PowerShellSession>
    {
        public const string Name = "Module";
    }
}
