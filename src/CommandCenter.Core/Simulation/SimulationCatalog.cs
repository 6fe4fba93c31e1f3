namespace CommandCenter.Core.Simulation;

/// <summary>
/// The words of the simulated district: what grid workers report, what citizens call 12345 about,
/// what streets blow the whistle for and which departments that summons. Body, department and team-kind
/// codes are those of the reference model (Reference/district.json).
/// </summary>
internal static class SimulationCatalog
{
    /// <param name="Body">The street body that usually handles it.</param>
    /// <param name="TeamKind">The enforcement team that would be sent, or null when none is.</param>
    /// <param name="Serious">Hazards to people: reported at higher severity with shorter due times.</param>
    internal sealed record IncidentKind(string Category, string Body, string? TeamKind, bool Serious, string[] Titles, string[] Outcomes);

    internal sealed record TicketKind(string Category, string Body, string[] Contents, string[] Feedbacks);

    internal sealed record WhistleTopic(string Title, string[] Departments, string Description);

    public static readonly IncidentKind[] Incidents =
    [
        new("占道经营", "enforcement-bureau", "chengguan-squad", false,
            ["菜场门口流动摊贩占道经营", "早餐摊点占用人行道经营", "沿街商铺出店经营", "水果摊占道堆放"],
            ["已劝离流动摊贩，恢复人行道通行", "责令商户退店经营并签订门前三包责任书", "暂扣占道经营物品，当事人已整改"]),
        new("违规停车", "city-management", "chengguan-squad", false,
            ["机动车占用人行道停放", "非机动车乱停放堵塞通道", "共享单车堆积影响通行", "僵尸车长期占用车位"],
            ["已联系车主挪车，张贴告知书", "协调共享单车企业清运车辆", "已施划非机动车停放区并规范停放"]),
        new("垃圾暴露", "city-management", null, false,
            ["垃圾桶满溢未及时清运", "建筑垃圾乱堆放", "绿化带内垃圾暴露", "大件垃圾堆放在楼道口"],
            ["环卫已清运完毕，现场已清洁", "督促物业增加清运频次", "建筑垃圾已清运，告知装修户规范投放"]),
        new("噪音扰民", "enforcement-bureau", "joint-patrol", false,
            ["夜间施工噪音扰民", "广场舞音响声音过大", "商铺高音喇叭揽客", "KTV营业噪音扰民"],
            ["已责令停止夜间施工，核查施工许可", "与广场舞团队协商降低音量并调整时间", "商户已撤除高音喇叭"]),
        new("违法建设", "enforcement-bureau", "chengguan-squad", false,
            ["楼顶搭建违法建筑", "底层住户私自扩建院落", "私自破墙开门", "阳台外扩搭建彩钢棚"],
            ["已下达限期拆除通知书", "当事人已自行拆除违建", "违建已依法拆除，现场恢复原状"]),
        new("井盖缺失", "city-management", null, true,
            ["人行道井盖缺失", "雨水井盖破损松动", "窨井盖下沉存在安全隐患"],
            ["已设置警示围挡并更换井盖", "联系权属单位完成井盖修复"]),
        new("消防通道堵塞", "public-safety", "joint-patrol", true,
            ["小区消防通道被私家车占用", "楼道堆放杂物堵塞安全出口", "消防车通道设置地锁"],
            ["车辆已挪离，施划消防通道标线", "楼道杂物已清理完毕", "地锁已拆除，通道恢复畅通"]),
        new("群租房", "public-safety", "joint-patrol", false,
            ["疑似群租房人员密集", "隔断出租存在安全隐患", "群租房租户频繁更换扰民"],
            ["已核查登记租住人员，督促房东整改", "拆除违规隔断，恢复原始格局"]),
        new("油烟扰民", "enforcement-bureau", "chengguan-squad", false,
            ["餐饮店油烟直排扰民", "露天烧烤油烟扰民", "油烟净化器未正常使用"],
            ["督促商户安装并开启油烟净化设施", "已取缔露天烧烤摊点"]),
        new("无证经营", "enforcement-bureau", "market-branch", false,
            ["无证小餐饮经营", "无照经营出售散装食品", "超范围经营药品"],
            ["已责令停止经营，引导办理证照", "依法立案调查，暂扣相关物品"]),
        new("安全生产隐患", "development", "market-branch", true,
            ["沿街商铺违规使用液化气罐", "工地塔吊作业未设警戒区", "仓库违规存放易燃物品"],
            ["责令立即整改，隐患已消除", "已约谈经营者，完成安全检查"]),
        new("飞线充电", "public-safety", "joint-patrol", true,
            ["电动自行车楼道飞线充电", "电动车进楼入户充电"],
            ["已拆除飞线，引导至集中充电点充电", "入户宣传并签订安全承诺书"]),
        new("道路破损", "city-management", null, false,
            ["人行道地砖破损", "路面坑洼积水", "路灯不亮影响夜间出行"],
            ["已通知养护单位完成修复", "路灯已维修恢复照明"]),
        new("树木倒伏", "city-management", null, true,
            ["行道树倒伏压住车辆", "大风吹断树枝悬挂"],
            ["园林养护单位已清理断枝", "倒伏树木已移除并补植"]),
    ];

