using System.Security.Cryptography;
using ResponsePortal.Catalog;
using ResponsePortal.Store;

namespace ResponsePortal.Listings;

public abstract record CreateListingOutcome
{
    private CreateListingOutcome() { }

    /// <param name="ManageToken">Shown to the poster once; only its hash is stored.</param>
    /// <param name="Replayed">True when an Idempotency-Key retry returned the first answer.</param>
    public sealed record Created(Listing Listing, string ManageToken, bool Replayed) : CreateListingOutcome;

    public sealed record Invalid(FieldErrors Errors) : CreateListingOutcome;

    public sealed record KeyReused : CreateListingOutcome;
}

public abstract record ManageOutcome
{
    private ManageOutcome() { }

    public sealed record Done(Listing Listing) : ManageOutcome;

    public sealed record Invalid(FieldErrors Errors) : ManageOutcome;

    /// <summary>No such listing, or the token does not open it: the two are not told apart.</summary>
    public sealed record NotFound : ManageOutcome;

    /// <summary>Someone else changed the listing meanwhile; reload and try again.</summary>
    public sealed record Conflict : ManageOutcome;

    /// <summary>Withdrawn or expired listings cannot be changed.</summary>
    public sealed record Closed(Listing Listing) : ManageOutcome;
}

/// <summary>Posting, reading and managing listings: the one place both the JSON API and the HTML forms go through.</summary>
public sealed class ListingService(IListingStore store, PortalCatalog catalog, ManageTokens tokens, TimeProvider time)
{
    public async Task<CreateListingOutcome> CreateAsync(ListingSide side, ListingDraft draft, IdempotencyClaim? idempotency, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = NewId(side);
        var token = tokens.TokenFor(id);
        var identity = new ListingIdentity(id, ListingStatus.Open, now, now, ManageTokens.Hash(token), 0);
        var errors = new FieldErrors();
        var listing = ListingValidator.Validate(draft, side, identity, catalog, DateOnly.FromDateTime(now.UtcDateTime), errors);
        if (listing is null)
        {
            return new CreateListingOutcome.Invalid(errors);
        }

        return await store.CreateAsync(listing, idempotency, cancellationToken) switch
        {
            CreateListingResult.Created created => new CreateListingOutcome.Created(created.Listing, token, Replayed: false),
            CreateListingResult.Replayed replayed => new CreateListingOutcome.Created(replayed.Listing, tokens.TokenFor(replayed.Listing.Id), Replayed: true),
            _ => new CreateListingOutcome.KeyReused(),
        };
    }

    public Task<Listing?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsWellFormedId(id) ? store.FindAsync(id, cancellationToken) : Task.FromResult<Listing?>(null);

    public Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken) =>
        store.QueryAsync(query, cancellationToken);

    public async Task<Listing?> FindForManagerAsync(string id, string? token, CancellationToken cancellationToken)
    {
        var listing = await FindAsync(id, cancellationToken);
        return listing is not null && ManageTokens.Matches(token, listing.ManageTokenHash) ? listing : null;
    }

    public async Task<ManageOutcome> UpdateAsync(string id, string? token, ListingDraft draft, CancellationToken cancellationToken)
    {
        var current = await FindForManagerAsync(id, token, cancellationToken);
        if (current is null)
        {
            return new ManageOutcome.NotFound();
        }

        if (current.Status != ListingStatus.Open)
        {
            return new ManageOutcome.Closed(current);
        }

        var now = time.GetUtcNow();
        var identity = new ListingIdentity(current.Id, current.Status, current.CreatedAt, now, current.ManageTokenHash, current.Version);
        var errors = new FieldErrors();
        var edited = ListingValidator.Validate(draft, current.Side, identity, catalog, DateOnly.FromDateTime(now.UtcDateTime), errors);
        if (edited is null)
        {
            return new ManageOutcome.Invalid(errors);
        }

        var saved = await store.UpdateAsync(edited, current.Version, cancellationToken);
        return saved is null ? new ManageOutcome.Conflict() : new ManageOutcome.Done(saved);
    }

    public async Task<ManageOutcome> WithdrawAsync(string id, string? token, CancellationToken cancellationToken)
    {
        var current = await FindForManagerAsync(id, token, cancellationToken);
        if (current is null)
        {
            return new ManageOutcome.NotFound();
        }

        if (current.Status != ListingStatus.Open)
        {
            return new ManageOutcome.Closed(current);
        }

        var withdrawn = current with { Status = ListingStatus.Withdrawn, UpdatedAt = time.GetUtcNow() };
        var saved = await store.UpdateAsync(withdrawn, current.Version, cancellationToken);
        return saved is null ? new ManageOutcome.Conflict() : new ManageOutcome.Done(saved);
    }

    /// <summary>
    /// "o-" or "r-" and 16 characters of base32, short enough to read out on the phone: 8 characters of the time
    /// (milliseconds since 2020, good until 2054) and 40 random bits. Ids are public (the listing page's address);
    /// the management token is the secret. The time prefix is there for the store: consecutive listings get
    /// neighbouring keys, so the id indexes grow at their right edge instead of dirtying a random page per insert
    /// (with random ids a commit of 64 listings rewrote about 64 index pages per keyed table).
    /// </summary>
    public static string NewId(ListingSide side) => NewId(side, DateTimeOffset.UtcNow);

    /// <summary>The same for a given instant (tests: the time prefix sorts like the time).</summary>
    public static string NewId(ListingSide side, DateTimeOffset now)
    {
        // The id alphabet (no i, l, o, 1) in ordinal order, so comparing ids as text compares their time prefixes.
        const string alphabet = "023456789abcdefghjkmnpqrstuvwxyz";
        var milliseconds = (ulong)Math.Max(0, (now - IdEpoch).Ticks / TimeSpan.TicksPerMillisecond);
        var random = RandomBytes(8);
        Span<char> chars = stackalloc char[18];
        chars[0] = side == ListingSide.Offer ? 'o' : 'r';
        chars[1] = '-';
        for (var i = 9; i >= 2; i--)
        {
            chars[i] = alphabet[(int)(milliseconds & 31)];
            milliseconds >>= 5;
        }

        for (var i = 0; i < 8; i++)
        {
            chars[i + 10] = alphabet[random[i] & 31];
        }

        return new string(chars);
    }

    private static readonly DateTimeOffset IdEpoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Random bytes for ids, drawn from the system's CSPRNG a few hundred at a time per thread: one OpenSSL call per id cost
    // more than the rest of making the id. The bytes are as random either way; each is handed out once.
    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_randomUsed;

    private static ReadOnlySpan<byte> RandomBytes(int count)
    {
        if (t_random is null || t_randomUsed + count > t_random.Length)
        {
            RandomNumberGenerator.Fill(t_random ??= new byte[512]);
            t_randomUsed = 0;
        }

        var bytes = t_random.AsSpan(t_randomUsed, count);
        t_randomUsed += count;
        return bytes;
    }

    private static readonly System.Buffers.SearchValues<char> IdAlphabet = System.Buffers.SearchValues.Create("abcdefghjkmnpqrstuvwxyz023456789");

    public static bool IsWellFormedId(string? id) =>
        id is { Length: 18 } && id[0] is 'o' or 'r' && id[1] == '-' && id.AsSpan(2).IndexOfAnyExcept(IdAlphabet) < 0;

    public static ListingSide? SideOf(string id) => id.StartsWith("o-", StringComparison.Ordinal) ? ListingSide.Offer
        : id.StartsWith("r-", StringComparison.Ordinal) ? ListingSide.Request : null;
}
