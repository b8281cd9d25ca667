using System.CommandLine;
using Scheduler.Benchmarks.Benchmarks;

// Benchmarks of LocalKube against an in-process server on 127.0.0.1; see README.md for what each measures.
var root = new RootCommand("LocalKube benchmarks: pod-startup, exec-rtt, churn")
{
    Benchmark("pod-startup", "Pod create → Running latency through one watch, against a GET and a direct process start", TimeSpan.FromMinutes(5),
        new Limits("--count", 200, 1000), new Limits("--parallel", 1, 32),
        (n, p, cluster, ct) => new PodStartupBenchmark(n, p).RunAsync(cluster, ct)),
    Benchmark("exec-rtt", "Exec round trip through KubernetesClient's WebSocket exec, against running the command directly", TimeSpan.FromMinutes(5),
        new Limits("--count", 300, 5000), null,
        (n, _, cluster, ct) => new ExecRttBenchmark(n).RunAsync(cluster, ct)),
    Benchmark("churn", "Create and delete pods in batches of 50; check for leaked processes, fds, memory and pod directories", TimeSpan.FromMinutes(6),
        new Limits("--count", 1000, 5000), new Limits("--parallel", 10, 50),
        (n, p, cluster, ct) => new ChurnBenchmark(n, batchSize: 50, p).RunAsync(cluster, ct)),
};
return await root.Parse(args).InvokeAsync();

static Command Benchmark(string name, string description, TimeSpan limit, Limits count, Limits? parallel,
    Func<int, int, Scheduler.Benchmarks.Cluster.BenchmarkCluster, CancellationToken, Task<bool>> body)
{
    var countOption = count.ToOption("How many pods or iterations");
    var parallelOption = parallel?.ToOption("Requests or workers in flight at once");
    var command = new Command(name, $"{description} (stops after {limit.TotalMinutes:0} min at most)") { countOption };
    if (parallelOption is not null)
        command.Options.Add(parallelOption);
    command.SetAction((parse, ct) => BenchmarkRun.RunAsync(name, limit,
        (cluster, token) => body(parse.GetValue(countOption), parallelOption is null ? 1 : parse.GetValue(parallelOption), cluster, token), ct));
    return command;
}

/// <summary>An integer option with a default and an upper bound, so no run grows unbounded.</summary>
internal sealed record Limits(string Name, int Default, int Max)
{
    public Option<int> ToOption(string description)
    {
        var option = new Option<int>(Name) { Description = $"{description} (default {Default}, 1..{Max})", DefaultValueFactory = _ => Default };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < 1 || value > Max)
                result.AddError($"{Name} must be between 1 and {Max}");
        });
        return option;
    }
}
