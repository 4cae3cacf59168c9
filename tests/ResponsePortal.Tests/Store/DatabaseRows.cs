using Microsoft.Data.Sqlite;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Tests.Store;

/// <summary>Reads rows of the portal database as the tests check them, on a read connection of its own.</summary>
internal static class DatabaseRows
{
    public static async Task ReadAsync(SqlitePortalDatabase database, string sql, Action<SqliteDataReader> row)
    {
        var connection = await database.OpenReadConnectionAsync(CancellationToken.None);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                row(reader);
            }
        }
    }

    /// <summary>The first column as key, the second as value (text).</summary>
    public static async Task<Dictionary<string, string>> RowsAsync(SqlitePortalDatabase database, string sql)
    {
        var rows = new Dictionary<string, string>();
        await ReadAsync(database, sql, reader => rows.Add(reader.GetString(0), reader.GetString(1)));
        return rows;
    }
}
