using System.Data.Common;

namespace CommandCenter.Infrastructure.Database;

/// <summary>Opens ready-to-use connections to the one database of this deployment, and says which SQL dialect it speaks.</summary>
public interface IDbConnectionFactory
{
    ISqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken ct = default);
}
