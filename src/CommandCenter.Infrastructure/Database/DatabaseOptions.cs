namespace CommandCenter.Infrastructure.Database;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Section <c>Database</c>; the connection string comes from <c>ConnectionStrings:Database</c>
/// (embedded default: a SQLite file in the current directory).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultSqliteConnectionString = "Data Source=commandcenter.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;

    /// <summary>The first problem with these options in plain words, or null.</summary>
    public string? Problem() => Provider switch
    {
        DatabaseProvider.Postgres => "Database:Provider 'Postgres' is not available yet in this build; use 'Sqlite' (the embedded default)",
        _ when string.IsNullOrWhiteSpace(ConnectionString) => "ConnectionStrings:Database is empty",
        _ => null,
    };
}
