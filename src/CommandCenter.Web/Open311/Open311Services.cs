namespace CommandCenter.Web.Open311;

/// <summary>
/// One hotline ticket category offered as a GeoReport v2 service. <paramref name="Description"/> and
/// <paramref name="Group"/> are keys of the app's resource files (their Chinese), answered in the request's language.
/// </summary>
/// <param name="Category">The ticket category as tickets carry it (<c>ticket.received</c>'s <c>category</c>).</param>
/// <param name="DueIn">How long the street has to close a ticket of this kind (its <c>dueAt</c> = received + this).</param>
public sealed record Open311Service(string Code, string Category, string NameEn, string Description, string Group, string Keywords, TimeSpan DueIn);

/// <summary>
/// The 12345 hotline's ticket categories as Open311 services. The codes are stable (clients keep them); the names are
/// the categories the hotline and the simulator use. Tickets of any other category are listed under <c>other</c>.
/// </summary>
public static class Open311Services
{
    public const string Other = "other";

    public static readonly IReadOnlyList<Open311Service> All =
    [
        new("city-appearance", "市容环境", "City appearance", "垃圾、小广告、绿化损毁等市容问题", "城市管理", "垃圾, 小广告, 绿化, litter, flyposting", TimeSpan.FromDays(3)),
        new("noise", "噪音扰民", "Noise nuisance", "夜间施工、装修、商铺噪音", "城市管理", "噪音, 施工, 装修, noise, construction", TimeSpan.FromDays(1)),
        new("traffic", "交通出行", "Traffic and transport", "信号灯、公交站台、路口拥堵", "城市管理", "红绿灯, 公交, 拥堵, traffic, bus stop", TimeSpan.FromDays(3)),
        new("property-management", "物业管理", "Property management", "电梯、楼道灯、物业收费", "住房物业", "物业, 电梯, 停车费, property, lift", TimeSpan.FromDays(3)),
        new("housing-quality", "房屋质量", "Housing quality", "外墙脱落、屋面漏水、墙体开裂", "住房物业", "漏水, 外墙, 开裂, leak, facade", TimeSpan.FromDays(5)),
        new("labour", "劳动保障", "Labour and social security", "欠薪、社保缴纳与补贴", "民生服务", "欠薪, 社保, wages, social insurance", TimeSpan.FromDays(5)),
        new("elderly-care", "养老服务", "Elderly care", "助餐点、上门照护、高龄津贴", "民生服务", "养老, 助餐, 津贴, elderly, care", TimeSpan.FromDays(3)),
        new("consumer-rights", "消费维权", "Consumer rights", "预付卡跑路、过期食品、虚假宣传", "市场监管", "退款, 过期, 虚假宣传, refund, expired", TimeSpan.FromDays(5)),
        new("pollution", "环境污染", "Pollution", "油烟直排、河道异味", "生态环境", "油烟, 异味, 排污, fumes, smell", TimeSpan.FromDays(3)),
        new("public-order", "社区治安", "Neighbourhood order", "聚集滋事、门禁损坏", "平安建设", "治安, 门禁, 滋事, order, gate", TimeSpan.FromDays(1)),
        new("licences", "证照办理", "Permits and certificates", "居住证等证照办理咨询", "政务服务", "证照, 居住证, 办理, permit, certificate", TimeSpan.FromDays(2)),
        new(Other, "其他", "Other", "以上类别之外的诉求", "其他", "其他, other", TimeSpan.FromDays(5)),
    ];

    private static readonly Dictionary<string, Open311Service> ByCode = All.ToDictionary(s => s.Code, StringComparer.Ordinal);
    private static readonly Dictionary<string, Open311Service> ByCategory = All.Where(s => s.Code != Other).ToDictionary(s => s.Category, StringComparer.Ordinal);

    public static Open311Service? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The service a ticket of <paramref name="category"/> is listed under: its own, else <c>other</c>.</summary>
    public static Open311Service OfCategory(string category) => ByCategory.GetValueOrDefault(category) ?? ByCode[Other];
}
