namespace ResponsePortal.Web;

/// <summary>Sign-in, sign-out and the admins' account page.</summary>
public static partial class Texts
{
    public static readonly UiText NavDashboard = new("Dashboard", "Lagebild");
    public static readonly UiText NavSignIn = new("Sign in", "Anmelden");
    public static readonly UiText NavSignOut = new("Sign out", "Abmelden");
    public static readonly UiText NavBulk = new("Bulk upload", "Sammel-Upload");
    public static readonly UiText SignedInAs = new("Signed in as {0}", "Angemeldet als {0}");

    public static readonly UiText SignInTitle = new("Sign in", "Anmelden");
    public static readonly UiText SignInLead = new(
        "For authorities, cluster managers and admins with an invitation. Enter your e-mail address and we send you a link that signs you in. No password needed.",
        "Für Behörden, Cluster-Verantwortliche und Admins mit Einladung. Geben Sie Ihre E-Mail-Adresse ein; wir schicken Ihnen einen Link, der Sie anmeldet. Ein Passwort ist nicht nötig.");
    public static readonly UiText EmailLabel = new("E-mail address", "E-Mail-Adresse");
    public static readonly UiText SendLink = new("Send sign-in link", "Anmeldelink senden");
    public static readonly UiText EmailInvalid = new("Enter an e-mail address like name@example.org.", "Geben Sie eine E-Mail-Adresse wie name@example.org ein.");
    public static readonly UiText LinkSentTitle = new("Check your e-mail", "Sehen Sie in Ihr Postfach");
    public static readonly UiText LinkSent = new(
        "If {0} has an account, a sign-in link is on its way. It works once, for {1} minutes.",
        "Wenn {0} ein Konto hat, ist ein Anmeldelink unterwegs. Er gilt einmal und {1} Minuten lang.");
    public static readonly UiText SignInRequired = new("Please sign in to see this page.", "Bitte melden Sie sich an, um diese Seite zu sehen.");
    public static readonly UiText AccessDenied = new(
        "Your account may not open that page. Ask an admin if you need it.",
        "Ihr Konto darf diese Seite nicht öffnen. Wenden Sie sich an einen Admin, wenn Sie sie brauchen.");
    public static readonly UiText LinkConfirmTitle = new("Sign in to ResponsePortal", "Bei ResponsePortal anmelden");
    public static readonly UiText LinkConfirmLead = new(
        "Press the button to finish signing in. (We ask because mail scanners open links too, and the link works only once.)",
        "Drücken Sie die Schaltfläche, um die Anmeldung abzuschließen. (Wir fragen, weil auch Mail-Scanner Links öffnen und der Link nur einmal gilt.)");
    public static readonly UiText LinkConfirmButton = new("Sign in", "Anmelden");
    public static readonly UiText LinkInvalid = new(
        "This sign-in link is invalid, used or expired. Ask for a new one.",
        "Dieser Anmeldelink ist ungültig, schon benutzt oder abgelaufen. Fordern Sie einen neuen an.");

    public static readonly UiText AccountsTitle = new("Accounts", "Konten");
    public static readonly UiText AccountsLead = new(
        "Invite authorities and cluster managers. They get an e-mail with a sign-in link; there are no passwords.",
        "Laden Sie Behörden und Cluster-Verantwortliche ein. Sie erhalten eine E-Mail mit Anmeldelink; Passwörter gibt es nicht.");
    public static readonly UiText InviteHeading = new("Invite someone", "Jemanden einladen");
    public static readonly UiText NameLabel = new("Name", "Name");
    public static readonly UiText RoleLabel = new("Role", "Rolle");
    public static readonly UiText RoleAdmin = new("Admin", "Admin");
    public static readonly UiText RoleAuthority = new("Authority (sees everything)", "Behörde (sieht alles)");
    public static readonly UiText RoleClusterManager = new("Cluster manager (own cluster)", "Cluster-Verantwortliche (eigener Cluster)");
    public static readonly UiText AccountClusterLabel = new("Cluster", "Cluster");
    public static readonly UiText AccountClusterHint = new(
        "For cluster managers: the cluster name exactly as listings give it in organisation.cluster.",
        "Für Cluster-Verantwortliche: der Clustername genau wie in organisation.cluster der Einträge.");
    public static readonly UiText ClusterRequired = new("Cluster managers need a cluster.", "Cluster-Verantwortliche brauchen einen Cluster.");
    public static readonly UiText InviteButton = new("Invite and send link", "Einladen und Link senden");
    public static readonly UiText Invited = new("{0} is invited; the sign-in link is sent.", "{0} ist eingeladen; der Anmeldelink ist verschickt.");
    public static readonly UiText AccountsListHeading = new("Accounts", "Konten");
    public static readonly UiText InvitedByLabel = new("Invited by", "Eingeladen von");
    public static readonly UiText AccountActionLabel = new("Access", "Zugang");
    public static readonly UiText RemoveAccessButton = new("Remove access", "Zugang entziehen");
    public static readonly UiText YouMarker = new("(you)", "(Sie)");
    public static readonly UiText AccessRemoved = new(
        "{0} no longer has access. A session still open ends with its next click; an unused sign-in link no longer works.",
        "{0} hat keinen Zugang mehr. Eine noch offene Sitzung endet mit dem nächsten Klick; ein unbenutzter Anmeldelink gilt nicht mehr.");
    public static readonly UiText AccountGone = new("{0} is not in the list (any more).", "{0} ist nicht (mehr) in der Liste.");
    public static readonly UiText CannotRemoveSelf = new(
        "You cannot remove your own access; another admin can.",
        "Ihren eigenen Zugang können Sie nicht entziehen; das kann ein anderer Admin.");
    public static readonly UiText CannotRemoveConfigured = new(
        "{0} is an admin from the configuration (Portal:Admins) and would be back at the next start. Remove the address there first.",
        "{0} ist Admin aus der Konfiguration (Portal:Admins) und wäre beim nächsten Start wieder da. Entfernen Sie die Adresse zuerst dort.");
}
