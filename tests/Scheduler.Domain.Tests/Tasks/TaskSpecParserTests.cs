using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Tasks;

public class TaskSpecParserTests
{
    private static TaskSpec Valid(string text)
    {
        var result = TaskSpecParser.Parse(text);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Spec;
    }

    private static List<string> Errors(string text)
    {
        var result = TaskSpecParser.Parse(text);
        Assert.False(result.IsValid);
        Assert.Null(result.Spec);
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void Parses_a_full_yaml_spec()
    {
        var spec = Valid("""
            resource_class: acme/large
            image: alpine:3.20
            timeout: 30m
            environment:
              GREETING: hello
              DEBUG: 1
            secrets:
              API_TOKEN: s3cr3t-value
            steps:
              - name: Say hi
                run: echo "$GREETING"
              - run: |
                  make build
                  make test
            """);

        Assert.Equal("acme/large", spec.ResourceClass);
        Assert.Equal("alpine:3.20", spec.Image);
        Assert.Equal(TimeSpan.FromMinutes(30), spec.Timeout);
        Assert.Equal("hello", spec.Environment["GREETING"]);
        Assert.Equal("1", spec.Environment["DEBUG"]);
        Assert.Equal("s3cr3t-value", spec.Secrets["API_TOKEN"]);
        Assert.Equal(new StepSpec("Say hi", "echo \"$GREETING\""), spec.Steps[0]);
        Assert.StartsWith("make build\nmake test", spec.Steps[1].Run);
    }

    [Fact]
    public void Parses_json()
    {
        var spec = Valid("""{"resource_class": "small", "steps": [{"name": "a", "run": "true"}], "environment": {"X": "y"}}""");
        Assert.Equal("small", spec.ResourceClass);
        Assert.Single(spec.Steps);
        Assert.Equal("y", spec.Environment["X"]);
    }

    [Fact]
    public void Optional_fields_default_to_class_defaults()
    {
        var spec = Valid("resource_class: small\nsteps: [\"true\"]");
        Assert.Null(spec.Image);
        Assert.Null(spec.Timeout);
        Assert.Empty(spec.Environment);
        Assert.Empty(spec.Secrets);
    }

    [Fact]
    public void A_step_without_a_name_is_named_after_the_first_line_of_its_script()
    {
        var spec = Valid("""
            resource_class: small
            steps:
              - run: "\n  npm ci\nnpm test"
              - echo shorthand
              - run: echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
            """);
        Assert.Equal("npm ci", spec.Steps[0].Name);
        Assert.Equal(new StepSpec("echo shorthand", "echo shorthand"), spec.Steps[1]);
        Assert.Equal(60, spec.Steps[2].Name.Length);
        Assert.EndsWith("…", spec.Steps[2].Name);
    }

    [Fact]
    public void Names_the_field_path_of_every_error()
    {
        var errors = Errors("""
            image: alpine
            timeout: 5x
            environment:
              FOO: [1, 2]
              1BAD: x
            steps:
              - run: echo ok
              - name: no script
              - name: empty
                run: "  "
              - 42
              - [nested]
            """);

        Assert.Contains("resource_class: required", errors);
        Assert.Contains("timeout: invalid duration \"5x\" (e.g. 30m, 1h30m, 90s)", errors);
        Assert.Contains("environment.FOO: must be a string", errors);
        Assert.Contains(errors, e => e.StartsWith("environment.1BAD: invalid variable name"));
        Assert.Contains("steps[1].run: required", errors);
        Assert.Contains("steps[2].run: required", errors);
        Assert.DoesNotContain(errors, e => e.StartsWith("steps[3]"));
        Assert.Contains(errors, e => e.StartsWith("steps[4]: must be a mapping"));
        Assert.Equal(7, errors.Count);
    }

    [Theory]
    [InlineData("resource_class: small")]
    [InlineData("resource_class: small\nsteps: []")]
    [InlineData("resource_class: small\nsteps:")]
    public void Requires_at_least_one_step(string text)
    {
        Assert.Equal(["steps: at least one step is required"], Errors(text));
    }

    [Fact]
    public void Rejects_steps_that_are_not_a_list()
    {
        Assert.Equal(["steps: must be a list of steps ({name, run})"], Errors("resource_class: small\nsteps: echo hi"));
    }

    [Fact]
    public void Rejects_unknown_fields_naming_them()
    {
        var errors = Errors("resource_class: small\nsteps:\n  - run: x\n    shell: bash\nimages: foo");
        Assert.Contains(errors, e => e.StartsWith("images: unknown field (expected one of: resource_class, image, steps"));
        Assert.Contains(errors, e => e.StartsWith("steps[0].shell: unknown field (expected one of: name, run)"));
    }

    [Theory]
    [InlineData("resource_class: [a]", "resource_class: must be a string")]
    [InlineData("resource_class: 'bad name'", "resource_class: invalid name \"bad name\"")]
    [InlineData("resource_class: small\nimage: 'has space'", "image: must be an image reference")]
    [InlineData("resource_class: small\ntimeout: 0", "timeout: must be positive")]
    [InlineData("resource_class: small\nenvironment: [A]", "environment: must be a mapping")]
    [InlineData("resource_class: small\nenvironment:\n  EMPTY:", "environment.EMPTY: must be a string")]
    [InlineData("resource_class: small\nsteps:\n  - name: ''\n    run: x", "steps[0].name: must be a non-empty string")]
    [InlineData("resource_class: small\nsteps:\n  - run: {a: b}", "steps[0].run: must be a string")]
    public void Reports_bad_values(string head, string expected)
    {
        var text = head.Contains("steps") ? head : head + "\nsteps: [\"true\"]";
        Assert.Contains(Errors(text), e => e.StartsWith(expected));
    }

    [Fact]
    public void Rejects_a_secret_that_shadows_an_environment_variable()
    {
        Assert.Equal(["secrets.TOKEN: also defined in environment"],
            Errors("resource_class: small\nsteps: [\"true\"]\nenvironment: {TOKEN: a}\nsecrets: {TOKEN: b}"));
    }

    [Fact]
    public void Malformed_yaml_is_one_error_with_line_and_column()
    {
        var errors = Errors("resource_class: small\nsteps:\n  - run: [unclosed\n");
        var error = Assert.Single(errors);
        Assert.StartsWith("malformed YAML/JSON at line ", error);
        Assert.Contains("column", error);
    }

    [Fact]
    public void Duplicate_keys_are_malformed()
    {
        Assert.StartsWith("malformed YAML/JSON at line 2", Assert.Single(Errors("resource_class: a\nresource_class: b\nsteps: [x]")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void An_empty_spec_is_rejected(string text)
    {
        Assert.Equal(["the task spec is empty"], Errors(text));
    }

    [Theory]
    [InlineData("just a string")]
    [InlineData("- a\n- b")]
    public void A_spec_that_is_not_a_mapping_is_rejected(string text)
    {
        Assert.StartsWith("the task spec must be a mapping", Assert.Single(Errors(text)));
    }

    [Fact]
    public void Several_documents_are_rejected()
    {
        Assert.Equal(["expected exactly one YAML document"], Errors("resource_class: a\n---\nresource_class: b"));
    }

    [Fact]
    public void Secret_values_never_appear_in_errors()
    {
        var errors = Errors("secrets:\n  'bad-name': hunter2-secret\n  GOOD: [hunter3-secret]\nenvironment: {GOOD: x}");
        Assert.NotEmpty(errors);
        Assert.DoesNotContain(errors, e => e.Contains("hunter"));
    }
}
