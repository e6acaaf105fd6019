using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace DockerPS.Console
{
    /// <summary>
    /// dockerps-console [-Module &lt;psd1&gt;] (-File &lt;script.ps1&gt; [args] | -Command &lt;text&gt;)
    /// Runs PowerShell like pwsh -NonInteractive: output is rendered through the format views, errors are printed,
    /// and the exit code is the script's exit code (exit N), 1 after a terminating error, else 0.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string? module = null;
            string? file = null;
            string? command = null;
            int i = 0;
            for (; i < args.Length; i++)
            {
                switch (args[i].ToLowerInvariant())
                {
                    case "-module": module = args[++i]; continue;
                    case "-file": file = args[++i]; i++; break;
                    case "-command": command = string.Join(" ", args, i + 1, args.Length - i - 1); i = args.Length; break;
                    default:
                        System.Console.Error.WriteLine($"dockerps-console: unknown argument '{args[i]}'. Usage: dockerps-console [-Module <psd1>] (-File <script.ps1> [args] | -Command <text>)");
                        return 2;
                }

                break;
            }

            if (file == null && command == null)
            {
                System.Console.Error.WriteLine("dockerps-console: give -File <script.ps1> or -Command <text>.");
                return 2;
            }

            var host = new TextHost(System.Console.Out, System.Console.IsOutputRedirected ? 160 : Math.Max(80, SafeWidth()));
            var iss = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows())
            {
                iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            }

            using Runspace runspace = RunspaceFactory.CreateRunspace(host, iss);
            runspace.Open();
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = runspace;
            if (module != null)
            {
                ps.AddCommand("Import-Module").AddParameter("Name", Path.GetFullPath(module)).AddParameter("ErrorAction", "Stop").AddStatement();
            }

            if (file != null)
            {
                ps.AddCommand(Path.GetFullPath(file));
                // pwsh -File semantics: -Name value binds a parameter, a lone -Name is a switch, the rest are positional.
                for (int a = i; a < args.Length; a++)
                {
                    string arg = args[a];
                    bool isName = arg.Length > 1 && arg[0] == '-' && !char.IsDigit(arg[1]);
                    if (!isName)
                    {
                        ps.AddArgument(arg);
                    }
                    else if (a + 1 < args.Length && !(args[a + 1].Length > 1 && args[a + 1][0] == '-' && !char.IsDigit(args[a + 1][1])))
                    {
                        ps.AddParameter(arg.Substring(1), args[++a]);
                    }
                    else
                    {
                        ps.AddParameter(arg.Substring(1));
                    }
                }
            }
            else
            {
                ps.AddScript(command!);
            }

            // Errors of the script go down the pipeline to Out-Default, which prints them as pwsh does.
            ps.Commands.Commands[ps.Commands.Commands.Count - 1].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            ps.AddCommand("Out-Default");
            try
            {
                ps.Invoke();
            }
            catch (RuntimeException e)
            {
                System.Console.Out.Flush();
                System.Console.Error.WriteLine(e.ErrorRecord?.ToString() ?? e.Message);
                return host.ExitCode ?? 1;
            }

            // Errors that never reached Out-Default (binding the script itself, for one) are printed here.
            foreach (ErrorRecord error in ps.Streams.Error)
            {
                System.Console.Error.WriteLine(error.ToString());
            }

            if (host.ExitCode.HasValue)
            {
                return host.ExitCode.Value;
            }

            // As pwsh -File: 0 unless the script said otherwise with exit, or ended on a terminating error (above).
            return 0;
        }

        private static int SafeWidth()
        {
            try
            {
                return System.Console.WindowWidth;
            }
            catch (IOException)
            {
                return 160;
            }
        }
    }
}
