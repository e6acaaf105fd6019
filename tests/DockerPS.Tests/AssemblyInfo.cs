// Tests share one process: environment variables (DOCKER_HOST, DOCKER_API_VERSION) and the engine are global,
// so test classes run one after another.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
