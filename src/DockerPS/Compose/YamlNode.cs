using System;
using System.Collections.Generic;
using DockerPS.Errors;

namespace DockerPS.Compose
{
    internal enum YamlNodeKind
    {
        Scalar,
        Sequence,
        Mapping,
    }

    /// <summary>
    /// A YAML document as plain nodes with their positions, as the adapter reads it (YamlDotNet stays behind the load
    /// context). Aliases arrive resolved to their anchor's node; merge keys (&lt;&lt;) arrive as ordinary entries.
    /// </summary>
    internal sealed class YamlNode
    {
        public YamlNodeKind Kind { get; set; }

        /// <summary>A scalar's text.</summary>
        public string? Value { get; set; }

        /// <summary>Unquoted scalar: only these can mean null (~, null, empty) or a boolean.</summary>
        public bool Plain { get; set; }

        public List<YamlNode> Items { get; } = new List<YamlNode>();

        /// <summary>A mapping's entries in file order.</summary>
        public List<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = new List<KeyValuePair<YamlNode, YamlNode>>();

        /// <summary>1-based line and column of the node's start.</summary>
        public int Line { get; set; }

        public int Column { get; set; }

        /// <summary>The file the node was read from, for error messages.</summary>
        public string? File { get; set; }

        public bool IsNull => Kind == YamlNodeKind.Scalar && Plain && (Value == null || Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

        public static YamlNode Scalar(string? value, YamlNode? at = null) =>
            new YamlNode { Kind = YamlNodeKind.Scalar, Value = value, Line = at?.Line ?? 0, File = at?.File, Plain = value == null };

        public static YamlNode Map(YamlNode? at = null) => new YamlNode { Kind = YamlNodeKind.Mapping, Line = at?.Line ?? 0, File = at?.File };

        /// <summary>The value of <paramref name="key"/> in a mapping, or null.</summary>
        public YamlNode? Get(string key)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> e in Entries)
            {
                if (e.Key.Value == key)
                {
                    return e.Value;
                }
            }

            return null;
        }

        /// <summary>Sets <paramref name="key"/> in a mapping, keeping its place when it exists.</summary>
        public void Set(string key, YamlNode value)
        {
            for (int i = 0; i < Entries.Count; i++)
            {
                if (Entries[i].Key.Value == key)
                {
                    Entries[i] = new KeyValuePair<YamlNode, YamlNode>(Entries[i].Key, value);
                    return;
                }
            }

            Entries.Add(new KeyValuePair<YamlNode, YamlNode>(Scalar(key, value), value));
        }
    }

    /// <summary>What the compose reader needs from the YAML library in the adapter.</summary>
    internal interface IYamlCodec
    {
        /// <summary>Reads the first document of <paramref name="text"/>; null for an empty file. Throws <see cref="ComposeFileException"/>.</summary>
        YamlNode? Read(string text, string file);

        /// <summary>Writes plain dictionaries (string keys), lists and scalars as block YAML.</summary>
        string Write(object? value);
    }

    /// <summary>A compose file that cannot be read or used: the message names the file, the line and the key.</summary>
    internal sealed class ComposeFileException : Exception
    {
        public ComposeFileException(string message, string? file, int line, string? key, Exception? inner = null)
            : base(Compose(message, file, line, key), inner)
        {
            File = file;
            Line = line;
            Key = key;
        }

        public string? File { get; }

        public int Line { get; }

        public string? Key { get; }

        /// <summary>The ErrorId a cmdlet reports this under (InvalidComposeFile unless set).</summary>
        public string ErrorId { get; set; } = InvalidFileId;

        /// <summary>ErrorId: bad YAML, a bad value or a bad reference in a compose file.</summary>
        public const string InvalidFileId = ErrorIds.InvalidComposeFile;

        private static string Compose(string message, string? file, int line, string? key)
        {
            string where = file == null ? string.Empty : (line > 0 ? $"{file}, line {line}" : file);
            string what = key == null ? string.Empty : $"'{key}'";
            string prefix = where.Length > 0 && what.Length > 0 ? $"{where}, {what}: " : where.Length > 0 ? where + ": " : what.Length > 0 ? what + ": " : string.Empty;
            return prefix + message;
        }
    }
}
