using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// One statement of the per-listing hot path, prepared once per connection (in practice: the writer's) and run through
/// SQLitePCL.raw. Microsoft.Data.Sqlite costs several microseconds per execution on top of SQLite's own work (a data
/// reader, a statement enumerator, a type decision and a UTF-16 to UTF-8 conversion per parameter); on the single writer
/// thread that was about a quarter of its time per posted listing. Text arrives here already in UTF-8, encoded on the
/// request's thread (<see cref="ListingRow"/>).
/// Must not run concurrently on the same connection (no SQLite connection may); values are bound, stepped and cleared
/// within one <see cref="Run"/>.
/// </summary>
internal sealed class WriterStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    private WriterStatement(SqliteConnection connection, string sql)
    {
        _connection = connection;
        var result = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
        if (result != raw.SQLITE_OK)
        {
            throw Error(connection, result);
        }

        // Finalised when the connection closes, so closing it really closes the file (no statement keeps it a zombie).
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Closed)
            {
                Dispose();
            }
        };
    }

    /// <summary>The statement for <paramref name="sql"/> on <paramref name="connection"/>, prepared on first use.</summary>
    public static WriterStatement On(SqliteConnection connection, string sql, ConditionalWeakTable<SqliteConnection, WriterStatement> cache) =>
        cache.GetValue(connection, connection => new WriterStatement(connection, sql));

    /// <summary>Binds <paramref name="values"/> to parameters 1..n in order, runs the statement once and resets it.</summary>
    /// <remarks>Values: UTF-8 text as <see cref="byte"/>[], <see cref="long"/>, <see cref="double"/>, <see cref="string"/> or null.</remarks>
    public void Run(ReadOnlySpan<object?> values)
    {
        if (Step(values))
        {
            throw new InvalidOperationException("A statement run for its effect returned a row.");
        }
    }

    /// <summary>The same for a query: true when it returns at least one row (the rest are not read).</summary>
    public bool Any(ReadOnlySpan<object?> values) => Step(values);

    private bool Step(ReadOnlySpan<object?> values)
    {
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                var result = values[i] switch
                {
                    // An empty span has no address, which SQLite would read as NULL: the empty text goes in as a string.
                    byte[] { Length: 0 } => raw.sqlite3_bind_text(_statement, i + 1, string.Empty),
                    byte[] utf8 => raw.sqlite3_bind_text(_statement, i + 1, utf8),
                    long integer => raw.sqlite3_bind_int64(_statement, i + 1, integer),
                    double real => raw.sqlite3_bind_double(_statement, i + 1, real),
                    string text => raw.sqlite3_bind_text(_statement, i + 1, text),
                    null => raw.sqlite3_bind_null(_statement, i + 1),
                    var other => throw new ArgumentException($"Cannot bind a {other.GetType().Name}.", nameof(values)),
                };
                if (result != raw.SQLITE_OK)
                {
                    throw Error(_connection, result);
                }
            }

            var step = raw.sqlite3_step(_statement);
            return step switch
            {
                raw.SQLITE_ROW => true,
                raw.SQLITE_DONE => false,
                _ => throw Error(_connection, step),
            };
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private static SqliteException Error(SqliteConnection connection, int result) =>
        new(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), result);
}
