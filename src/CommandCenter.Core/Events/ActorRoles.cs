namespace CommandCenter.Core.Events;

/// <summary>The roles of people, as <c>data.actor.role</c> spells them; the web app's role names map one to one.</summary>
public static class ActorRoles
{
    public const string Operator = "operator";
    public const string Dispatcher = "dispatcher";
    /// <summary>A member of a street's leadership team (街道领导班子成员): may blow a work-advance whistle.</summary>
    public const string StreetLeader = "street-leader";
    /// <summary>The street's party secretary or office director (党工委书记 / 办事处主任): may blow a tough-problem whistle.</summary>
    public const string StreetDirector = "street-director";
    /// <summary>A district department's liaison: reports in and gives feedback for whistles that summon the department.</summary>
    public const string DepartmentLiaison = "department-liaison";
    public const string DistrictLeader = "district-leader";
    public const string Admin = "admin";

    /// <summary>The console source: events from people, which must carry their actor.</summary>
    public const string ConsoleSource = "console";
}
