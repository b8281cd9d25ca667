using System.CommandLine;
using System.Net;
using Scheduler.LocalKube;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>sched localkube</c>: serves a LocalKube API server on 127.0.0.1 until Ctrl-C or SIGTERM, writing a kubeconfig for kubectl.
/// </summary>
public static class LocalKubeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 16443 };
        var address = new Option<string>("--address")
        {
            Description = "IP address to listen on, and the kubeconfig's server (e.g. a veth's, for another network namespace)",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        address.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && !IPAddress.TryParse(token.Value, out _))
                result.AddError($"--address must be an IP address, got \"{token.Value}\"");
        });
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "Where to write the kubeconfig", DefaultValueFactory = _ => "./localkube.kubeconfig" };
        var nodes = new Option<string?>("--nodes") { Description = "YAML or JSON file with the nodes (v1 Node list)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory for pod working directories (default: a temp dir, removed on exit)" };
        var eventTtl = new Option<TimeSpan>("--event-ttl")
        {
            Description = "How long Events are kept after their last write, like kube-apiserver's --event-ttl (hh:mm:ss)",
            DefaultValueFactory = _ => TimeSpan.FromHours(1),
        };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Log every request to stderr (method, path, status, duration); without it only rejected requests are logged",
        };
        var command = new Command("localkube", "Run a loopback Kubernetes API server whose pods are local processes") { port, address, kubeconfig, nodes, dataDir, eventTtl, verbose };
        command.SetAction((parse, ct) => RunAsync(
            new LocalKubeOptions
            {
                Port = parse.GetValue(port),
                Address = IPAddress.Parse(parse.GetValue(address)!),
                NodesFile = parse.GetValue(nodes),
                DataDirectory = parse.GetValue(dataDir),
                EventTtl = parse.GetValue(eventTtl),
                LogAllRequests = parse.GetValue(verbose),
            },
            Path.GetFullPath(parse.GetValue(kubeconfig)!),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(LocalKubeOptions options, string kubeconfigPath, CancellationToken ct)
    {
        // System.CommandLine turns SIGTERM and SIGINT into cancelling ct. A second registration of our own
        // raced it: its handler runs on the thread pool and could find its token source already disposed.
        await using var server = await LocalKubeServer.StartAsync(options, ct);
        server.WriteKubeconfig(kubeconfigPath);
        Console.WriteLine($"LocalKube is serving at {server.BaseUri}");
        Console.WriteLine($"Kubeconfig written to {kubeconfigPath}");
        Console.WriteLine($"Try: kubectl --kubeconfig {kubeconfigPath} get nodes");
        Console.WriteLine("Press Ctrl-C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
        Console.WriteLine("LocalKube stopping: killing pod processes.");
        return 0;
    }
}
