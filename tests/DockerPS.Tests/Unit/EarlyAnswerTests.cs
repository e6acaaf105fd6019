using System.Text;
using DockerPS.Engine;

namespace DockerPS.Tests.Unit
{
    /// <summary>The engine's answer read off a connection whose upload it refused (EarlyAnswer, used by the engine adapter).</summary>
    public sealed class EarlyAnswerTests
    {
        private static EarlyAnswer? Parse(string raw, bool atEnd)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(raw);
            return EarlyAnswer.TryParse(bytes, bytes.Length, atEnd);
        }

        [Fact]
        public void AnAnswerWithALengthIsCompleteWhenItsBodyIs()
        {
            const string raw = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 32\r\n\r\n{\"message\":\"invalid reference\"}\n";
            Assert.Null(Parse(raw.Substring(0, raw.Length - 5), atEnd: false));
            EarlyAnswer a = Parse(raw, atEnd: false)!;
            Assert.Equal(400, a.StatusCode);
            Assert.Equal("Bad Request", a.ReasonPhrase);
            Assert.Equal("{\"message\":\"invalid reference\"}\n", Encoding.UTF8.GetString(a.Body));
            Assert.Contains(a.Headers, h => h.Key == "Content-Type" && h.Value == "application/json");
        }

        [Fact]
        public void AChunkedAnswerIsJoined()
        {
            const string raw = "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
            Assert.Null(Parse(raw.Substring(0, 70), atEnd: false));
            Assert.Equal("hello world", Encoding.ASCII.GetString(Parse(raw, atEnd: false)!.Body));
        }

        [Fact]
        public void WithoutALengthTheBodyRunsToTheEnd()
        {
            Assert.Null(Parse("HTTP/1.0 403 Forbidden\r\n\r\nread-only", atEnd: false));
            Assert.Equal("read-only", Encoding.ASCII.GetString(Parse("HTTP/1.0 403 Forbidden\r\n\r\nread-only", atEnd: true)!.Body));
        }

        [Theory]
        [InlineData("")]
        [InlineData("HTTP/1.1 400 Bad")]
        [InlineData("garbage\r\n\r\n")]
        [InlineData("HTTP/1.1 abc Bad\r\n\r\n")]
        public void NoAnswerIsNull(string raw) => Assert.Null(Parse(raw, atEnd: true));
    }
}
