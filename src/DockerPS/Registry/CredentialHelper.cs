using System;
using System.Diagnostics;

namespace DockerPS.Registry
{
    /// <summary>A docker credential helper failed or could not be run; the message never holds the secret.</summary>
    internal sealed class CredentialHelperException : InvalidOperationException
    {
        public CredentialHelperException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Runs docker-credential-&lt;name&gt; the way the docker CLI does: the action (get, store, erase) as the only argument,
    /// the server URL or a JSON document on stdin, the answer on stdout.
    /// </summary>
    internal static class CredentialHelper
    {
        /// <summary>What helpers print when they hold nothing for a server.</summary>
        public const string NotFoundMessage = "credentials not found in native keychain";

        private const int TimeoutMilliseconds = 30000;

        public static string ProgramName(string helper) => "docker-credential-" + helper;

        /// <summary>Runs one action; returns the exit code and stdout (stderr is read and dropped, as the CLI does).</summary>
        public static int Run(string helper, string action, string input, out string output)
        {
            string program = ProgramName(helper);
            var start = new ProcessStartInfo(program, action)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new CredentialHelperException(program + " did not start.");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new CredentialHelperException($"The docker config names the credential helper '{helper}', but {program} cannot be run: {e.Message}");
            }

            using (process)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
                var stderr = process.StandardError.ReadToEndAsync();
                output = process.StandardOutput.ReadToEnd();
                if (!process.WaitForExit(TimeoutMilliseconds))
                {
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }

                    throw new CredentialHelperException($"{program} {action} did not answer within {TimeoutMilliseconds / 1000} s.");
                }

                stderr.Wait();
                return process.ExitCode;
            }
        }

        /// <summary>Whether a helper's answer means it holds nothing for the server.</summary>
        public static bool IsNotFound(string output) => output.IndexOf(NotFoundMessage, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The helper's own words for a failure, with the secret blanked out in case a helper echoes its input.</summary>
        public static string Describe(string helper, string action, int exitCode, string output, string? secret)
        {
            string text = output.Trim();
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "***");
            }

            return $"{ProgramName(helper)} {action} failed (exit code {exitCode})" + (text.Length > 0 ? ": " + text : ".");
        }
    }
}
