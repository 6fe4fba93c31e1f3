namespace CommandCenter.Infrastructure.Database;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Section <c>Database</c>; the connection string comes from <c>ConnectionStrings:Database</c>
/// (embedded default: a SQLite file in the current directory; with <c>Postgres</c>, an Npgsql connection string).
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
        _ when string.IsNullOrWhiteSpace(ConnectionString) => "ConnectionStrings:Database is empty",
        DatabaseProvider.Postgres when ConnectionString == DefaultSqliteConnectionString =>
            "Database:Provider is 'Postgres' but ConnectionStrings:Database is not set (e.g. Host=127.0.0.1;Port=5432;Database=commandcenter;Username=commandcenter;Password=…)",
        DatabaseProvider.Postgres when !IsNpgsqlConnectionString(ConnectionString, out var problem) => problem,
        _ => null,
    };

    private static bool IsNpgsqlConnectionString(string text, out string? problem)
    {
        if (text.Contains("Data Source", StringComparison.OrdinalIgnoreCase))
        {
            problem = "ConnectionStrings:Database is a SQLite connection string; PostgreSQL needs Host=…;Database=…;Username=…;Password=…";
            return false;
        }
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(text);
            problem = string.IsNullOrEmpty(builder.Host) ? "ConnectionStrings:Database names no Host for PostgreSQL" : null;
        }
        catch (ArgumentException ex)
        {
            problem = $"ConnectionStrings:Database is not a PostgreSQL connection string: {ex.Message}";
        }
        return problem is null;
    }

    /// <summary>The connection factory this provider uses.</summary>
    public IDbConnectionFactory CreateFactory() => Provider switch
    {
        DatabaseProvider.Postgres => new PostgresConnectionFactory(ConnectionString),
        _ => new SqliteConnectionFactory(ConnectionString),
    };
}
