package dev.gantry.deploy;

import dev.gantry.config.ServiceConfig;
import dev.gantry.discovery.Colour;
import dev.gantry.engine.ContainerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the containers of a release (DESIGN.md: labels, names {@code <service>-<colour>-<n>}) as data. */
final class AppContainers {
    private AppContainers() {
    }

    /**
     * Replica {@code n} (from 1) of the release in {@code colour}. Every volume the image declares
     * is a named volume of the service, shared by its replicas and kept across releases. Its
     * environment: run/env, then the service's secrets, then Gantry's own variables.
     */
    static ContainerSpec replica(Deployment deployment, Colour colour, int n, List<String> declaredVolumes) {
        ServiceConfig config = deployment.config();
        Map<String, String> env = new LinkedHashMap<>(config.run().env());
        env.putAll(deployment.secrets().asEnv()); // a secret wins over run/env of the same name (docs/secrets.md)
        env.put("GANTRY_SERVICE", config.service());
        env.put("GANTRY_RELEASE", deployment.release());
        env.put("GANTRY_COLOUR", colour.word());
        var spec = ContainerSpec.of(deployment.appImage().toString(), name(config.service(), colour, n))
                .withEnv(env)
                .withLabels(Labels.app(deployment, colour))
                .withPublishedPort(config.run().port());
        for (String path : declaredVolumes) {
            spec = spec.withVolume(volumeName(config.service(), path), path);
        }
        return spec;
    }

    static String name(String service, Colour colour, int n) {
        return service + "-" + colour.word() + "-" + n;
    }

    /** {@code gantry-books-ms-data} for {@code /data}: one volume per service and path. */
    static String volumeName(String service, String path) {
        String slug = path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return "gantry-" + service + "-" + (slug.isEmpty() ? "root" : slug);
    }
}
