using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using CommandCenter.Core.State;

namespace CommandCenter.Web.Whistles;

/// <summary>The street that blew the whistle, at the centre of its summons diagram.</summary>
public sealed class SummonsStreetNode(string street, Point position) : NodeModel(position)
{
    public string Street { get; } = street;
    public string Name { get; set; } = street;
    public string Level { get; set; } = "";
}

/// <summary>A summoned department around the street; its link to the street carries its report-in status.</summary>
public sealed class SummonsDepartmentNode(string department, Point position) : NodeModel(position)
{
    public string Department { get; } = department;
    public string Name { get; set; } = department;
    public ReportStatus Status { get; set; }
    public string Countdown { get; set; } = "";
}
