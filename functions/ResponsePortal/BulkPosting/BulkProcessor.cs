using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Primitives;
using ResponsePortal.Listings;
using ResponsePortal.Store;

namespace ResponsePortal.BulkPosting;

/// <summary>
/// Posts the rows of uploaded files in the background, one upload at a time, through <see cref="ListingService"/> like
/// any client. Each row's idempotency key is the file's hash and the line number, so uploading the same file again (or
/// resuming after a restart) posts nothing twice. Progress is written every few rows for the status page.
/// </summary>
public sealed partial class BulkProcessor(IBulkUploadStore store, ListingService listings, TimeProvider time, ILogger<BulkProcessor> logger) : BackgroundService
{
    /// <summary>Kept as a list so an error page stays readable; the counts still cover every row.</summary>
    public const int MaxErrorsKept = 500;

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();

    public void Enqueue(string uploadId) => _queue.Writer.TryWrite(uploadId);

    /// <summary>The columns a file may have: the request API's fields, nested ones dotted.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        FieldNames.Type, FieldNames.Category, FieldNames.Title, FieldNames.Description, FieldNames.Quantity, FieldNames.Unit, FieldNames.Region,
        FieldNames.Lat, FieldNames.Lon, FieldNames.NeededBy, FieldNames.Urgency, FieldNames.DaysOfSupplyLeft, FieldNames.ExpiresAt,
        FieldNames.RequiredCertifications, FieldNames.OrganisationName, FieldNames.OrganisationCluster, FieldNames.ContactName,
        FieldNames.ContactEmail, FieldNames.ContactPhone, FieldNames.Language, FieldNames.LeadTimeDays, FieldNames.MinimumOrder,
        FieldNames.Skills, FieldNames.PeriodFrom, FieldNames.PeriodUntil, FieldNames.StaffLoanModel, FieldNames.EmployeesAgreed,
    ];

    /// <summary>
    /// Embedded mode: at start, go on with the uploads a restart interrupted. Azure mode turns this off: instances come
    /// and go and would race for the same orphans, so the Housekeeping timer finishes them instead (PipelineFunctions).
    /// </summary>
    public bool ResumeUnfinishedAtStart { get; set; } = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Uploads a restart interrupted: go on where they were (rows already posted replay as duplicates).
        if (ResumeUnfinishedAtStart)
        {
            foreach (var unfinished in await store.UnfinishedAsync(stoppingToken))
            {
                Enqueue(unfinished.Id);
            }
        }

        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ProcessAsync(id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, id, e);
            }
        }
    }

    public async Task ProcessAsync(string id, CancellationToken cancellationToken)
    {
        var upload = await store.FindAsync(id, cancellationToken);
        var content = await store.ContentAsync(id, cancellationToken);
        if (upload is null || upload.Finished || content is null)
        {
            return;
        }

        var records = CsvReader.Read(Encoding.UTF8.GetString(content)).ToList();
        var errors = new List<BulkError>();
        upload = upload with { State = BulkStates.Running, Processed = 0, Posted = 0, Replayed = 0, Failed = 0, Errors = errors };
        var header = records.Count > 0 ? records[0].Fields.Select(f => f.Trim()).ToList() : [];
        var unknown = header.Where(h => !Columns.Contains(h)).ToList();
        if (header.Count == 0 || unknown.Count > 0)
        {
            errors.Add(new BulkError(1, "$",
                header.Count == 0 ? "The file is empty." : $"Unknown column(s): {string.Join(", ", unknown)}. Use the template's column names.",
                header.Count == 0 ? "Die Datei ist leer." : $"Unbekannte Spalte(n): {string.Join(", ", unknown)}. Verwenden Sie die Spaltennamen der Vorlage."));
            await store.ProgressAsync(upload with { State = BulkStates.Done, Failed = upload.Total, FinishedAt = time.GetUtcNow() }, cancellationToken);
            return;
        }

        var lastWrite = DateTime.UtcNow;
        foreach (var record in records.Skip(1))
        {
            var (posted, replayed, rowErrors) = await PostRowAsync(upload, header, record, cancellationToken);
            upload = upload with
            {
                Processed = upload.Processed + 1,
                Posted = upload.Posted + (posted ? 1 : 0),
                Replayed = upload.Replayed + (replayed ? 1 : 0),
                Failed = upload.Failed + (rowErrors.Count > 0 ? 1 : 0),
            };
            errors.AddRange(rowErrors.Take(Math.Max(0, MaxErrorsKept - errors.Count)));
            if ((DateTime.UtcNow - lastWrite).TotalMilliseconds > 300)
            {
                await store.ProgressAsync(upload with { Errors = [.. errors] }, cancellationToken);
                lastWrite = DateTime.UtcNow;
            }
        }

        await store.ProgressAsync(upload with { State = BulkStates.Done, Errors = [.. errors], FinishedAt = time.GetUtcNow() }, cancellationToken);
    }

    private async Task<(bool Posted, bool Replayed, List<BulkError> Errors)> PostRowAsync(BulkUpload upload, List<string> header, CsvRecord record, CancellationToken cancellationToken)
    {
        var errors = new List<BulkError>();
        if (record.Fields.Count > header.Count && record.Fields.Skip(header.Count).Any(f => f.Length > 0))
        {
            errors.Add(new BulkError(record.Line, "$", $"The line has {record.Fields.Count} cells but the header only {header.Count}.",
                $"Die Zeile hat {record.Fields.Count} Zellen, die Kopfzeile aber nur {header.Count}."));
            return (false, false, errors);
        }

        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count && i < record.Fields.Count; i++)
        {
            values[header[i]] = record.Fields[i];
        }

        // Cluster managers post for their own members only: an empty cluster cell means theirs.
        if (upload.Cluster is { } cluster)
        {
            var given = values.TryGetValue(FieldNames.OrganisationCluster, out var v) ? v.ToString().Trim() : "";
            if (given.Length == 0)
            {
                values[FieldNames.OrganisationCluster] = cluster;
            }
            else if (!string.Equals(given, cluster, StringComparison.Ordinal))
            {
                errors.Add(new BulkError(record.Line, FieldNames.OrganisationCluster, $"You can post only for your cluster “{cluster}”.",
                    $"Sie können nur für Ihren Cluster „{cluster}“ melden."));
                return (false, false, errors);
            }
        }

        var (draft, readErrors) = ListingFormReader.Read(new FormCollection(values));
        if (readErrors.Any)
        {
            errors.AddRange(readErrors.All.Select(e => new BulkError(record.Line, e.Field, e.En, e.De)));
            return (false, false, errors);
        }

        var rowHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)))));
        var key = $"bulk-{upload.FileHash}-{record.Line}";
        var outcome = await listings.CreateAsync(ListingSide.Request, draft with { Language = draft.Language ?? upload.Language }, new IdempotencyClaim(key, rowHash), cancellationToken);
        switch (outcome)
        {
            case CreateListingOutcome.Created created:
                return (!created.Replayed, created.Replayed, errors);
            case CreateListingOutcome.Invalid invalid:
                errors.AddRange(invalid.Errors.All.Select(e => new BulkError(record.Line, e.Field, e.En, e.De)));
                return (false, false, errors);
            default:
                errors.Add(new BulkError(record.Line, "$", "This line was posted before from the same file with other content.",
                    "Diese Zeile wurde aus derselben Datei schon mit anderem Inhalt gemeldet."));
                return (false, false, errors);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Bulk upload {Id} failed")]
    private static partial void LogFailed(ILogger logger, string id, Exception exception);
}
