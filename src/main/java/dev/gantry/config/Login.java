package dev.gantry.config;

import java.util.Objects;

/**
 * A user name and password for one of the control planes Gantry talks to (the registry, etcd). Its
 * {@code toString} never shows the password, so printing an {@link Installation} cannot leak it.
 */
public record Login(String username, String password) {
    /** Checks for nulls. */
    public Login {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Login[" + username + ", password not shown]";
    }
}
