using System.Text;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Tasks;

/// <summary>The documented upper bounds: <see cref="TaskSpecParser.MaxSteps"/> steps, <see cref="TaskSpecParser.MaxScriptBytes"/> per script.</summary>
public class TaskSpecBoundsTests
{
    private static string WithSteps(int count) =>
        "resource_class: small\nsteps:\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"  - echo {i}\n"));

    [Fact]
    public void Exactly_the_maximum_number_of_steps_is_accepted()
    {
        Assert.True(TaskSpecParser.Parse(WithSteps(TaskSpecParser.MaxSteps)).IsValid);
    }

    [Fact]
    public void Ten_thousand_steps_are_one_error_naming_steps_and_the_bound()
    {
        var result = TaskSpecParser.Parse(WithSteps(10_000));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("steps", $"at most {TaskSpecParser.MaxSteps} steps, got 10000"), (error.Path, error.Message));
    }

    [Fact]
    public void A_script_over_the_limit_is_named_by_its_path_with_its_size()
    {
        var script = new string('x', TaskSpecParser.MaxScriptBytes + 1);
        var yaml = $"resource_class: small\nsteps:\n  - name: ok\n    run: echo ok\n  - name: big\n    run: {script}\n  - {script}\n";

        var errors = TaskSpecParser.Parse(yaml).Errors.Select(e => $"{e.Path}: {e.Message}").ToList();

        Assert.Equal(
            [
                $"steps[1].run: at most {TaskSpecParser.MaxScriptBytes} bytes, got {TaskSpecParser.MaxScriptBytes + 1}",
                $"steps[2]: at most {TaskSpecParser.MaxScriptBytes} bytes, got {TaskSpecParser.MaxScriptBytes + 1}",
            ],
            errors);
    }

    [Fact]
    public void The_script_limit_counts_utf8_bytes()
    {
        var script = new string('é', TaskSpecParser.MaxScriptBytes / 2 + 1);

        var error = Assert.Single(TaskSpecParser.Parse($"resource_class: small\nsteps:\n  - run: {script}\n").Errors);

        Assert.Equal("steps[0].run", error.Path);
        Assert.Contains($"got {Encoding.UTF8.GetByteCount(script)}", error.Message);
    }
}
