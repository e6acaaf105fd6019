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
    [CollectionDefinition(Name)]
    public sealed class EngineCollection : ICollectionFixture<EngineFixture>
    {
        public const string Name = "Engine";
    }
}
