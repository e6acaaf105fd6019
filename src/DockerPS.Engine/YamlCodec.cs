using System.Collections;
using System.Collections.Generic;
using System.IO;
using DockerPS.Compose;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace DockerPS.Engine
{
    /// <summary>Compose files through YamlDotNet: its representation model, copied into the module's plain nodes.</summary>
    internal sealed class YamlCodec : IYamlCodec
    {
        public Compose.YamlNode? Read(string text, string file)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                // The parser's own message repeats the position; keep its reason, and give the line ourselves.
                string why = e.InnerException is YamlException inner ? inner.Message : e.Message;
                throw new ComposeFileException("not valid YAML: " + why, file, (int)e.Start.Line, null, e);
            }

            if (stream.Documents.Count == 0)
            {
                return null;
            }

            // Aliases are already resolved to their anchor's node by the loader; a visited set stops alias cycles.
            return Copy(stream.Documents[0].RootNode, new Dictionary<YamlDotNet.RepresentationModel.YamlNode, Compose.YamlNode>(ByReference.Instance));
        }

        private static Compose.YamlNode Copy(YamlDotNet.RepresentationModel.YamlNode node, Dictionary<YamlDotNet.RepresentationModel.YamlNode, Compose.YamlNode> seen)
        {
            if (seen.TryGetValue(node, out Compose.YamlNode? done))
            {
                return done;
            }

            var result = new Compose.YamlNode { Line = (int)node.Start.Line, Column = (int)node.Start.Column };
            seen[node] = result;
            switch (node)
            {
                case YamlScalarNode s:
                    result.Kind = YamlNodeKind.Scalar;
                    result.Value = s.Value;
                    result.Plain = s.Style == ScalarStyle.Plain || s.Style == ScalarStyle.Any;
                    break;
                case YamlSequenceNode q:
                    result.Kind = YamlNodeKind.Sequence;
                    foreach (YamlDotNet.RepresentationModel.YamlNode item in q.Children)
                    {
                        result.Items.Add(Copy(item, seen));
                    }

                    break;
                case YamlMappingNode m:
                    result.Kind = YamlNodeKind.Mapping;
                    foreach (KeyValuePair<YamlDotNet.RepresentationModel.YamlNode, YamlDotNet.RepresentationModel.YamlNode> e in m.Children)
                    {
                        result.Entries.Add(new KeyValuePair<Compose.YamlNode, Compose.YamlNode>(Copy(e.Key, seen), Copy(e.Value, seen)));
                    }

                    break;
            }

            return result;
        }

        /// <summary>YamlDotNet's nodes compare by value (two "secrets" keys are equal); an alias is the same instance.</summary>
        private sealed class ByReference : IEqualityComparer<YamlDotNet.RepresentationModel.YamlNode>
        {
            public static readonly ByReference Instance = new ByReference();

            public bool Equals(YamlDotNet.RepresentationModel.YamlNode? x, YamlDotNet.RepresentationModel.YamlNode? y) => ReferenceEquals(x, y);

            public int GetHashCode(YamlDotNet.RepresentationModel.YamlNode obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        public string Write(object? value) => new SerializerBuilder().Build().Serialize(value ?? new Dictionary<string, object?>());
    }
}
