using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using DockerPS.Connection;
using DockerPS.Engine;
using DockerPS.Errors;

namespace DockerPS.Tests.Fakes
{
    /// <summary>
    /// An IDockerEngine that answers only what a test tells it (by method name) and records every call, so parameter
    /// sets, -WhatIf and ErrorIds are checked in milliseconds without an engine. A call nobody answered fails the
    /// test with the method's name. Built with DispatchProxy, so it follows the seam as it grows.
    /// </summary>
    public class FakeEngine : DispatchProxy
    {
        private readonly ConcurrentDictionary<string, Func<object?[], object?>> _answers = new ConcurrentDictionary<string, Func<object?[], object?>>(StringComparer.Ordinal);

        /// <summary>The calls so far: method name and arguments (the cancellation token left out).</summary>
        public ConcurrentQueue<(string Method, object?[] Args)> Calls { get; } = new ConcurrentQueue<(string, object?[])>();

        internal EngineEndpoint Endpoint { get; set; } = null!;

        /// <summary>Answers <paramref name="method"/> with what <paramref name="answer"/> returns (or throws).</summary>
        public FakeEngine On(string method, Func<object?[], object?> answer)
        {
            _answers[method] = answer;
            return this;
        }

        /// <summary>Answers <paramref name="method"/> with the engine error docker would give: its status and message.</summary>
        public FakeEngine Fail(string method, int status, string message) =>
            On(method, _ => throw new DockerEngineException(status, message, Endpoint.Address));

        public string[] Called => Calls.Select(c => c.Method).ToArray();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            MethodInfo method = targetMethod!;
            args ??= Array.Empty<object?>();
            switch (method.Name)
            {
                case "get_Endpoint":
                    return Endpoint;
                case "get_ApiVersion":
                    return "1.41";
                case "Dispose":
                    return null;
            }

            string name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name.Substring(0, method.Name.Length - 5) : method.Name;
            Calls.Enqueue((name, args.Where(a => !(a is System.Threading.CancellationToken)).ToArray()));
            Type returns = method.ReturnType;
            Type? result = returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>) ? returns.GetGenericArguments()[0] : null;
            try
            {
                if (!_answers.TryGetValue(name, out Func<object?[], object?>? answer))
                {
                    throw new InvalidOperationException($"The fake engine was not told how to answer {name}.");
                }

                object? value = answer(args);
                if (returns == typeof(Task))
                {
                    return Task.CompletedTask;
                }

                return result != null ? FromResult(result, value) : value;
            }
            catch (Exception e) when (returns == typeof(Task) || result != null)
            {
                // An async member fails as the adapter's do: through its task, not at the call.
                object source = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(result ?? typeof(bool)))!;
                source.GetType().GetMethod("SetException", new[] { typeof(Exception) })!.Invoke(source, new object[] { e });
                return source.GetType().GetProperty("Task")!.GetValue(source);
            }
        }

        private static object FromResult(Type type, object? value) =>
            typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(type).Invoke(null, new[] { value })!;
    }
}
