using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Swarm
{
    [CollectionDefinition(Name)]
    public sealed class SwarmCollection : ICollectionFixture<SwarmFixture>
    {
        public const string Name = "Swarm";
    }
}
