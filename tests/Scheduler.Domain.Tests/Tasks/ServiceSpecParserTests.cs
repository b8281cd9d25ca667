using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Tasks;

public class ServiceSpecParserTests
{
    private const string Head = """
        resource_class: acme/large
        steps: [echo hi]

        """;

    private static TaskSpec Valid(string services)
    {
        var result = TaskSpecParser.Parse(Head + services);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Spec;
    }

    private static List<string> Errors(string services)
    {
        var result = TaskSpecParser.Parse(Head + services);
        Assert.False(result.IsValid);
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void Parses_every_field_of_a_service()
    {
        var spec = Valid("""
            services:
              - name: db
                image: postgres:16
                env: { POSTGRES_PASSWORD: test }
                port: 5432
              - name: mock
                image: registry.example.com/ci/mock@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
                command: ["mock-server", "--listen", ":8080"]
              - name: shell
                image: alpine:3.20
                command: sleep 2; exec nc -l -p 9000
            """);

        Assert.Equal(
            [
                new ServiceSpec("db", "postgres:16", null, new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = "test" }, 5432),
                new ServiceSpec("mock", "registry.example.com/ci/mock@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ["mock-server", "--listen", ":8080"], new Dictionary<string, string>(), null),
                new ServiceSpec("shell", "alpine:3.20", ["/bin/sh", "-c", "sleep 2; exec nc -l -p 9000"], new Dictionary<string, string>(), null),
            ],
            spec.Services);
    }

    [Fact]
    public void A_task_without_services_has_none()
    {
        Assert.Empty(Valid("").Services);
    }

    [Fact]
    public void Services_take_part_in_equality()
    {
        Assert.NotEqual(Valid(""), Valid("services: [{name: db, image: postgres:16}]"));
        Assert.Equal(Valid("services: [{name: db, image: postgres:16}]"), Valid("services: [{name: db, image: postgres:16}]"));
    }

    [Theory]
    [InlineData("services: [{name: db, image: 'postgres 16'}]", "services[0].image: \"postgres 16\" is not an image reference such as postgres:16")]
    [InlineData("services: [{name: db, image: 'postgres:'}]", "services[0].image: \"postgres:\" is not an image reference such as postgres:16")]
    [InlineData("services: [{name: db}]", "services[0].image: required")]
    [InlineData("services: [{image: postgres:16}]", "services[0].name: required")]
    [InlineData("services: [{name: Db_1, image: postgres:16}]", "services[0].name: invalid name \"Db_1\" (lowercase letters, digits and '-', at most 63, as a container name)")]
    [InlineData("services: [{name: primary, image: postgres:16}]", "services[0].name: \"primary\" is the task's own container")]
    [InlineData("services: [{name: db, image: postgres:16, port: 0}]", "services[0].port: must be a TCP port from 1 to 65535, got \"0\"")]
    [InlineData("services: [{name: db, image: postgres:16, port: 65536}]", "services[0].port: must be a TCP port from 1 to 65535, got \"65536\"")]
    [InlineData("services: [{name: db, image: postgres:16, port: http}]", "services[0].port: must be a TCP port from 1 to 65535, got \"http\"")]
    [InlineData("services: [{name: db, image: postgres:16, command: []}]", "services[0].command: must be a non-empty list of arguments, or a shell command string")]
    [InlineData("services: [{name: db, image: postgres:16, env: {1X: y}}]", "services[0].env.1X: invalid variable name (letters, digits and '_', not starting with a digit)")]
    [InlineData("services: [{name: db, image: postgres:16, ports: [1]}]", "services[0].ports: unknown field (expected one of: name, image, command, env, port)")]
    [InlineData("services: {db: postgres}", "services: must be a list of services ({name, image, command, env, port})")]
    [InlineData("services: [postgres:16]", "services[0]: must be a mapping {name, image, command, env, port}")]
    public void Bad_services_are_rejected_naming_the_field(string services, string error)
    {
        Assert.Equal([error], Errors(services));
    }

    [Fact]
    public void A_duplicate_name_is_rejected_at_the_second_service()
    {
        Assert.Equal(
            ["services[1].name: duplicate service name \"db\""],
            Errors("services: [{name: db, image: postgres:16}, {name: db, image: redis:7}]"));
    }

    [Fact]
    public void At_most_ten_services()
    {
        var many = string.Join(", ", Enumerable.Range(0, 11).Select(i => $"{{name: s{i}, image: redis:7}}"));

        Assert.Equal(["services: at most 10 services, got 11"], Errors($"services: [{many}]"));
    }
}
