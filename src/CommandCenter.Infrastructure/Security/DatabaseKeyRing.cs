using System.Globalization;
using System.Xml.Linq;
using CommandCenter.Infrastructure.Database;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CommandCenter.Infrastructure.Security;

/// <summary>
/// The Data Protection key ring kept in the app's database (table <c>data_protection_keys</c>, docs/decisions/0012):
/// every instance sharing the database reads and adds the same keys. The framework calls this rarely (at the first
/// protect or unprotect, when a key is due to roll, about once a day) and synchronously, so the calls block on the
/// database here; a database that cannot be reached makes that protect or unprotect fail, and the framework asks again.
/// </summary>
public sealed class DatabaseKeyRing(IDbConnectionFactory db, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(async () =>
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name");
        return (IReadOnlyCollection<XElement>)[.. rows.Select(XElement.Parse)];
    }).GetAwaiter().GetResult();

    /// <exception cref="System.Data.Common.DbException">The key could not be stored; the framework does not use it then.</exception>
    public void StoreElement(XElement element, string friendlyName) => Task.Run(async () =>
    {
        await using var connection = await db.OpenAsync();
        // A key's name is its id (a GUID): two instances never write the same one, so a repeat is the same key again.
        await connection.ExecuteAsync($"""
            INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @createdAt)
            {db.Dialect.IgnoreConflict("friendly_name")}
            """, new
            {
                friendlyName,
                xml = element.ToString(SaveOptions.DisableFormatting),
                createdAt = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            });
    }).GetAwaiter().GetResult();
}
