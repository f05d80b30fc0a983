package dev.gantry.engine;

import com.github.dockerjava.api.model.AuthConfig;
import dev.gantry.config.Login;
import java.util.Optional;

/**
 * The installation's registry and its login: what a push or pull of one of its images sends as
 * X-Registry-Auth (Docker Engine API, "Authentication"). An image of another registry gets an empty
 * one, so the installation's password never goes to a registry it did not name.
 */
record RegistryAuth(String registry, Optional<Login> login) {
    static final RegistryAuth NONE = new RegistryAuth("", Optional.empty());

    /** The auth config for {@code repository} ({@code host[:port]/path}). */
    AuthConfig forImage(String repository) {
        return login.filter(user -> repository.startsWith(registry + "/"))
                .map(user -> new AuthConfig().withUsername(user.username()).withPassword(user.password())
                        .withRegistryAddress(registry))
                .orElseGet(AuthConfig::new);
    }
}
