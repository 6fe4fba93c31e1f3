using MudBlazor;

namespace CommandCenter.Web.Wall;

/// <summary>The wall's dark palette: deep navy surfaces, cyan accents, readable from across a room.</summary>
public static class WallTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteDark = new PaletteDark
        {
            Primary = "#38bdf8",
            Secondary = "#f59e0b",
            Background = "#040a18",
            Surface = "#0a1630",
            AppbarBackground = "#071126",
            TextPrimary = "#e2ecff",
            TextSecondary = "#8fa6c9",
            Error = "#ef4444",
            Warning = "#f59e0b",
            Success = "#22c55e",
            Info = "#38bdf8",
            LinesDefault = "#1c3157",
            TableLines = "#1c3157",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
            },
        },
    };
}
