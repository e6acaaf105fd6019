using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Lists the processes running in containers (docker top), one object per process.</summary>
    [Cmdlet(VerbsCommon.Get, "ContainerProcess", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(ContainerProcess))]
    public sealed class GetContainerProcessCommand : WildcardContainerCmdlet
    {
        /// <summary>Options for ps on the engine's host, such as 'aux' or '-o pid,comm'; the engine's default is -ef.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PsArgument { get; set; }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (!TryCall(async ct => (await engine.ResolveContainerAsync(target.Reference, ct).ConfigureAwait(false),
                    await engine.ListContainerProcessesAsync(target.Reference, PsArgument, ct).ConfigureAwait(false)),
                    "Container", target.UserInput, out (ContainerIdentity Who, ContainerProcessTable Table) r))
            {
                return;
            }

            foreach (IList<string> row in r.Table.Rows)
            {
                var p = new ContainerProcess { ContainerName = r.Who.Name, ContainerId = r.Who.Id, Engine = r.Who.Engine };
                for (int i = 0; i < r.Table.Titles.Count && i < row.Count; i++)
                {
                    p.Fields[r.Table.Titles[i]] = row[i];
                }

                p.Pid = Int(p.Fields, "PID");
                p.ParentPid = Int(p.Fields, "PPID");
                p.User = Text(p.Fields, "UID", "USER");
                p.Command = Text(p.Fields, "CMD", "COMMAND", "COMM", "ARGS");
                WriteObject(p);
            }
        }

        private static int? Int(Dictionary<string, string> fields, string key) =>
            fields.TryGetValue(key, out string? v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : (int?)null;

        private static string Text(Dictionary<string, string> fields, params string[] keys)
        {
            foreach (string k in keys)
            {
                if (fields.TryGetValue(k, out string? v))
                {
                    return v;
                }
            }

            return string.Empty;
        }
    }
}
