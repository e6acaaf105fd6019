using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Connection;

namespace DockerPS.Build
{
    /// <summary>
    /// docker build URL, done on the client as the docker CLI does: a Git repository is cloned with the git on PATH
    /// (url#ref:folder), anything else over HTTP(S) is downloaded and sent as an archive or as a lone Dockerfile.
    /// The engine's own remote= fetch is not used: Podman 4.3 ignores it, so every engine gets the same request.
    /// </summary>
    internal static class RemoteContext
    {
        // One client for the process: a new HttpClient per build would leave sockets behind.
        private static readonly HttpClient Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true }) { Timeout = Timeout.InfiniteTimeSpan };

        /// <summary>The URL forms the docker CLI treats as Git (moby's urlutil): git://, git@, github.com/, or http(s) ending in .git (before any #fragment).</summary>
        public static bool IsGit(string url)
        {
            if (url.StartsWith("git://", StringComparison.Ordinal) || url.StartsWith("git@", StringComparison.Ordinal) || url.StartsWith("github.com/", StringComparison.Ordinal))
            {
                return true;
            }

            int hash = url.IndexOf('#');
            string path = hash >= 0 ? url.Substring(0, hash) : url;
            return IsHttp(url) && path.EndsWith(".git", StringComparison.Ordinal);
        }

        public static bool IsHttp(string url) =>
            url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

        /// <summary>Streams the URL's body into <paramref name="file"/>, reporting bytes as they come; a status other than 2xx throws with the server's words.</summary>
        public static async Task DownloadAsync(string url, string file, Action<long, long?> progress, CancellationToken cancellationToken)
        {
            using HttpResponseMessage response = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new RemoteContextException($"Downloading the build context from {url} failed: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            long? total = response.Content.Headers.ContentLength;
            using Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var target = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: false);
            var buffer = new byte[81920];
            long done = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                target.Write(buffer, 0, read);
                done += read;
                progress(done, total);
            }
        }

        /// <summary>
        /// Clones <paramref name="url"/> (with an optional #ref:folder) into <paramref name="dir"/> and gives the
        /// context folder inside it: a shallow fetch of the ref (a branch, a tag or a commit; HEAD when none), the
        /// submodules, then checkout, as the docker CLI does. git's own words come back in the exception.
        /// </summary>
        public static string Clone(string url, string dir, CancellationToken cancellationToken)
        {
            string repository = url, reference = string.Empty, folder = string.Empty;
            int hash = url.IndexOf('#');
            if (hash >= 0)
            {
                repository = url.Substring(0, hash);
                string fragment = url.Substring(hash + 1);
                int colon = fragment.IndexOf(':');
                reference = colon >= 0 ? fragment.Substring(0, colon) : fragment;
                folder = colon >= 0 ? fragment.Substring(colon + 1) : string.Empty;
            }

            if (repository.StartsWith("github.com/", StringComparison.Ordinal))
            {
                repository = "https://" + repository;
            }

            Directory.CreateDirectory(dir);
            Git(cancellationToken, "init", "-q", dir);
            Git(cancellationToken, "-C", dir, "remote", "add", "origin", repository);
            string want = reference.Length > 0 ? reference : "HEAD";
            string checkout = "FETCH_HEAD";
            try
            {
                Git(cancellationToken, "-C", dir, "fetch", "-q", "--depth", "1", "origin", want);
            }
            catch (RemoteContextException)
            {
                // A commit id cannot be fetched shallow from most servers: fetch everything and check the ref out, as docker falls back to.
                Git(cancellationToken, "-C", dir, "fetch", "-q", "--tags", "origin");
                checkout = reference.Length > 0 ? reference : "FETCH_HEAD";
            }

            Git(cancellationToken, "-C", dir, "checkout", "-q", checkout);
            Git(cancellationToken, "-C", dir, "submodule", "update", "-q", "--init", "--recursive", "--depth", "1");
            string root = Path.GetFullPath(dir);
            string context = Path.GetFullPath(Path.Combine(root, folder));
            if (!(context + Path.DirectorySeparatorChar).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !Directory.Exists(context))
            {
                throw new RemoteContextException($"The folder '{folder}' named in {url} is not in the repository.");
            }

            return context;
        }

        /// <summary>Removes a clone; git's read-only object files would stop Directory.Delete on Windows.</summary>
        public static void DeleteClone(string dir)
        {
            if (!Directory.Exists(dir))
            {
                return;
            }

            try
            {
                foreach (string f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(f, FileAttributes.Normal);
                }

                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A file still open by a virus scanner: the temp folder keeps it; the build result does not depend on it.
            }
        }

        /// <summary>Runs git; a failure (or no git on PATH) throws with git's own error text. Ctrl+C kills it.</summary>
        private static void Git(CancellationToken cancellationToken, params string[] arguments)
        {
            var start = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            start.Arguments = ProcessArguments.Join(arguments);
            // Never prompt: a scheduled task has no one to type a password.
            start.EnvironmentVariables["GIT_TERMINAL_PROMPT"] = "0";
            Process git;
            try
            {
                git = Process.Start(start)!;
            }
            catch (Win32Exception e)
            {
                throw new RemoteContextException("A Git context URL is cloned with git, and no git was found on PATH (" + e.Message + ").");
            }

            using (git)
            {
                git.StandardInput.Close();
                Task<string> error = git.StandardError.ReadToEndAsync();
                Task<string> output = git.StandardOutput.ReadToEndAsync();
                using (cancellationToken.Register(() =>
                {
                    try
                    {
                        git.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }))
                {
                    git.WaitForExit();
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (git.ExitCode != 0)
                {
                    throw new RemoteContextException("git " + arguments[arguments[0] == "-C" ? 2 : 0] + " failed: " + error.Result.Trim() + output.Result.Trim());
                }
            }
        }


        /// <summary>Whether the file starts as an archive the engine unpacks (tar, gzip, bzip2, xz); otherwise it is taken as a Dockerfile, as docker does.</summary>
        public static bool IsArchive(string file)
        {
            var head = new byte[262];
            int n;
            using (var s = File.OpenRead(file))
            {
                n = s.Read(head, 0, head.Length);
                while (n < head.Length)
                {
                    int more = s.Read(head, n, head.Length - n);
                    if (more <= 0)
                    {
                        break;
                    }

                    n += more;
                }
            }

            bool Starts(params byte[] magic)
            {
                if (n < magic.Length)
                {
                    return false;
                }

                for (int i = 0; i < magic.Length; i++)
                {
                    if (head[i] != magic[i])
                    {
                        return false;
                    }
                }

                return true;
            }

            bool ustar = n >= 262 && head[257] == (byte)'u' && head[258] == (byte)'s' && head[259] == (byte)'t' && head[260] == (byte)'a' && head[261] == (byte)'r';
            return ustar || Starts(0x1f, 0x8b) || Starts((byte)'B', (byte)'Z', (byte)'h') || Starts(0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00);
        }
    }

    /// <summary>The server of a -ContextUrl refused or failed; the message keeps its status.</summary>
    internal sealed class RemoteContextException : Exception
    {
        public RemoteContextException(string message)
            : base(message)
        {
        }
    }
}
