using System.CommandLine;
using Scheduler.Benchmarks.Benchmarks;
using Scheduler.Benchmarks.Cluster;

// Benchmarks of LocalKube against an in-process server on 127.0.0.1; see README.md for what each measures.
var root = new RootCommand("LocalKube and agent benchmarks: pod-startup, exec-rtt, churn, agent-latency, throughput") { PodStartup(), ExecRtt(), Churn(), AgentLatency(), Throughput() };
return await root.Parse(args).InvokeAsync();

static Command PodStartup()
{
    var count = Bounded("--count", "Pods to measure", 200, 1000);
    var parallel = Bounded("--parallel", "Closed-loop workers creating pods at once", 1, 32);
    return Benchmark("pod-startup", "Pod create → Running latency through one watch, against a GET and a direct process start",
        TimeSpan.FromMinutes(5), [count, parallel],
        (parse, cluster, ct) => new PodStartupBenchmark(parse.GetValue(count), parse.GetValue(parallel)).RunAsync(cluster, ct));
}

static Command ExecRtt()
{
    var count = Bounded("--count", "Iterations of each command", 300, 5000);
    return Benchmark("exec-rtt", "Exec round trip through KubernetesClient's WebSocket exec, against running the command directly",
        TimeSpan.FromMinutes(5), [count],
        (parse, cluster, ct) => new ExecRttBenchmark(parse.GetValue(count)).RunAsync(cluster, ct));
}

static Command Churn()
{
    var count = Bounded("--count", "Pods to create and delete, in batches of 50", 1000, 5000);
    var parallel = Bounded("--parallel", "Create/delete requests in flight at once", 10, 50);
    var keepEvents = new Option<bool>("--keep-events") { Description = "Keep the Events LocalKube records instead of deleting them after each batch" };
    return Benchmark("churn", "Create and delete pods in batches; check for leaked processes, fds, memory and pod directories",
        TimeSpan.FromMinutes(6), [count, parallel, keepEvents],
        (parse, cluster, ct) => new ChurnBenchmark(parse.GetValue(count), batchSize: 50, parse.GetValue(parallel), parse.GetValue(keepEvents))
            .RunAsync(cluster, ct));
}

static Command AgentLatency()
{
    var count = Bounded("--count", "One-step tasks to run through the agent", 100, 1000);
    var parallel = Bounded("--parallel", "Closed-loop workers submitting a task and awaiting its end", 1, 32);
    return Benchmark("agent-latency", "One agent replica's submit → claim → pod created → Running → first step → end latencies, against a bare pod and an exec",
        TimeSpan.FromMinutes(5), [count, parallel],
        (parse, cluster, ct) => new AgentLatencyBenchmark(parse.GetValue(count), parse.GetValue(parallel)).RunAsync(cluster, ct));
}

static Command Throughput()
{
    var count = Bounded("--count", "Jobs per run (bare loop at concurrency 1 and --parallel; agent on 1 SQLite, 1 and 3 PostgreSQL replicas)", 200, 1000);
    var parallel = Bounded("--parallel", "Closed-loop workers, each running one job at a time", 20, 32);
    return Benchmark("throughput", "Jobs/s of trivial jobs: a bare KubernetesClient loop (the limit) against the agent through its HTTP API on 1 and 3 replicas, with journal rows per job",
        TimeSpan.FromMinutes(15), [count, parallel],
        (parse, cluster, ct) => new ThroughputBenchmark(parse.GetValue(count), parse.GetValue(parallel)).RunAsync(cluster, ct));
}

static Command Benchmark(string name, string description, TimeSpan limit, Option[] options,
    Func<ParseResult, BenchmarkCluster, CancellationToken, Task<bool>> body)
{
    var command = new Command(name, $"{description} (stops after {limit.TotalMinutes:0} min at most)");
    foreach (var option in options)
        command.Options.Add(option);
    command.SetAction((parse, ct) => BenchmarkRun.RunAsync(name, limit, (cluster, token) => body(parse, cluster, token), ct));
    return command;
}

// Every count has an upper bound, so no run grows without limit.
static Option<int> Bounded(string name, string description, int defaultValue, int max)
{
    var option = new Option<int>(name) { Description = $"{description} (default {defaultValue}, 1..{max})", DefaultValueFactory = _ => defaultValue };
    option.Validators.Add(result =>
    {
        var value = result.GetValueOrDefault<int>();
        if (value < 1 || value > max)
            result.AddError($"{name} must be between 1 and {max}");
    });
    return option;
}
