using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Arguments;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;
using DockerPS.Streams;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Runs a command in a running container (docker exec) and returns its output and exit code. A non-zero exit is
    /// not an error by itself, as with native commands: read ExitCode/Succeeded or $LASTEXITCODE, or add
    /// -ErrorOnExitCode to get a ContainerCommandFailed error. Piped input goes to the command's stdin.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ContainerCommand", DefaultParameterSetName = NameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ContainerCommandResult), typeof(string))]
    public sealed class InvokeContainerCommandCommand : ContainerCmdlet
    {
        private readonly List<string> _input = new List<string>();
        private bool _deferred;

        /// <summary>The command and its arguments, one array element each: 'ls', '-l', '/'.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Command { get; set; } = Array.Empty<string>();

        /// <summary>Run as this user: name, uid, or user:group.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? User { get; set; }

        /// <summary>The directory the command starts in.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? WorkingDirectory { get; set; }

        /// <summary>Extra environment variables: @{ NAME = 'value' }.</summary>
        [Parameter]
        [KeyValueTransformation(Bare = BareKey.FromEnvironment, What = "environment variable")]
        public Hashtable? Environment { get; set; }

        /// <summary>Give the command extended privileges.</summary>
        [Parameter]
        public SwitchParameter Privileged { get; set; }

        /// <summary>Start the command and return at once; it runs on in the background.</summary>
        [Parameter]
        public SwitchParameter Detach { get; set; }

        /// <summary>Text for the command's stdin: each value is written as a line, then stdin is closed.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowEmptyString]
        public object[]? Input { get; set; }

        /// <summary>Write stdout as lines of text instead of one result object; stderr lines go to the information stream.</summary>
        [Parameter]
        public SwitchParameter AsText { get; set; }

        /// <summary>Write a non-terminating ContainerCommandFailed error when the command exits with a non-zero code.</summary>
        [Parameter]
        public SwitchParameter ErrorOnExitCode { get; set; }

        protected override void ProcessRecord()
        {
            if (Input != null && MyInvocation.ExpectingInput)
            {
                // Piped input is stdin: gather it and run once, at the end.
                foreach (object o in Input)
                {
                    _input.Add(LanguagePrimitives.ConvertTo<string>(o) ?? string.Empty);
                }

                _deferred = true;
                return;
            }

            if (Input != null)
            {
                _input.AddRange(Input.Select(o => LanguagePrimitives.ConvertTo<string>(o) ?? string.Empty));
            }

            base.ProcessRecord();
        }

        protected override void EndProcessing()
        {
            if (_deferred)
            {
                base.ProcessRecord();
            }
        }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            string commandLine = string.Join(" ", Command);
            if (!ShouldProcess(Describe(target), $"Run '{commandLine}'"))
            {
                return;
            }

            var spec = new ExecSpec
            {
                Command = Command.ToList(),
                User = User,
                WorkingDirectory = WorkingDirectory,
                Privileged = Privileged.IsPresent,
                AttachStdin = !Detach.IsPresent && Input != null,
                AttachOutput = !Detach.IsPresent,
            };
            if (Environment != null)
            {
                foreach (DictionaryEntry e in Environment)
                {
                    spec.Environment.Add(e.Value == null ? e.Key.ToString() : e.Key + "=" + LanguagePrimitives.ConvertTo<string>(e.Value is PSObject p ? p.BaseObject : e.Value));
                }
            }

            if (TryCall(ct => RunAsync(target, engine, spec, ct), "Container", target.UserInput, out ContainerCommandResult result))
            {
                if (result.ExitCode.HasValue)
                {
                    SessionState.PSVariable.Set("global:LASTEXITCODE", result.ExitCode.Value);
                }

                if (!AsText.IsPresent)
                {
                    WriteObject(result);
                }

                if (ErrorOnExitCode.IsPresent && result.ExitCode.HasValue && result.ExitCode.Value != 0)
                {
                    var e = new InvalidOperationException($"'{commandLine}' in container '{result.ContainerName}' exited with code {result.ExitCode.Value}."
                        + (result.Stderr.Length > 0 ? " " + result.Stderr.Trim() : string.Empty));
                    var record = ErrorMapper.Record(e, ErrorIds.ContainerCommandFailed, ErrorCategory.InvalidResult, target.UserInput);
                    WriteError(record);
                }
            }
        }

        private async Task<ContainerCommandResult> RunAsync(ItemTarget target, IDockerEngine engine, ExecSpec spec, CancellationToken ct)
        {
            ContainerIdentity who = await engine.ResolveContainerAsync(target.Reference, ct).ConfigureAwait(false);
            string execId = await engine.CreateExecAsync(who.Id, spec, ct).ConfigureAwait(false);
            var result = new ContainerCommandResult
            {
                ContainerName = who.Name,
                ContainerId = who.Id,
                ExecId = execId,
                Command = spec.Command.ToArray(),
                Engine = who.Engine,
            };
            if (Detach.IsPresent)
            {
                await engine.StartExecDetachedAsync(execId, ct).ConfigureAwait(false);
                return result;
            }

            var stdoutText = new StringBuilder();
            var stderrText = new StringBuilder();
            using (IContainerStream stream = await engine.StartExecAsync(execId, false, ct).ConfigureAwait(false))
            {
                DisposeOnStop(stream);

                // Docker.DotNet#388: reading and writing one MultiplexedStream from one flow can deadlock; stdin goes on its own task.
                Task writer = spec.AttachStdin ? Task.Run(() => WriteInputAsync(stream, ct), ct) : Task.CompletedTask;
                var gate = new PostGate(4);
                var outDecoder = new LineDecoder();
                var errDecoder = new LineDecoder();
                var lines = new List<string>();
                var buffer = new byte[64 * 1024];
                var utf8 = new UTF8Encoding(false);
                Decoder outChars = utf8.GetDecoder();
                Decoder errChars = utf8.GetDecoder();
                var chars = new char[utf8.GetMaxCharCount(buffer.Length)];
                while (true)
                {
                    StreamChunk chunk = await stream.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
                    if (chunk.End)
                    {
                        break;
                    }

                    bool isErr = chunk.Kind == ContainerStreamKind.Stderr;
                    if (AsText.IsPresent)
                    {
                        (isErr ? errDecoder : outDecoder).Add(buffer, 0, chunk.Count, lines);
                        await SendLinesAsync(gate, lines, isErr, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        int n = (isErr ? errChars : outChars).GetChars(buffer, 0, chunk.Count, chars, 0, false);
                        (isErr ? stderrText : stdoutText).Append(chars, 0, n);
                    }
                }

                if (AsText.IsPresent)
                {
                    foreach ((LineDecoder d, bool isErr) in new[] { (outDecoder, false), (errDecoder, true) })
                    {
                        string? last = d.Flush();
                        if (last != null)
                        {
                            lines.Add(last);
                            await SendLinesAsync(gate, lines, isErr, ct).ConfigureAwait(false);
                        }
                    }
                }

                try
                {
                    await writer.ConfigureAwait(false);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // The process ended without reading all of its stdin: its exit code says what happened.
                }
            }

            result.Stdout = stdoutText.ToString();
            result.Stderr = stderrText.ToString();

            // The exec's state can lag its stream's end by a moment.
            for (int i = 0; i < 50; i++)
            {
                ExecState state = await engine.InspectExecAsync(execId, ct).ConfigureAwait(false);
                if (!state.Running && state.ExitCode.HasValue)
                {
                    result.ExitCode = (int)state.ExitCode.Value;
                    break;
                }

                await Task.Delay(20, ct).ConfigureAwait(false);
            }

            return result;
        }

        private async Task SendLinesAsync(PostGate gate, List<string> lines, bool isErr, CancellationToken ct)
        {
            if (lines.Count == 0)
            {
                return;
            }

            var batch = new List<string>(lines);
            lines.Clear();
            if (isErr)
            {
                await gate.SendAsync(batch, Post, l => WriteInformation(new InformationRecord(l, "stderr"), new[] { "stderr" }), ct).ConfigureAwait(false);
            }
            else
            {
                await gate.SendAsync(batch, Post, l => WriteObject(l), ct).ConfigureAwait(false);
            }
        }

        private async Task WriteInputAsync(IContainerStream stream, CancellationToken ct)
        {
            var utf8 = new UTF8Encoding(false);
            try
            {
                foreach (string line in _input)
                {
                    byte[] bytes = utf8.GetBytes(line + "\n");
                    await stream.WriteAsync(bytes, 0, bytes.Length, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                stream.CloseWrite();
            }
        }
    }
}
