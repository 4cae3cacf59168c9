using System.Security.Claims;

namespace ResponsePortal.Accounts;

/// <summary>
/// Who may see what. Admins invite accounts; authorities see every listing and match; cluster managers see and manage
/// the listings (and their matches) whose organisation belongs to their cluster, and post shortages for their members.
/// </summary>
public enum PortalRole { Admin, Authority, ClusterManager }

/// <param name="Email">Lower-case; the account's key and where sign-in links go.</param>
/// <param name="Cluster">Only for cluster managers: the <c>organisation.cluster</c> value their scope is.</param>
public sealed record Account(string Email, PortalRole Role, string? Cluster, string? Name, DateTimeOffset CreatedAt, string? InvitedBy);

public static class RoleCodes
{
    public static string Of(PortalRole role) => role switch
    {
        PortalRole.Admin => "admin",
        PortalRole.Authority => "authority",
        _ => "cluster-manager",
    };

    public static PortalRole? Parse(string? code) => code switch
    {
        "admin" => PortalRole.Admin,
        "authority" => PortalRole.Authority,
        "cluster-manager" => PortalRole.ClusterManager,
        _ => null,
    };
}

/// <summary>The claims a signed-in principal carries, whichever handler (cookie or App Service headers) made it.</summary>
public static class PortalClaims
{
    public const string Cluster = "portal:cluster";

    public static ClaimsPrincipal For(Account account, string scheme)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Email),
            new(ClaimTypes.Email, account.Email),
            new(ClaimTypes.Name, account.Name ?? account.Email),
            new(ClaimTypes.Role, RoleCodes.Of(account.Role)),
        };
        if (account.Cluster is { Length: > 0 } cluster)
        {
            claims.Add(new Claim(Cluster, cluster));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

/// <summary>What a request may see, derived once from the principal: the scope every dashboard, export and bulk query applies.</summary>
public sealed record Viewer(string Email, PortalRole Role, string? Cluster)
{
    /// <summary>Null: everything. Otherwise only listings whose organisation.cluster equals this.</summary>
    public string? ClusterScope => Role == PortalRole.ClusterManager ? Cluster ?? "" : null;

    public static Viewer? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true
            || user.FindFirstValue(ClaimTypes.Email) is not { } email
            || RoleCodes.Parse(user.FindFirstValue(ClaimTypes.Role)) is not { } role)
        {
            return null;
        }

        return new Viewer(email, role, user.FindFirstValue(PortalClaims.Cluster));
    }
}

/// <summary>Authorization policy names, used once per route group or page folder.</summary>
public static class PortalPolicies
{
    /// <summary>Any signed-in account: admin, authority, cluster manager (the queries then scope by cluster).</summary>
    public const string Dashboard = "dashboard";

    public const string Admin = "admin";

    /// <summary>Cluster managers (for their cluster) and admins.</summary>
    public const string BulkPosting = "bulk-posting";
}
