using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Docker.DotNet.Models;
using DockerPS.Tests.Fixtures;

namespace DockerPS.Tests.Faults
{
    /// <summary>Shared pieces of the fault suite: error checks and images that hold random (incompressible) bytes.</summary>
    internal static class FaultHelpers
    {
        /// <summary>The one error a faulted script ended with: the terminating one, else the first non-terminating one.</summary>
        internal static ErrorRecord TheError(PsResult r) =>
            r.Terminating ?? r.Errors.FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException("The script ended without an error. Output: " + string.Join(", ", r.Output));

        /// <summary>A clear error: a specific ErrorId (no UnexpectedError, no exception type name), no stack trace in its text.</summary>
        internal static void AssertClear(ErrorRecord e)
        {
            string id = e.FullyQualifiedErrorId.Split(',')[0];
            Assert.NotEqual("UnexpectedError", id);
            Assert.DoesNotContain("Exception", id, StringComparison.Ordinal);
            string text = e.ToString() + " " + e.Exception?.Message + " " + e.ErrorDetails?.Message;
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("--- End of", text, StringComparison.Ordinal);
        }

        /// <summary>An engine that went away mid-request: ConnectionError with a connection ErrorId.</summary>
        internal static void AssertEngineGone(ErrorRecord e)
        {
            AssertClear(e);
            Assert.True(e.CategoryInfo.Category == ErrorCategory.ConnectionError,
                $"expected ConnectionError, got {e.CategoryInfo.Category}: {e.FullyQualifiedErrorId}: {e}");
            Assert.StartsWith("Engine", e.FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        /// <summary>Imports an image holding <paramref name="bytes"/> random bytes (it does not compress, so a push or pull moves them all).</summary>
        internal static void RandomImage(PrivateEngineFixture engine, string reference, int bytes)
        {
            var data = new byte[bytes];
            Random.Shared.NextBytes(data);
            var tar = new MemoryStream();
            using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "random.bin") { DataStream = new MemoryStream(data) });
            }

            tar.Position = 0;
            engine.ImportRootfs(reference, tar);
        }

        /// <summary>Pushes with the setup client (not DockerPS); fails on a progress error.</summary>
        internal static void Push(PrivateEngineFixture engine, string reference)
        {
            int colon = reference.LastIndexOf(':');
            var errors = new List<string>();
            engine.Client.Images.PushImageAsync(reference.Substring(0, colon), new ImagePushParameters { Tag = reference.Substring(colon + 1) }, new AuthConfig(),
                new Progress<JSONMessage>(m =>
                {
                    if (m.Error != null)
                    {
                        lock (errors)
                        {
                            errors.Add(m.Error.Message);
                        }
                    }
                })).GetAwaiter().GetResult();
            Thread.Sleep(100); // Progress<T> posts its last callbacks asynchronously
            lock (errors)
            {
                Assert.True(errors.Count == 0, "setup push failed: " + string.Join("; ", errors));
            }
        }

        internal static void Tag(PrivateEngineFixture engine, string source, string target)
        {
            int colon = target.LastIndexOf(':');
            engine.Client.Images.TagImageAsync(source, new ImageTagParameters { RepositoryName = target.Substring(0, colon), Tag = target.Substring(colon + 1) })
                .GetAwaiter().GetResult();
        }

        /// <summary>Waits until <paramref name="condition"/> holds or <paramref name="timeout"/> passes.</summary>
        internal static bool WaitFor(Func<bool> condition, TimeSpan timeout)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (watch.Elapsed < timeout)
            {
                if (condition())
                {
                    return true;
                }

                Thread.Sleep(25);
            }

            return condition();
        }
    }
}
