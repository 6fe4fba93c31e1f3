using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace CommandCenter.Web.Whistles;

/// <summary>One stage of the whistle loop on the whistles board: its count and how many of those are late.</summary>
public sealed class StageNode(int stage, Point position) : NodeModel(position)
{
    public int Stage { get; } = stage;
    public StageCount Count { get; set; } = new(stage, WhistleStages.Names[stage], 0, 0);
}
