namespace CommandCenter.Core.Events;

/// <summary>Bounds on what a producer may send; anything larger is dead-lettered, never half-applied.</summary>
public static class EnvelopeLimits
{
    public const int MaxDataBytes = 64 * 1024;
    public const int MaxShortText = 200;
    public const int MaxLongText = 4000;
    public const int MaxDepartmentsPerWhistle = 20;
}
