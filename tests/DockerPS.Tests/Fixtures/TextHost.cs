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
}
