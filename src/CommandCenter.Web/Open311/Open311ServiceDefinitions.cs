using CommandCenter.Core.Reference;

namespace CommandCenter.Web.Open311;

/// <summary>
/// <c>GET services/{service_code}.json|.xml</c>: a service's definition, the attributes a request may carry as
/// <c>attribute[code]</c> (GeoReport v2 "Service Definition"). Every service takes the same two, both optional:
/// <c>street</c> (a <c>singlevaluelist</c> of the 13 street codes with their names; it overrides the street found
/// from <c>lat</c>/<c>long</c> or <c>address_string</c>) and <c>channel</c> (the hotline line, a <c>string</c>).
/// </summary>
public static class Open311ServiceDefinitions
{
    public static object Of(Open311Service service, DistrictModel district) => new
    {
        service_code = service.Code,
        attributes = new object[]
        {
            new
            {
                variable = true,
                code = "street",
                datatype = "singlevaluelist",
                required = false,
                datatype_description = "街道代码 A street code; leave out to have it found from lat/long or address_string",
                order = 1,
                description = "所在街道（可选，覆盖按位置判定的街道） Street the request is in (optional: overrides the street found from the location)",
                values = district.Streets.Select(s => new { key = s.Code, name = $"{s.Name} {s.NameEn}" }).ToArray(),
            },
            new
            {
                variable = true,
                code = "channel",
                datatype = "string",
                required = false,
                datatype_description = $"默认 {Open311Submission.DefaultChannel} Default {Open311Submission.DefaultChannel}",
                order = 2,
                description = "受理渠道（热线号码，如 96180） Hotline line the request came through (e.g. 96180)",
                values = Array.Empty<object>(),
            },
        },
    };
}
