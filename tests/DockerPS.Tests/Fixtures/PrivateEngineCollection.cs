using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace DockerPS.Tests.Fixtures
{
    [CollectionDefinition(Name)]
    public sealed class PrivateEngineCollection : ICollectionFixture<PrivateEngineFixture>, ICollectionFixture<RegistryFixture>
    {
        public const string Name = "PrivateEngine";
    }
}
