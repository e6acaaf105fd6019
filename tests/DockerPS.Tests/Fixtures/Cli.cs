using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace DockerPS.Tests.Fixtures
{
    /// <summary>Runs a witness program (docker, git, tar) and gives its exit code with stdout and stderr together.</summary>
    public static class Cli
    {
        public static (int Code, string Output) Run(string program, IDictionary<string, string>? env, params string[] arguments) =>
            RunWithInput(program, null, env, arguments);

        /// <summary>As <see cref="Run"/>, with the file <paramref name="stdin"/> (when given) fed to standard input.</summary>
        public static (int Code, string Output) RunWithInput(string program, string? stdin, IDictionary<string, string>? env, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin != null };
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            foreach (var kv in env ?? new Dictionary<string, string>())
            {
                start.Environment[kv.Key] = kv.Value;
            }

            using Process p = Process.Start(start)!;
            if (stdin != null)
            {
                using (FileStream f = File.OpenRead(stdin))
                {
                    f.CopyTo(p.StandardInput.BaseStream);
                }

                p.StandardInput.Close();
            }

            var stderr = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output + stderr.Result);
        }

        /// <summary>Starts a program that runs beside the test (a server); the caller kills it.</summary>
        public static Process Start(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            Process p = Process.Start(start)!;
            p.OutputDataReceived += (_, _) => { };
            p.ErrorDataReceived += (_, _) => { };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return p;
        }
    }
}
