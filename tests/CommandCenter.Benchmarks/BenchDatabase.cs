using Npgsql;

namespace CommandCenter.Benchmarks;

/// <summary>A fresh PostgreSQL database per measurement, on the server tests/bench.sh starts (CC_BENCH_POSTGRES).</summary>
internal static class BenchDatabase
{
    public static async Task<string> CreatePostgresAsync(string adminConnectionString)
    {
        var name = $"cc_bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }
}
