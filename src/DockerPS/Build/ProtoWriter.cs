using System.IO;
using System.Text;

namespace DockerPS.Build
{
    /// <summary>The writing half of <see cref="ProtoReader"/>: varints and length-delimited fields, what the session's answers need.</summary>
    internal sealed class ProtoWriter
    {
        private readonly MemoryStream _output = new MemoryStream();

        internal ProtoWriter Varint(int field, ulong value)
        {
            Key(field, ProtoReader.WireVarint);
            WriteVarint(value);
            return this;
        }

        internal ProtoWriter Bytes(int field, byte[] value)
        {
            Key(field, ProtoReader.WireLengthDelimited);
            WriteVarint((ulong)value.Length);
            _output.Write(value, 0, value.Length);
            return this;
        }

        internal ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        internal byte[] ToArray() => _output.ToArray();

        private void Key(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _output.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _output.WriteByte((byte)value);
        }
    }
}
