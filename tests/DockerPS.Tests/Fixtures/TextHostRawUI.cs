using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace DockerPS.Tests.Fixtures
{
    internal sealed class TextHostRawUI : PSHostRawUserInterface
    {
        private readonly int _width;

        internal TextHostRawUI(int width) => _width = width;

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override Size BufferSize { get => new Size(_width, 9999); set { } }

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; }

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => new Size(_width, 9999);

        public override Size MaxWindowSize => new Size(_width, 9999);

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get => new Size(_width, 50); set { } }

        public override string WindowTitle { get; set; } = "DockerPS";

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new PSInvalidOperationException("This host cannot read keys.");

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
    }
}
