using Scheduler.Domain.Claims;
using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Tests.Claims;

public class ClassQueueTests
{
    private static readonly JobId A = new("t-a"), B = new("t-b"), C = new("t-c");

    [Fact]
    public void Dequeues_in_submission_order()
    {
        var queue = ClassQueue.Empty.Enqueue(A).Enqueue(B).Enqueue(C);
        var (first, rest) = queue.Dequeue();
        var (second, _) = rest.Dequeue();

        Assert.Equal(A, first);
        Assert.Equal(B, second);
        Assert.Equal(3, queue.Count);
        Assert.Equal([B, C], rest.Items);
    }

    [Fact]
    public void Enqueuing_twice_keeps_one_entry_in_its_first_place()
    {
        Assert.Equal([A, B], ClassQueue.Empty.Enqueue(A).Enqueue(B).Enqueue(A).Items);
    }

    [Fact]
    public void Removes_a_job_from_the_middle()
    {
        var queue = ClassQueue.Empty.Enqueue(A).Enqueue(B).Enqueue(C).Remove(B);
        Assert.Equal([A, C], queue.Items);
        Assert.False(queue.Contains(B));
        Assert.Same(queue, queue.Remove(B));
    }

    [Fact]
    public void An_empty_queue_yields_nothing()
    {
        var (id, rest) = ClassQueue.Empty.Dequeue();
        Assert.Null(id);
        Assert.True(rest.IsEmpty);
        Assert.Null(ClassQueue.Empty.Peek());
    }
}
