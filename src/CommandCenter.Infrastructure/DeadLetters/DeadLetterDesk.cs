using System.Globalization;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Security;
using Dapper;

namespace CommandCenter.Infrastructure.DeadLetters;

/// <summary>One entry of the dead-letter log as an operator sees it.</summary>
/// <param name="Id">Its id in the dead-letter log.</param>
/// <param name="OriginalPosition">Where it stood in the event log.</param>
/// <param name="ResentAs">Where its copy was appended when an operator re-sent it; null if never.</param>
public sealed record DeadLetter(
    string Id, string OriginalPosition, string Reason, string? Type, string? Street, string? EnvelopeId,
    IReadOnlyDictionary<string, string> Fields, string? ResentAs, string? ResentBy);

/// <summary>
/// What operators do with dead letters (`cc deadletters`, the admin page): list them with their reasons, look at one,
/// and send one through the pipeline again — appended to the event log as a new entry with its original envelope
/// fields, where it is parsed and reduced like any other (a duplicate if its id was applied meanwhile). Each re-send
/// is recorded (who, when, where) so it is not sent twice by mistake.
/// </summary>
public sealed class DeadLetterDesk(IEventLog log, IDbConnectionFactory db, TimeProvider time)
{
    public const int MaxListed = 10_000;

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int count = MaxListed, CancellationToken ct = default)
    {
        var entries = await log.ReadDeadLettersAsync(count, ct);
        await using var connection = await db.OpenAsync(ct);
        var resends = (await connection.QueryAsync<(string Id, string Position, string By)>(new CommandDefinition(
            "SELECT dead_letter_id, position, resent_by FROM dead_letter_resends", cancellationToken: ct))).ToDictionary(r => r.Id);
        return [.. entries.Select(e =>
        {
            var id = e.Position.ToString();
            var resent = resends.TryGetValue(id, out var r) ? r : default;
            return new DeadLetter(id, e.Fields.GetValueOrDefault("originalId") ?? "", e.Fields.GetValueOrDefault("reason") ?? "",
                e.Fields.GetValueOrDefault(EnvelopeFields.Type), e.Fields.GetValueOrDefault(EnvelopeFields.Street), e.Fields.GetValueOrDefault(EnvelopeFields.Id),
                e.Fields, resent.Position, resent.By);
        })];
    }

    public async Task<DeadLetter?> FindAsync(string id, CancellationToken ct = default) =>
        (await ListAsync(MaxListed, ct)).FirstOrDefault(d => d.Id == id);

    /// <summary>Appends the dead letter's envelope fields to the event log again; returns the new position.</summary>
    /// <exception cref="AdminRefusedException">No dead letter has that id (<see cref="AdminRule.DeadLetterNotFound"/>), or it was re-sent
    /// already and <paramref name="again"/> is false (<see cref="AdminRule.DeadLetterResent"/>).</exception>
    public async Task<LogPosition> ResendAsync(string id, string by, bool again = false, CancellationToken ct = default)
    {
        var dead = await FindAsync(id, ct) ?? throw new AdminRefusedException(new(AdminRule.DeadLetterNotFound, $"no dead letter with id '{id}'", [id]));
        if (dead.ResentAs is not null && !again)
            throw new AdminRefusedException(new(AdminRule.DeadLetterResent, $"dead letter {id} was re-sent already, as {dead.ResentAs} by {dead.ResentBy}",
                [id, dead.ResentAs, dead.ResentBy ?? ""]));

        // The envelope's own fields only: its reason and original position stay in the dead-letter log.
        var fields = dead.Fields.Where(f => EnvelopeFields.All.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value);
        var position = (await log.AppendAsync([fields], ct))[0];
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO dead_letter_resends (dead_letter_id, position, resent_at, resent_by) VALUES (@id, @position, @at, @by)
            {db.Dialect.Upsert("dead_letter_id", "position", "resent_at", "resent_by")}
            """, new { id, position = position.ToString(), at = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), by }, cancellationToken: ct));
        return position;
    }
}
