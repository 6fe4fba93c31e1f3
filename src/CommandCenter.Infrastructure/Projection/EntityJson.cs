using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Core.Events;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// The JSON of entity snapshots: the <see cref="EventJson"/> shape, except that nulls are written. Entity records
/// have no optional constructor parameters, and EventJson requires every such parameter on the way back in.
/// </summary>
internal static class EntityJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(EventJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Status<TEnum>(TEnum status) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
