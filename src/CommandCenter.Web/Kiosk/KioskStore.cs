using System.Globalization;
using System.Text.Json;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Security;
using Dapper;

namespace CommandCenter.Web.Kiosk;

/// <summary>One step of a playlist: a wall view (<c>wall</c>, <c>structure</c> or <c>street:&lt;code&gt;</c>) and how long it stays.</summary>
public sealed record PlaylistItem(string View, int Seconds);

public sealed record Playlist(string Name, IReadOnlyList<PlaylistItem> Items);

/// <summary>A named screen: the playlist it plays, its layout, and the takeover kinds that may interrupt it.</summary>
public sealed record KioskScreen(string Screen, string? Playlist, string Layout, IReadOnlyList<string> Takeovers);

/// <summary>Playlists and screens in the database (migration 0004).</summary>
public sealed class KioskStore(IDbConnectionFactory db, TimeProvider time)
{
    public const int MinSeconds = 5, MaxSeconds = 3600;

    public async Task<IReadOnlyList<Playlist>> PlaylistsAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Name, string Items)>(new CommandDefinition(
            "SELECT name, items FROM kiosk_playlists ORDER BY name", cancellationToken: ct));
        return [.. rows.Select(r => new Playlist(r.Name, JsonSerializer.Deserialize<List<PlaylistItem>>(r.Items, Json) ?? []))];
    }

    public async Task<Playlist?> PlaylistAsync(string name, CancellationToken ct = default) =>
        (await PlaylistsAsync(ct)).FirstOrDefault(p => p.Name == name);

    /// <summary>Saves a playlist; durations are kept within 5 s – 1 h so a screen never flickers or freezes.</summary>
    public async Task SavePlaylistAsync(Playlist playlist, CancellationToken ct = default)
    {
        var items = playlist.Items.Select(i => i with { Seconds = Math.Clamp(i.Seconds, MinSeconds, MaxSeconds) }).ToList();
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO kiosk_playlists (name, items, updated_at) VALUES (@name, @items, @now)
            {db.Dialect.Upsert("name", "items", "updated_at")}
            """, new { name = playlist.Name, items = JsonSerializer.Serialize(items, Json), now = Now() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<KioskScreen>> ScreensAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Screen, string? Playlist, string Layout, string Takeovers)>(new CommandDefinition(
            "SELECT screen, playlist, layout, takeovers FROM kiosk_screens ORDER BY screen", cancellationToken: ct));
        return [.. rows.Select(r => new KioskScreen(r.Screen, r.Playlist, r.Layout, JsonSerializer.Deserialize<List<string>>(r.Takeovers, Json) ?? []))];
    }

    public async Task<KioskScreen?> ScreenAsync(string screen, CancellationToken ct = default) =>
        (await ScreensAsync(ct)).FirstOrDefault(s => s.Screen == screen);

    /// <exception cref="AdminRefusedException">The name is not a screen's name (<see cref="KioskViews.IsScreenName"/>, <see cref="AdminRule.ScreenNameInvalid"/>).</exception>
    public async Task SaveScreenAsync(KioskScreen screen, CancellationToken ct = default)
    {
        if (!KioskViews.IsScreenName(screen.Screen))
            throw new AdminRefusedException(new(AdminRule.ScreenNameInvalid,
                $"'{screen.Screen}' is not a screen's name: 1–64 letters, digits, '-' or '_' (not admin, console, revoked, wall or structure)", [screen.Screen]));
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO kiosk_screens (screen, playlist, layout, takeovers, updated_at) VALUES (@screen, @playlist, @layout, @takeovers, @now)
            {db.Dialect.Upsert("screen", "playlist", "layout", "takeovers", "updated_at")}
            """, new { screen = screen.Screen, playlist = screen.Playlist, layout = screen.Layout, takeovers = JsonSerializer.Serialize(screen.Takeovers, Json), now = Now() },
            cancellationToken: ct));
    }

    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
