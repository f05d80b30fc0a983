package dev.gantry.deploy;

import dev.gantry.config.RunSpec;
import dev.gantry.config.ServiceConfig;
import dev.gantry.discovery.Colour;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.store.InstallationId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the containers of a release as data: labels (docs/design.md, "Labels and names") and names
 * {@code <service>-<colour>-<n>-<installation>}, so that two installations on one engine never
 * want the same name (docs/architecture.md, "Installations").
 */
final class AppContainers {
    private AppContainers() {
    }

    /**
     * Replica {@code n} (from 1) of the release in {@code colour}. Every volume the image declares
     * is a named volume of the service in this installation, shared by its replicas and kept across
     * releases. Its environment: {@link #environment}.
     */
    static ContainerSpec replica(Deployment deployment, Colour colour, int n, List<String> declaredVolumes) {
        ServiceConfig config = deployment.config();
        var spec = ContainerSpec.of(deployment.appImage().toString(), name(deployment.installation(), config.service(), colour, n))
                .withEnv(environment(deployment, colour))
                .withLabels(Labels.app(deployment, colour))
                .withPublishedPort(config.run().port())
                .withSupervision(supervision(config.run()));
        for (String path : declaredVolumes) {
            spec = spec.withVolume(volumeName(deployment.installation(), config.service(), path), path);
        }
        return spec;
    }

    /**
     * The environment of every replica of the release in {@code colour}, container or Swarm task: run/env, then
     * the service's secrets (a secret wins over run/env of the same name, docs/secrets.md), then Gantry's own.
     */
    static Map<String, String> environment(Deployment deployment, Colour colour) {
        Map<String, String> env = new LinkedHashMap<>(deployment.config().run().env());
        env.putAll(deployment.secrets().asEnv());
        env.put("GANTRY_SERVICE", deployment.service());
        env.put("GANTRY_RELEASE", deployment.release());
        env.put("GANTRY_COLOUR", colour.word());
        return env;
    }

    /**
     * How the engine keeps a replica, from {@code run/restart} and {@code run/resources} (docs/gantry-yml.md): Docker's
     * restart policy ({@code any}: {@code unless-stopped}, so a replica Gantry stops stays stopped;
     * {@code on-failure}: {@code on-failure[:max-attempts]}; {@code none}: {@code no}) and its limits. Docker keeps
     * its own delay between restarts; {@code delay} and {@code window} apply on a Swarm only.
     */
    static ContainerSpec.Supervision supervision(RunSpec run) {
        String restart = switch (run.restart().condition()) {
            case "none" -> "no";
            case "on-failure" -> run.restart().maxAttempts() > 0 ? "on-failure:" + run.restart().maxAttempts() : "on-failure";
            default -> "unless-stopped";
        };
        return new ContainerSpec.Supervision(restart, run.resources().memoryBytes().orElse(0L),
                run.resources().nanoCpus().orElse(0L));
    }

    /** {@code books-ms-blue-1-k3x9a2bq}: the installation's id ends every name it gives. */
    static String name(InstallationId installation, String service, Colour colour, int n) {
        return service + "-" + colour.word() + "-" + n + "-" + installation.value();
    }

    /**
     * {@code gantry-books-ms-data-k3x9a2bq} for {@code /data}: one volume per installation, service
     * and path; another installation's service of the same name never writes this one's data.
     */
    static String volumeName(InstallationId installation, String service, String path) {
        return legacyVolumeName(service, path) + "-" + installation.value();
    }

    /** {@code gantry-books-ms-data}: the volume of {@code path} as Gantry named it before installation ids. */
    static String legacyVolumeName(String service, String path) {
        String slug = path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return "gantry-" + service + "-" + (slug.isEmpty() ? "root" : slug);
    }
}
