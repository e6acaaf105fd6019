using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Starts an interactive session in a container (docker exec -it, or docker attach with -Attach) in a real console:
    /// keystrokes go in raw, output comes out raw, the window size follows the console, and the detach keys
    /// (ctrl-p,ctrl-q by default) leave the session.
    /// </summary>
    [Cmdlet(VerbsCommon.Enter, "Container", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(void))]
    public sealed class EnterContainerCommand : ContainerCmdlet
    {
        /// <summary>The command to run interactively; sh when not given.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Command { get; set; } = { "sh" };

        /// <summary>Attach to the container's main process instead of starting a new one (docker attach).</summary>
        [Parameter]
        public SwitchParameter Attach { get; set; }

        /// <summary>Run as this user (not with -Attach).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? User { get; set; }

        /// <summary>The directory the command starts in (not with -Attach).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? WorkingDirectory { get; set; }

        /// <summary>The keys that leave the session, in docker's notation: ctrl-p,ctrl-q by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DetachKeys { get; set; } = "ctrl-p,ctrl-q";

        /// <summary>Whether this host gives raw access to a real console (pwsh/powershell.exe in a terminal).</summary>
        internal static bool HasInteractiveConsole(System.Management.Automation.Host.PSHost host)
        {
            try
            {
                return host.Name == "ConsoleHost" && host.UI?.RawUI != null && !Console.IsInputRedirected && !Console.IsOutputRedirected;
            }
            catch (Exception e) when (e is IOException || e is NotImplementedException || e is InvalidOperationException)
            {
                return false;
            }
        }

        protected override void BeginProcessing()
        {
            System.Management.Automation.Host.PSHost host = ((PSCmdlet)this).Host;
            if (!HasInteractiveConsole(host))
            {
                var e = new PSInvalidOperationException(
                    $"Enter-Container needs an interactive console (pwsh in a terminal); this host is '{host.Name}' or its input is redirected. " +
                    "Use Invoke-ContainerCommand to run commands from scripts.");
                ThrowTerminatingError(ErrorMapper.Record(e, ErrorIds.InteractiveConsoleRequired, ErrorCategory.InvalidOperation, host.Name));
            }
        }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            bool savedCtrlC = Console.TreatControlCAsInput;
            Console.TreatControlCAsInput = true; // Ctrl+C goes to the container's process, as in docker exec -it.
            try
            {
                TryCall(ct => SessionAsync(target, engine, ct), "Container", target.UserInput, out bool _);
            }
            finally
            {
                Console.TreatControlCAsInput = savedCtrlC;
            }
        }

        private async Task<bool> SessionAsync(ItemTarget target, IDockerEngine engine, CancellationToken ct)
        {
            ContainerIdentity who = await engine.ResolveContainerAsync(target.Reference, ct).ConfigureAwait(false);
            string? execId = null;
            IContainerStream stream;
            if (Attach.IsPresent)
            {
                stream = await engine.AttachContainerAsync(who.Id, DetachKeys, ct).ConfigureAwait(false);
            }
            else
            {
                var spec = new ExecSpec { Command = Command, User = User, WorkingDirectory = WorkingDirectory, Tty = true, AttachStdin = true, DetachKeys = DetachKeys };
                spec.Environment.Add("TERM=" + (System.Environment.GetEnvironmentVariable("TERM") ?? "xterm"));
                execId = await engine.CreateExecAsync(who.Id, spec, ct).ConfigureAwait(false);
                stream = await engine.StartExecAsync(execId, true, ct).ConfigureAwait(false);
            }

            using (stream)
            using (var session = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                DisposeOnStop(stream);
                Task resize = ResizeLoopAsync(engine, who, execId, session.Token);
                Task keys = Task.Run(() => KeyLoopAsync(stream, session.Token), session.Token);
                using Stream stdout = Console.OpenStandardOutput();
                var buffer = new byte[16 * 1024];
                while (true)
                {
                    StreamChunk chunk = await stream.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
                    if (chunk.End)
                    {
                        break;
                    }

                    await stdout.WriteAsync(buffer, 0, chunk.Count, ct).ConfigureAwait(false);
                    await stdout.FlushAsync(ct).ConfigureAwait(false);
                }

                session.Cancel();
                await Task.WhenAny(Task.WhenAll(resize, keys), Task.Delay(500, CancellationToken.None)).ConfigureAwait(false);
            }

            return true;
        }

        private static async Task KeyLoopAsync(IContainerStream stream, CancellationToken ct)
        {
            var utf8 = new UTF8Encoding(false);
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    if (!Console.KeyAvailable)
                    {
                        await Task.Delay(10, ct).ConfigureAwait(false);
                        continue;
                    }

                    byte[] bytes = utf8.GetBytes(KeyText(Console.ReadKey(intercept: true)));
                    if (bytes.Length > 0)
                    {
                        await stream.WriteAsync(bytes, 0, bytes.Length, ct).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
            }
        }

        /// <summary>What a terminal sends for a key: the character, or the VT escape sequence of a special key.</summary>
        internal static string KeyText(ConsoleKeyInfo key)
        {
            switch (key.Key)
            {
                case ConsoleKey.UpArrow: return "\u001b[A";
                case ConsoleKey.DownArrow: return "\u001b[B";
                case ConsoleKey.RightArrow: return "\u001b[C";
                case ConsoleKey.LeftArrow: return "\u001b[D";
                case ConsoleKey.Home: return "\u001b[H";
                case ConsoleKey.End: return "\u001b[F";
                case ConsoleKey.Delete: return "\u001b[3~";
                case ConsoleKey.PageUp: return "\u001b[5~";
                case ConsoleKey.PageDown: return "\u001b[6~";
                case ConsoleKey.Enter: return "\r";
                case ConsoleKey.Backspace: return "\u007f";
                case ConsoleKey.Tab: return "\t";
                case ConsoleKey.Escape: return "\u001b";
            }

            if ((key.Modifiers & ConsoleModifiers.Control) != 0 && key.Key >= ConsoleKey.A && key.Key <= ConsoleKey.Z)
            {
                return ((char)(key.Key - ConsoleKey.A + 1)).ToString();
            }

            return key.KeyChar == '\0' ? string.Empty : key.KeyChar.ToString();
        }

        private static async Task ResizeLoopAsync(IDockerEngine engine, ContainerIdentity who, string? execId, CancellationToken ct)
        {
            int width = 0;
            int height = 0;
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    int w = Console.WindowWidth;
                    int h = Console.WindowHeight;
                    if (w != width || h != height)
                    {
                        width = w;
                        height = h;
                        if (execId != null)
                        {
                            await engine.ResizeExecAsync(execId, w, h, ct).ConfigureAwait(false);
                        }
                        else if (who.Tty)
                        {
                            await engine.ResizeContainerTtyAsync(who.Id, w, h, ct).ConfigureAwait(false);
                        }
                    }

                    await Task.Delay(250, ct).ConfigureAwait(false);
                }
            }
            catch (Exception)
            {
                // Resizing is best effort: the session goes on at the old size.
            }
        }
    }
}
