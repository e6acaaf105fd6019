using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

// Usage: DockerPS.Net8Check <module folder> <engine address>. Prints what it loaded and exits 0, or the failure and 1.
// It reaches DockerPS's internal loader by reflection on purpose: that is the exact code path PowerShell 7.4 takes.
string moduleDir = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
string address = args.Length > 1 ? args[1] : "unix:///var/run/docker.sock";
try
{
    Console.WriteLine($"runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
    Assembly dockerPs = Assembly.LoadFrom(Path.Combine(moduleDir, "DockerPS.dll"));
    Type loader = dockerPs.GetType("DockerPS.Engine.EngineLoader", throwOnError: true)!;
    object factory = loader.GetProperty("Factory", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
    Type endpointType = dockerPs.GetType("DockerPS.Connection.EngineEndpoint", throwOnError: true)!;
    object endpoint = Activator.CreateInstance(endpointType, new Uri(address), "net8 check", null, null)!;

    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    object engine = await Invoke(factory, "ConnectAsync", endpoint, TimeSpan.FromSeconds(10), cts.Token);
    object version = await Invoke(engine, "GetVersionAsync", cts.Token);
    Type queryType = dockerPs.GetType("DockerPS.Engine.ContainerListQuery", throwOnError: true)!;
    object query = Activator.CreateInstance(queryType)!;
    queryType.GetProperty("All")!.SetValue(query, true);
    var containers = (ICollection)await Invoke(engine, "ListContainersAsync", query, cts.Token);
    // /system/df is parsed by the adapter's own System.Text.Json code (the library's model drops the 1.41 shape): the
    // path that needs the adapter's System.Text.Json version, not just Docker.DotNet's.
    object usage = await Invoke(engine, "GetDiskUsageAsync", cts.Token);

    Assembly? json = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "System.Text.Json" && a != typeof(object).Assembly);
    Console.WriteLine($"engine {version} answered; {containers.Count} containers listed; disk usage read ({usage.GetType().Name})");
    foreach (Assembly a in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name is "System.Text.Json" or "Docker.DotNet" or "DockerPS.Engine"))
    {
        Console.WriteLine($"loaded {a.GetName().Name} {a.GetName().Version} in '{System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a)?.Name}' from {a.Location}");
        // The ReadyToRun copies are compiled for .NET 10; on .NET 8 the IL copies must be the ones loaded.
        if (a.Location.Contains("net10.0-", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{a.GetName().Name} came from the .NET 10 ReadyToRun folder on {Environment.Version}");
        }
    }

    Console.WriteLine("net8 check: passed");
    return 0;
}
catch (Exception e)
{
    Console.WriteLine("net8 check: FAILED: " + e.GetBaseException().GetType().Name + ": " + e.GetBaseException().Message);
    return 1;
}

static async Task<object> Invoke(object target, string method, params object?[] arguments)
{
    MethodInfo m = target.GetType().GetInterfaces().Select(i => i.GetMethod(method)).First(x => x != null)!;
    var task = (Task)m.Invoke(target, arguments)!;
    await task.ConfigureAwait(false);
    return task.GetType().GetProperty("Result")!.GetValue(task)!;
}
