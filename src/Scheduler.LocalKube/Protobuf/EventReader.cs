using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>core/v1 Event, with its object references, source and series.</summary>
internal static class EventReader
{
    public static Corev1Event Read(ProtoReader r)
    {
        var e = new Corev1Event();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: e.Metadata = r.Message(ObjectMetaReader.Read); break;
                case 2: e.InvolvedObject = r.Message(ObjectReference); break;
                case 3: e.Reason = r.Text(); break;
                case 4: e.Message = r.Text(); break;
                case 5: e.Source = r.Message(Source); break;
                case 6: e.FirstTimestamp = r.Time(); break;
                case 7: e.LastTimestamp = r.Time(); break;
                case 8: e.Count = r.NonZero(); break;
                case 9: e.Type = r.Text(); break;
                case 10: e.EventTime = r.Time(); break;
                case 11: e.Series = r.Message(Series); break;
                case 12: e.Action = r.Text(); break;
                case 13: e.Related = r.Message(ObjectReference); break;
                case 14: e.ReportingComponent = r.Text(); break;
                case 15: e.ReportingInstance = r.Text(); break;
                default: r.Skip(); break;
            }
        }
        return e;
    }

    private static V1ObjectReference ObjectReference(ProtoReader r)
    {
        var reference = new V1ObjectReference();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: reference.Kind = r.Text(); break;
                case 2: reference.NamespaceProperty = r.Text(); break;
                case 3: reference.Name = r.Text(); break;
                case 4: reference.Uid = r.Text(); break;
                case 5: reference.ApiVersion = r.Text(); break;
                case 6: reference.ResourceVersion = r.Text(); break;
                case 7: reference.FieldPath = r.Text(); break;
                default: r.Skip(); break;
            }
        }
        return reference;
    }

    private static V1EventSource Source(ProtoReader r)
    {
        var source = new V1EventSource();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: source.Component = r.Text(); break;
                case 2: source.Host = r.Text(); break;
                default: r.Skip(); break;
            }
        }
        return source;
    }

    private static Corev1EventSeries Series(ProtoReader r)
    {
        var series = new Corev1EventSeries();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: series.Count = r.NonZero(); break;
                case 2: series.LastObservedTime = r.Time(); break;
                default: r.Skip(); break;
            }
        }
        return series;
    }
}
