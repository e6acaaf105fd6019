using System;
using System.Text;

namespace DockerPS.Build
{
    /// <summary>
    /// A minimal protobuf wire-format reader: BuildKit's progress arrives as protobuf messages inside the build stream,
    /// and the few fields it needs do not justify a protobuf package behind the load context.
    /// </summary>
    internal struct ProtoReader
    {
        internal const int WireVarint = 0;
        internal const int WireFixed64 = 1;
        internal const int WireLengthDelimited = 2;
        internal const int WireFixed32 = 5;

        private readonly byte[] _buffer;
        private readonly int _end;
        private int _position;

        internal ProtoReader(byte[] buffer)
            : this(buffer, 0, buffer.Length)
        {
        }

        internal ProtoReader(byte[] buffer, int offset, int count)
        {
            if (offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            _buffer = buffer;
            _position = offset;
            _end = offset + count;
        }

        internal bool AtEnd => _position >= _end;

        /// <summary>Reads the next key; false at the end of the message.</summary>
        internal bool TryReadTag(out int field, out int wireType)
        {
            field = 0;
            wireType = 0;
            if (AtEnd)
            {
                return false;
            }

            ulong key = ReadVarint();
            field = (int)(key >> 3);
            wireType = (int)(key & 7);
            if (field <= 0)
            {
                throw new FormatException("A protobuf field number must be positive.");
            }

            return true;
        }

        internal ulong ReadVarint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _end)
                {
                    throw new FormatException("The protobuf message ends inside a varint.");
                }

                byte b = _buffer[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new FormatException("A protobuf varint is longer than 10 bytes.");
        }

        internal long ReadInt64() => unchecked((long)ReadVarint());

        internal bool ReadBool() => ReadVarint() != 0;

        /// <summary>A length-delimited field as a reader over its bytes (an embedded message).</summary>
        internal ProtoReader ReadMessage()
        {
            int length = ReadLength();
            var inner = new ProtoReader(_buffer, _position, length);
            _position += length;
            return inner;
        }

        internal byte[] ReadBytes()
        {
            int length = ReadLength();
            var bytes = new byte[length];
            Buffer.BlockCopy(_buffer, _position, bytes, 0, length);
            _position += length;
            return bytes;
        }

        internal string ReadString()
        {
            int length = ReadLength();
            string s = Encoding.UTF8.GetString(_buffer, _position, length);
            _position += length;
            return s;
        }

        /// <summary>Skips a field this reader does not know: newer BuildKit versions add fields.</summary>
        internal void Skip(int wireType)
        {
            switch (wireType)
            {
                case WireVarint:
                    ReadVarint();
                    break;
                case WireFixed64:
                    Advance(8);
                    break;
                case WireLengthDelimited:
                    Advance(ReadLength());
                    break;
                case WireFixed32:
                    Advance(4);
                    break;
                default:
                    // Groups (3, 4) are deprecated and BuildKit does not use them.
                    throw new FormatException($"Unsupported protobuf wire type {wireType}.");
            }
        }

        private int ReadLength()
        {
            ulong length = ReadVarint();
            if (length > (ulong)(_end - _position))
            {
                throw new FormatException("A protobuf length runs past the end of the message.");
            }

            return (int)length;
        }

        private void Advance(int count)
        {
            if (count > _end - _position)
            {
                throw new FormatException("A protobuf field runs past the end of the message.");
            }

            _position += count;
        }
    }
}
