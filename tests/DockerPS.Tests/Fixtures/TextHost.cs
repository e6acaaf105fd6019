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
    /// <summary>
    /// A PowerShell host that writes what the pipeline shows (Out-Default, warnings, errors) to a TextWriter as plain
    /// text. It never prompts: a script that asks for input fails, as it would in a scheduled task.
    /// </summary>
    public sealed class TextHost : PSHost
    {
        /// <summary>120 columns: the default of Windows Terminal and conhost, so views are seen as most users see them.</summary>
        public const int DefaultWidth = 120;

        private readonly TextHostUI _ui;
        private readonly Guid _id = Guid.NewGuid();

        public TextHost(TextWriter output, int width = DefaultWidth) => _ui = new TextHostUI(output, width);

        /// <summary>Set by the script through $host.SetShouldExit (the exit statement).</summary>
        public int? ExitCode { get; private set; }

        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

        public override Guid InstanceId => _id;

        public override string Name => "DockerPS.TextHost";

        public override PSHostUserInterface UI => _ui;

        public override Version Version => new Version(1, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported.");

        public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported.");

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
    }

    internal sealed class TextHostUI : PSHostUserInterface
    {
        private readonly TextWriter _out;
        private readonly TextHostRawUI _raw;

        internal TextHostUI(TextWriter output, int width)
        {
            _out = output;
            _raw = new TextHostRawUI(width);
        }

        public override PSHostRawUserInterface RawUI => _raw;

        // The formatter emits ANSI; GetOutputString strips it for a host without virtual terminal support.
        public override void Write(string value) => _out.Write(GetOutputString(value, false));

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

        public override void WriteLine(string value) => _out.WriteLine(GetOutputString(value, false));

        public override void WriteErrorLine(string value) => _out.WriteLine(GetOutputString(value, false));

        public override void WriteDebugLine(string message) => _out.WriteLine("DEBUG: " + message);

        public override void WriteVerboseLine(string message) => _out.WriteLine("VERBOSE: " + message);

        public override void WriteWarningLine(string message) => _out.WriteLine("WARNING: " + message);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override string ReadLine() => throw new PSInvalidOperationException("This host cannot read input.");

        public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("This host cannot read input.");

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new PSInvalidOperationException("This host cannot prompt: " + message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new PSInvalidOperationException("This host cannot prompt for credentials: " + message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new PSInvalidOperationException("This host cannot prompt for credentials: " + message);

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new PSInvalidOperationException("This host cannot prompt: " + message);
    }

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
