using System;
using System.Collections.Generic;
using System.Text;

namespace DockerPS.Build
{
    /// <summary>
    /// One BuildKit progress message (moby.buildkit.v1.StatusResponse in moby/buildkit's control.proto), as the
    /// engine sends it base64-encoded in the aux of a "moby.buildkit.trace" build stream line.
    /// </summary>
    internal sealed class BuildKitStatus
    {
        public List<BuildKitVertex> Vertexes { get; } = new List<BuildKitVertex>();

        public List<BuildKitVertexStatus> Statuses { get; } = new List<BuildKitVertexStatus>();

        public List<BuildKitLog> Logs { get; } = new List<BuildKitLog>();

        public List<BuildKitWarning> Warnings { get; } = new List<BuildKitWarning>();

        /// <summary>Decodes a StatusResponse; unknown fields are skipped, malformed bytes throw FormatException.</summary>
        public static BuildKitStatus Parse(byte[] bytes)
        {
            var status = new BuildKitStatus();
            var r = new ProtoReader(bytes);
            while (r.TryReadTag(out int field, out int wire))
            {
                if (wire != ProtoReader.WireLengthDelimited)
                {
                    r.Skip(wire);
                    continue;
                }

                switch (field)
                {
                    case 1:
                        status.Vertexes.Add(BuildKitVertex.Read(r.ReadMessage()));
                        break;
                    case 2:
                        status.Statuses.Add(BuildKitVertexStatus.Read(r.ReadMessage()));
                        break;
                    case 3:
                        status.Logs.Add(BuildKitLog.Read(r.ReadMessage()));
                        break;
                    case 4:
                        status.Warnings.Add(BuildKitWarning.Read(r.ReadMessage()));
                        break;
                    default:
                        r.Skip(wire);
                        break;
                }
            }

            return status;
        }

        /// <summary>google.protobuf.Timestamp {1: int64 seconds, 2: int32 nanos}.</summary>
        internal static DateTimeOffset ReadTimestamp(ProtoReader r)
        {
            long seconds = 0;
            long nanos = 0;
            while (r.TryReadTag(out int field, out int wire))
            {
                if (field == 1 && wire == ProtoReader.WireVarint)
                {
                    seconds = r.ReadInt64();
                }
                else if (field == 2 && wire == ProtoReader.WireVarint)
                {
                    nanos = r.ReadInt64();
                }
                else
                {
                    r.Skip(wire);
                }
            }

            return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        }
    }

    /// <summary>Vertex {1 digest, 2 repeated inputs, 3 name, 4 cached, 5 started, 6 completed, 7 error}.</summary>
    internal sealed class BuildKitVertex
    {
        public string Digest { get; set; } = string.Empty;

        public List<string> Inputs { get; } = new List<string>();

        public string Name { get; set; } = string.Empty;

        public bool Cached { get; set; }

        public DateTimeOffset? Started { get; set; }

        public DateTimeOffset? Completed { get; set; }

        public string? Error { get; set; }

        internal static BuildKitVertex Read(ProtoReader r)
        {
            var v = new BuildKitVertex();
            while (r.TryReadTag(out int field, out int wire))
            {
                switch (field)
                {
                    case 1 when wire == ProtoReader.WireLengthDelimited:
                        v.Digest = r.ReadString();
                        break;
                    case 2 when wire == ProtoReader.WireLengthDelimited:
                        v.Inputs.Add(r.ReadString());
                        break;
                    case 3 when wire == ProtoReader.WireLengthDelimited:
                        v.Name = r.ReadString();
                        break;
                    case 4 when wire == ProtoReader.WireVarint:
                        v.Cached = r.ReadBool();
                        break;
                    case 5 when wire == ProtoReader.WireLengthDelimited:
                        v.Started = BuildKitStatus.ReadTimestamp(r.ReadMessage());
                        break;
                    case 6 when wire == ProtoReader.WireLengthDelimited:
                        v.Completed = BuildKitStatus.ReadTimestamp(r.ReadMessage());
                        break;
                    case 7 when wire == ProtoReader.WireLengthDelimited:
                        string error = r.ReadString();
                        v.Error = error.Length > 0 ? error : null;
                        break;
                    default:
                        r.Skip(wire);
                        break;
                }
            }

            return v;
        }
    }

    /// <summary>VertexStatus {1 ID, 2 vertex, 3 name, 4 current, 5 total, 6 timestamp, 7 started, 8 completed}.</summary>
    internal sealed class BuildKitVertexStatus
    {
        public string Id { get; set; } = string.Empty;

        public string Vertex { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public long Current { get; set; }

        public long Total { get; set; }

        public DateTimeOffset? Completed { get; set; }

        internal static BuildKitVertexStatus Read(ProtoReader r)
        {
            var s = new BuildKitVertexStatus();
            while (r.TryReadTag(out int field, out int wire))
            {
                switch (field)
                {
                    case 1 when wire == ProtoReader.WireLengthDelimited:
                        s.Id = r.ReadString();
                        break;
                    case 2 when wire == ProtoReader.WireLengthDelimited:
                        s.Vertex = r.ReadString();
                        break;
                    case 3 when wire == ProtoReader.WireLengthDelimited:
                        s.Name = r.ReadString();
                        break;
                    case 4 when wire == ProtoReader.WireVarint:
                        s.Current = r.ReadInt64();
                        break;
                    case 5 when wire == ProtoReader.WireVarint:
                        s.Total = r.ReadInt64();
                        break;
                    case 8 when wire == ProtoReader.WireLengthDelimited:
                        s.Completed = BuildKitStatus.ReadTimestamp(r.ReadMessage());
                        break;
                    default:
                        r.Skip(wire);
                        break;
                }
            }

            return s;
        }
    }

    /// <summary>VertexLog {1 vertex, 2 timestamp, 3 stream (1 stdout, 2 stderr), 4 msg}.</summary>
    internal sealed class BuildKitLog
    {
        public string Vertex { get; set; } = string.Empty;

        public long Stream { get; set; }

        public byte[] Message { get; set; } = Array.Empty<byte>();

        public string Text => Encoding.UTF8.GetString(Message);

        internal static BuildKitLog Read(ProtoReader r)
        {
            var l = new BuildKitLog();
            while (r.TryReadTag(out int field, out int wire))
            {
                switch (field)
                {
                    case 1 when wire == ProtoReader.WireLengthDelimited:
                        l.Vertex = r.ReadString();
                        break;
                    case 3 when wire == ProtoReader.WireVarint:
                        l.Stream = r.ReadInt64();
                        break;
                    case 4 when wire == ProtoReader.WireLengthDelimited:
                        l.Message = r.ReadBytes();
                        break;
                    default:
                        r.Skip(wire);
                        break;
                }
            }

            return l;
        }
    }

    /// <summary>VertexWarning {1 vertex, 2 level, 3 short, ...}: only what a warning line needs.</summary>
    internal sealed class BuildKitWarning
    {
        public string Vertex { get; set; } = string.Empty;

        public string Short { get; set; } = string.Empty;

        internal static BuildKitWarning Read(ProtoReader r)
        {
            var w = new BuildKitWarning();
            while (r.TryReadTag(out int field, out int wire))
            {
                switch (field)
                {
                    case 1 when wire == ProtoReader.WireLengthDelimited:
                        w.Vertex = r.ReadString();
                        break;
                    case 3 when wire == ProtoReader.WireLengthDelimited:
                        w.Short = Encoding.UTF8.GetString(r.ReadBytes());
                        break;
                    default:
                        r.Skip(wire);
                        break;
                }
            }

            return w;
        }
    }
}
