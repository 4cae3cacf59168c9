using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.BulkPosting;

/// <summary>The <c>bulk_uploads</c> table.</summary>
public sealed class SqliteBulkUploadStore(SqlitePortalDatabase database) : IBulkUploadStore
{
    private const string Columns = "id, account, cluster, file_name, file_hash, language, state, total, processed, posted, replayed, failed, errors, created_at, finished_at";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task CreateAsync(BulkUpload upload, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO bulk_uploads (id, account, cluster, file_name, file_hash, content, language, state, total, created_at)
                    VALUES ($id, $account, $cluster, $name, $hash, $content, $language, $state, $total, $created)
                    """;
                command.Parameters.AddWithValue("$id", upload.Id);
                command.Parameters.AddWithValue("$account", upload.Account);
                command.Parameters.AddWithValue("$cluster", (object?)upload.Cluster ?? DBNull.Value);
                command.Parameters.AddWithValue("$name", upload.FileName);
                command.Parameters.AddWithValue("$hash", upload.FileHash);
                command.Parameters.AddWithValue("$content", content);
                command.Parameters.AddWithValue("$language", upload.Language);
                command.Parameters.AddWithValue("$state", upload.State);
                command.Parameters.AddWithValue("$total", upload.Total);
                command.Parameters.AddWithValue("$created", ListingRows.SortableUtc(upload.CreatedAt));
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task ProgressAsync(BulkUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return database.ExecuteInWriteTransactionAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                // The file is dropped when done: it may hold personal data and is not needed any more.
                command.CommandText = """
                    UPDATE bulk_uploads SET state = $state, processed = $processed, posted = $posted, replayed = $replayed, failed = $failed,
                        errors = $errors, finished_at = $finished, content = CASE WHEN $state = 'done' THEN NULL ELSE content END
                    WHERE id = $id
                    """;
                command.Parameters.AddWithValue("$id", upload.Id);
                command.Parameters.AddWithValue("$state", upload.State);
                command.Parameters.AddWithValue("$processed", upload.Processed);
                command.Parameters.AddWithValue("$posted", upload.Posted);
                command.Parameters.AddWithValue("$replayed", upload.Replayed);
                command.Parameters.AddWithValue("$failed", upload.Failed);
                command.Parameters.AddWithValue("$errors", JsonSerializer.Serialize(upload.Errors, Json));
                command.Parameters.AddWithValue("$finished", upload.FinishedAt is { } f ? ListingRows.SortableUtc(f) : DBNull.Value);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public async Task<BulkUpload?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await SelectAsync("id = $p", id, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<BulkUpload>> ListForAccountAsync(string account, CancellationToken cancellationToken) =>
        await SelectAsync("account = $p ORDER BY created_at DESC LIMIT 20", account, cancellationToken);

    public async Task<IReadOnlyList<BulkUpload>> UnfinishedAsync(CancellationToken cancellationToken) =>
        await SelectAsync("state <> $p ORDER BY created_at", BulkStates.Done, cancellationToken);

    public async Task<byte[]?> ContentAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT content FROM bulk_uploads WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteScalar() as byte[];
        }
    }

    private async Task<List<BulkUpload>> SelectAsync(string where, string parameter, CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM bulk_uploads WHERE {where}";
            command.Parameters.AddWithValue("$p", parameter);
            using var reader = command.ExecuteReader();
            var uploads = new List<BulkUpload>();
            while (reader.Read())
            {
                uploads.Add(Read(reader));
            }

            return uploads;
        }
    }

    private static BulkUpload Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11),
        JsonSerializer.Deserialize<List<BulkError>>(r.GetString(12), Json) ?? [],
        DateTimeOffset.Parse(r.GetString(13), CultureInfo.InvariantCulture),
        r.IsDBNull(14) ? null : DateTimeOffset.Parse(r.GetString(14), CultureInfo.InvariantCulture));
}
