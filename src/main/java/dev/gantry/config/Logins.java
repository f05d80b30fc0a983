package dev.gantry.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The credentials Gantry presents to the registry (docker push and pull, the Registry API) and to
 * etcd; empty where that control plane takes anonymous clients (docs/installation-config.md).
 */
public record Logins(Optional<Login> registry, Optional<Login> etcd) {
    /** No credentials anywhere. */
    public static final Logins NONE = new Logins(Optional.empty(), Optional.empty());

    /** Checks for nulls. */
    public Logins {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(etcd, "etcd");
    }
}