    public static readonly string[] Places =
    [
        "小区北门", "小区南门", "菜场门口", "沿街商铺", "公交站台旁", "学校周边", "背街小巷", "3栋楼下",
        "12栋楼下", "停车场入口", "社区广场", "地铁站出口", "农贸市场", "医院门口",
    ];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡"];

    public static readonly TicketKind[] Tickets =
    [
        new("市容环境", "city-management",
            ["反映{place}垃圾长期无人清理，气味很大，要求尽快处理。", "反映{place}有人乱贴小广告，影响市容。", "反映{place}绿化带被毁种菜。"],
            ["已安排环卫人员清理，并增加巡查频次。", "已清除小广告，张贴禁贴提示。", "已恢复绿化，对当事人进行劝导。"]),
        new("物业管理", "livelihood",
            ["反映小区电梯经常故障，物业维修不及时。", "反映物业擅自提高停车费。", "反映小区楼道灯损坏多日无人维修。"],
            ["已约谈物业公司，电梯已完成维修保养。", "已督促物业按备案标准收费。", "楼道灯已更换，物业承诺加强巡检。"]),
        new("噪音扰民", "enforcement-bureau",
            ["反映{place}夜间施工噪音很大，影响休息。", "反映楼上住户深夜装修。", "反映{place}酒吧噪音扰民。"],
            ["已到场核查，责令施工单位停止夜间作业。", "已上门劝导，当事人承诺遵守装修时间。", "已责令商户采取降噪措施。"]),
        new("交通出行", "city-management",
            ["反映{place}红绿灯时间过短，行人来不及通过。", "反映{place}公交站台破损。", "反映{place}路口经常拥堵，希望增设引导。"],
            ["已转交交管部门评估配时方案。", "已联系公交公司修复站台。", "已安排志愿者高峰时段引导。"]),
        new("劳动保障", "livelihood",
            ["反映所在公司拖欠工资三个月。", "反映用人单位未缴纳社保。", "咨询灵活就业人员社保补贴办理。"],
            ["已协调用人单位，承诺月底前结清工资。", "已告知劳动监察投诉渠道并协助取证。", "已电话告知办理流程及所需材料。"]),
        new("房屋质量", "development",
            ["反映老旧小区外墙脱落存在安全隐患。", "反映顶楼漏水多年未修。", "反映新交付房屋墙面开裂。"],
            ["已设置警戒区，列入维修计划。", "已协调维修资金启动屋面防水维修。", "已约谈开发商，督促限期维修。"]),
        new("消费维权", "enforcement-bureau",
            ["反映{place}健身房关门跑路，预付款无法退还。", "反映超市出售过期食品。", "反映商家虚假宣传。"],
            ["已登记会员信息，依法立案调查。", "已现场检查，下架过期食品并立案。", "已调解，商家同意退款。"]),
        new("养老服务", "livelihood",
            ["咨询社区助餐点开放时间。", "反映独居老人需要上门照护。", "咨询高龄津贴申请。"],
            ["已告知助餐点地址和开放时间。", "已安排网格员上门走访并对接服务。", "已告知申请流程。"]),
        new("证照办理", "citizen-service",
            ["咨询居住证办理所需材料。", "反映便民服务中心窗口排队时间长。"],
            ["已告知所需材料及办理时间。", "已增开窗口并推行预约办理。"]),
        new("社区治安", "public-safety",
            ["反映{place}有人员聚集喝酒滋事。", "反映小区门禁损坏外来人员随意进出。"],
            ["已联合派出所加强巡逻。", "已督促物业修复门禁系统。"]),
        new("环境污染", "enforcement-bureau",
            ["反映{place}餐馆油烟直排。", "反映附近河道有异味。"],
            ["已责令安装油烟净化设施。", "已联系水务部门排查排污口。"]),
    ];

