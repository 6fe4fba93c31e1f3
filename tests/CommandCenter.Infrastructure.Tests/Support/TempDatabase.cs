using CommandCenter.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Infrastructure.Tests.Support;

/// <summary>A real SQLite database file in its own temporary folder, deleted (with its WAL files) on dispose.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string folder)
    {
        Folder = folder;
        ConnectionString = $"Data Source={Path.Combine(folder, "commandcenter.db")}";
        Factory = new SqliteConnectionFactory(ConnectionString);
    }

    public string Folder { get; }
    public string ConnectionString { get; }
    public SqliteConnectionFactory Factory { get; }

    public static async Task<TempDatabase> CreateAsync(bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cc-infra-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TempDatabase(folder);
        if (migrate)
            await database.Migrations().MigrateAsync();
        return database;
    }

    public MigrationRunner Migrations() => new(Factory, NullLogger<MigrationRunner>.Instance);

    public ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(ConnectionString))
            SqliteConnection.ClearPool(connection);
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
