package dev.gantry.ui;

/**
 * What the frame of every page shows: its title, and who is logged in, with the scope of their token and the CSRF
 * token of the logout form (all null on the login page). Public, as every model of a template, for the generated
 * template classes.
 */
public record Frame(String title, String user, String scope, String csrf) {

    /** The frame of a page seen without a session. */
    static Frame anonymous(String title) {
        return new Frame(title, null, null, null);
    }

    /** The frame of a page {@code session} sees. */
    static Frame of(String title, Session session) {
        return new Frame(title, session.caller().name(), session.caller().scope().word(), session.csrf());
    }

    /** Whether someone is logged in. */
    public boolean loggedIn() {
        return user != null;
    }
}
