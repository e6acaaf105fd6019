using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerPS.Build;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Progress;
using DockerPS.Registry;

namespace DockerPS.Tests.Unit
{
    public sealed class LayerProgressTests
    {
        [Fact]
        public void UpdatesPerLayerAreThrottledAndCompletedAtTheEnd()
        {
            long now = 0;
            var posted = new List<ProgressRecord>();
            var progress = new LayerProgress("Pulling x", posted.Add, () => now);
            for (int i = 0; i < 100; i++)
            {
                now = i * 10; // 100 messages in one second for each of two layers
                progress.Report(new EngineProgressMessage { Id = "layer1", Status = "Downloading", Current = i, Total = 100 });
                progress.Report(new EngineProgressMessage { Id = "layer2", Status = "Downloading", Current = i, Total = 100 });
            }

            Assert.InRange(posted.Count(r => r.Activity == "layer1"), 9, 11);
            Assert.InRange(posted.Count(r => r.Activity == "layer2"), 9, 11);
            int parent = posted[0].ParentActivityId;
            Assert.All(posted, r => Assert.Equal(parent, r.ParentActivityId));
            Assert.NotEqual(posted.First(r => r.Activity == "layer1").ActivityId, posted.First(r => r.Activity == "layer2").ActivityId);
            Assert.Contains(posted, r => r.PercentComplete > 80);

            var done = progress.Completion();
            Assert.Equal(3, done.Count);
            Assert.All(done, r => Assert.Equal(ProgressRecordType.Completed, r.RecordType));
            Assert.Equal(parent, done.Last().ActivityId);
        }

        [Fact]
        public void ErrorsInTheStreamAreKeptAndClassified()
        {
            var progress = new LayerProgress("Pushing x", _ => { });
            progress.Report(new EngineProgressMessage { Error = "unauthorized: authentication required" });
            Assert.Equal("unauthorized: authentication required", Assert.Single(progress.Errors));
            ErrorRecord record = StreamErrors.Record(progress.Errors[0], "ImagePushFailed", "x");
            Assert.Equal("AuthenticationFailed", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
            Assert.Equal("ImagePushFailed", StreamErrors.Record("something else", "ImagePushFailed", "x").FullyQualifiedErrorId);
        }
    }
}
