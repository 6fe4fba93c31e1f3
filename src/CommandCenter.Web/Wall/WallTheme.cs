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
            // Text on a filled primary button: the wall's navy, legible on the light cyan (white is not).
            PrimaryContrastText = "#040a18",
            Secondary = "#f59e0b",
            SecondaryContrastText = "#040a18",
            Background = "#040a18",
            Surface = "#0a1630",
            AppbarBackground = "#071126",
            // The consoles' drawers (the ticket's) on the wall's surface rather than MudBlazor's grey.
            DrawerBackground = "#0a1630",
            DrawerText = "#e2ecff",
            TextPrimary = "#e2ecff",
            TextSecondary = "#8fa6c9",
            Error = "#ef4444",
            Warning = "#f59e0b",
            Success = "#22c55e",
            Info = "#38bdf8",
            // Text on the filled status colours (snackbars, chips, buttons): the navy, as on primary and secondary. White
            // on these light tones fails WCAG's 4.5:1 (2.1:1 on a tough-problem whistle's amber snackbar); navy gives 5.2–8.7:1.
            ErrorContrastText = "#040a18",
            WarningContrastText = "#040a18",
            SuccessContrastText = "#040a18",
            InfoContrastText = "#040a18",
            LinesDefault = "#1c3157",
            TableLines = "#1c3157",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
            },
            // Buttons say what they do as written: an English "Assign" or a team's name is not shouted in capitals.
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