    public static readonly string[] TicketResults =
    [
        "市民表示问题已解决", "市民对处理结果表示认可", "市民表示基本解决，希望持续关注", "回访确认现场已整改到位",
    ];

    public static readonly WhistleTopic[] Whistles =
    [
        new("老旧小区加装电梯协调", ["housing", "chengguan", "emergency"], "多栋居民申请加装电梯，涉及管线迁移与低层住户协调，需要区级部门联合推进。"),
        new("背街小巷违建集中整治", ["chengguan", "housing", "police"], "背街小巷违建存量大，拆除涉及多个权属单位，需部门联合执法。"),
        new("夜市油烟噪音综合整治", ["environment", "market", "chengguan", "police"], "夜市经营油烟噪音投诉集中，需多部门联合治理。"),
        new("群租房消防隐患整治", ["fire", "police", "housing", "emergency"], "辖区群租房隔断出租、电动车入户充电问题突出，存在重大消防隐患。"),
        new("学校周边交通拥堵治理", ["transport", "police", "education"], "上下学高峰校门口拥堵严重，需优化交通组织。"),
        new("农贸市场食品安全整治", ["market", "health"], "农贸市场食品安全投诉增多，需联合检查。"),
        new("欠薪矛盾化解", ["hr-social", "justice", "police"], "工地务工人员集中反映欠薪，需部门协同化解。"),
        new("公共绿地被占用恢复", ["greening", "chengguan"], "公共绿地被毁种菜、堆物，需恢复绿化。"),
        new("独居老人帮扶", ["civil-affairs", "health"], "辖区独居高龄老人增多，需建立帮扶机制。"),
        new("河道污水直排整治", ["water", "environment", "chengguan"], "河道沿线存在雨污混接、污水直排，需溯源整治。"),
        new("景区周边秩序整治", ["culture-tourism", "market", "chengguan", "police"], "节假日景区周边游商、黑车扰序，需联合整治。"),
    ];

    public static readonly string[] WhistleFeedbacks =
    [
        "各部门已现场会商，明确分工与整改时限，问题已基本解决。", "联合执法完成整治，建立长效管理机制。",
        "已制定专项方案并完成首轮整治，群众反映良好。", "部门协同处置完毕，现场已整改到位。",
    ];

    public static readonly string[] EscalationReasons =
    [
        "部门报到超时，问题久拖未决，提请上级协调督办。", "涉及多个部门职责交叉，街道层面难以协调。", "群众反映强烈，需要区领导统筹推进。",
    ];

    public static readonly string[] ReportNotes = ["已派员到场对接", "已安排科室负责人参加现场会", "已指定专人跟进处置", "已到街道报到"];

    public static readonly Dictionary<string, string[]> DispatchOutcomes = new()
    {
        ["chengguan-squad"] = ["现场劝离摊贩，恢复通行秩序", "已责令当事人限期整改", "依法立案查处，暂扣经营物品", "现场整治完毕，拍照留档"],
        ["market-branch"] = ["现场检查完毕，责令整改", "已立案调查，查封问题商品", "经营者已补办证照材料"],
        ["joint-patrol"] = ["联勤联动处置完毕，现场秩序恢复", "已劝散聚集人员", "已登记核查相关人员信息"],
    };

    public static readonly string[] CancelReasons = ["当事人已自行整改", "重复派遣，已合并处置", "现场核实不属于执法范围", "已转交其他队伍处置"];

    public static readonly string[] PatrolNotes = ["日常巡查", "重点区域巡逻", "节假日专项巡查", "夜间联合巡逻"];

    public static readonly string[] OffDutyNotes = ["交接班", "集中培训", "队伍轮休", "装备检修"];

    public static readonly string[] ReopenReasons = ["复查发现问题反弹", "市民反映问题仍未解决", "核查发现整改不到位"];
}
