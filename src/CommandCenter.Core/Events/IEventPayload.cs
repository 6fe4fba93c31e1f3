namespace CommandCenter.Core.Events;

/// <summary>Marker for the typed <c>data</c> of an event. Each event type maps to exactly one payload record.</summary>
public interface IEventPayload;
