using CommandCenter.Core.Reference;
using CommandCenter.Web.Localization;

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
                datatype_description = UiText.Local("街道代码；不填则按 lat/long 或 address_string 判定"),
                order = 1,
                description = UiText.Local("所在街道（可选，覆盖按位置判定的街道）"),
                values = district.Streets.Select(s => new { key = s.Code, name = s.Local() }).ToArray(),
            },
            new
            {
                variable = true,
                code = "channel",
                datatype = "string",
                required = false,
                datatype_description = UiText.Local("默认 {0}", Open311Submission.DefaultChannel),
                order = 2,
                description = UiText.Local("受理渠道（热线号码，如 96180）"),
                values = Array.Empty<object>(),
            },
        },
    };
}
