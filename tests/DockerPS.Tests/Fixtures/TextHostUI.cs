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
}
