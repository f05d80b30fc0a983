package dev.gantry.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What one Docker engine holds for one service: the containers and images labelled
 * {@code gantry.service=<service>} (docs/design.md, "Labels and names"), found and removed by that label only,
 * so that a test never touches what another test or another person started. The engine is the
 * one the CLI uses by default (DOCKER_HOST, else the local socket), or the one named.
 */
final class DockerObjects implements AutoCloseable {
    private static final String SERVICE_LABEL = "gantry.service";

    private final DockerClient docker;

    /** The engine the CLI uses by default: DOCKER_HOST, else the local socket. */
    DockerObjects() {
        this(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    /** The engine at {@code dockerHost} (unix:// or tcp://). */
    DockerObjects(String dockerHost) {
        this(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build());
    }

    private DockerObjects(DefaultDockerClientConfig config) {
        var http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    /** Containers of {@code service}, running or not, as "name (state)". */
    List<String> containers(String service) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(label(service)).exec().stream()
                .map(c -> String.join(",", c.getNames()) + " (" + c.getState() + ")")
                .toList();
    }

    /** Names of the containers of {@code service} that carry {@code labels} too; only running ones if asked. */
    List<String> names(String service, Map<String, String> labels, boolean runningOnly) {
        Map<String, String> filter = new HashMap<>(labels);
        filter.putAll(label(service));
        return docker.listContainersCmd().withShowAll(!runningOnly).withLabelFilter(filter).exec().stream()
                .map(c -> c.getNames()[0].replaceFirst("^/", ""))
                .sorted()
                .toList();
    }

    /** Names of the networks labelled with {@code service}, sorted. */
    List<String> networks(String service) {
        List<String> filter = label(service).entrySet().stream().map(l -> l.getKey() + "=" + l.getValue()).toList();
        return docker.listNetworksCmd().withFilter("label", filter).exec().stream().map(n -> n.getName()).sorted().toList();
    }

    /**
     * Every container of {@code service}, running or not, as "name id state colour release role",
     * sorted: what must be the same before and after a run that failed.
     */
    List<String> snapshot(String service) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(label(service)).exec().stream()
                .map(c -> String.join(" ", c.getNames()[0].replaceFirst("^/", ""), c.getId().substring(0, 12), c.getState(),
                        String.valueOf(c.getLabels().get("gantry.colour")), String.valueOf(c.getLabels().get("gantry.release")),
                        String.valueOf(c.getLabels().get("gantry.role"))))
                .sorted()
                .toList();
    }

    /**
     * Every container of {@code service}, running or not, whatever its name: "id name image state
     * labels" with the labels sorted, sorted by id. What a failed run must leave as it found it.
     */
    List<String> containerInventory(String service) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(label(service)).exec().stream()
                .map(c -> String.join(" ", c.getId().substring(0, 12), c.getNames()[0].replaceFirst("^/", ""),
                        c.getImage(), c.getState(), new TreeMap<>(c.getLabels()).toString()))
                .sorted()
                .toList();
    }

    /** Every image of {@code service} as "id tag,tag…" ("-" when untagged), sorted by id. */
    List<String> imageInventory(String service) {
        return docker.listImagesCmd().withShowAll(true).withLabelFilter(label(service)).exec().stream()
                .map(image -> image.getId().replaceFirst("^sha256:", "").substring(0, 12) + " " + tags(image))
                .sorted()
                .toList();
    }

    /** Images of {@code service}, as their tags (or ids when untagged). */
    List<String> images(String service) {
        return docker.listImagesCmd().withShowAll(true).withLabelFilter(label(service)).exec().stream()
                .map(DockerObjects::describe)
                .toList();
    }

    /** Whether this engine has the image {@code reference} (a tag or an id). */
    boolean hasImage(String reference) {
        try {
            docker.inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    /** The image {@code reference}'s parent image id; empty for a pulled image, set for one built here. */
    String parent(String reference) {
        return String.valueOf(docker.inspectImageCmd(reference).exec().getParent());
    }

    /**
     * What this engine did to the containers and images of {@code service} between two instants
     * (epoch seconds), from its event log: "container create NAME role=ROLE", "image pull NAME" ….
     */
    List<String> events(String service, long since, long until) {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        try (var callback = docker.eventsCmd().withSince(Long.toString(since)).withUntil(Long.toString(until))
                .withLabelFilter(label(service)).exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        Map<String, String> attributes = event.getActor().getAttributes();
                        events.add(event.getType().getValue() + " " + event.getAction() + " " + attributes.get("name")
                                + (event.getType() == EventType.CONTAINER ? " role=" + attributes.get("gantry.role") : ""));
                    }
                })) {
            if (!callback.awaitCompletion(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("reading the events of " + service + " took over 30 s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the events of " + service, e);
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Whether the engine answers. */
    boolean answers() {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The containers of {@code service} that installation {@code installation} made, as "name id
     * state", sorted: what another installation must never change.
     */
    List<String> snapshot(String service, String installation) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(SERVICE_LABEL, service, "gantry.installation", installation)).exec().stream()
                .map(c -> String.join(" ", c.getNames()[0].replaceFirst("^/", ""), c.getId().substring(0, 12), c.getState()))
                .sorted()
                .toList();
    }

    /** The id of the container named {@code name}. */
    String id(String name) {
        return docker.inspectContainerCmd(name).exec().getId();
    }

    /** Whether a container with this id or name exists. */
    boolean exists(String idOrName) {
        try {
            docker.inspectContainerCmd(idOrName).exec();
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    /** Gives the container {@code idOrName} the name {@code newName}, as a person with docker rename would. */
    void rename(String idOrName, String newName) {
        docker.renameContainerCmd(idOrName).withName(newName).exec();
    }

    /** Creates (not starts) a container of {@code image} named {@code name}, with {@code labels}; answers its id. */
    String create(String image, String name, Map<String, String> labels) {
        return docker.createContainerCmd(image).withName(name).withLabels(labels).exec().getId();
    }

    /** Restarts the container {@code idOrName}, as a person with docker restart would. */
    void restart(String idOrName) {
        docker.restartContainerCmd(idOrName).withTimeout(2).exec();
    }

    /** Removes the container {@code idOrName}. */
    void remove(String idOrName) {
        ignoringGone(() -> docker.removeContainerCmd(idOrName).withForce(true).exec());
    }

    /** The host pid of the main process of the running container {@code idOrName}. */
    long pid(String idOrName) {
        return docker.inspectContainerCmd(idOrName).exec().getState().getPidLong();
    }

    /** How many times the engine has restarted the container {@code idOrName} (its restart policy). */
    int restartCount(String idOrName) {
        return docker.inspectContainerCmd(idOrName).exec().getRestartCount();
    }

    /** The image the container {@code idOrName} was made from, as it was asked for. */
    String image(String idOrName) {
        return docker.inspectContainerCmd(idOrName).exec().getConfig().getImage();
    }

    /** Removes the containers (with their anonymous volumes) and images of {@code service}. */
    void removeAll(String service) {
        for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(label(service)).exec()) {
            ignoringGone(() -> docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec());
        }
        for (Image image : docker.listImagesCmd().withShowAll(true).withLabelFilter(label(service)).exec()) {
            ignoringGone(() -> docker.removeImageCmd(image.getId()).withForce(true).exec());
        }
        var volumes = docker.listVolumesCmd().exec().getVolumes();
        for (var volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            if (volume.getName().startsWith("gantry-" + service + "-")) {
                ignoringGone(() -> docker.removeVolumeCmd(volume.getName()).exec());
            }
        }
    }

    /**
     * The Swarm services of {@code service} (on a manager), each with the hostnames of the nodes its running
     * tasks are on, sorted: {@code {it-1234-blue-k3x9=[node1, node2]}}.
     */
    Map<String, List<String>> swarmServices(String service) {
        Map<String, String> hostnames = new HashMap<>();
        docker.listSwarmNodesCmd().exec().forEach(node -> hostnames.put(node.getId(), node.getDescription().getHostname()));
        Map<String, List<String>> services = new TreeMap<>();
        for (var found : docker.listServicesCmd().withLabelFilter(label(service)).exec()) {
            services.put(found.getSpec().getName(), docker.listTasksCmd().withServiceFilter(found.getId()).exec().stream()
                    .filter(task -> task.getStatus().getState() == TaskState.RUNNING)
                    .map(task -> hostnames.getOrDefault(task.getNodeId(), task.getNodeId())).sorted().toList());
        }
        return services;
    }

    /**
     * The Swarm services of {@code service} (on a manager) as "id name version image replicas labels", each followed
     * by its tasks that should run as "  name.slot id state": a service updated, replaced or recreated, or a task of
     * it replaced, reads differently. By service name, then slot.
     */
    List<String> swarmInventory(String service) {
        Map<String, List<String>> byName = new TreeMap<>();
        for (var found : docker.listServicesCmd().withLabelFilter(label(service)).exec()) {
            var spec = found.getSpec();
            var replicated = spec.getMode().getReplicated();
            List<String> lines = new ArrayList<>();
            lines.add(String.join(" ", found.getId().substring(0, 12), spec.getName(),
                    String.valueOf(found.getVersion().getIndex()), spec.getTaskTemplate().getContainerSpec().getImage(),
                    String.valueOf(replicated == null ? "global" : replicated.getReplicas()),
                    new TreeMap<>(spec.getLabels()).toString()));
            docker.listTasksCmd().withServiceFilter(found.getId()).exec().stream()
                    .filter(task -> task.getDesiredState() == TaskState.RUNNING)
                    .map(task -> "  " + spec.getName() + "." + task.getSlot() + " " + task.getId().substring(0, 12) + " "
                            + task.getStatus().getState())
                    .sorted().forEach(lines::add);
            byName.put(spec.getName(), lines);
        }
        return byName.values().stream().flatMap(List::stream).toList();
    }

    /** The log driver of each Swarm service of {@code service} (on a manager): {@code {name=json-file {max-file=2, …}}}. */
    Map<String, String> swarmLogDrivers(String service) {
        Map<String, String> drivers = new TreeMap<>();
        for (var found : docker.listServicesCmd().withLabelFilter(label(service)).exec()) {
            var driver = found.getSpec().getTaskTemplate().getLogDriver();
            drivers.put(found.getSpec().getName(), driver == null ? "the node's default"
                    : driver.getName() + " " + new TreeMap<>(driver.getOptions()));
        }
        return drivers;
    }

    /** SIGKILLs one running container of {@code service} on this engine, as a crash would; answers its name, if any ran. */
    Optional<String> killOne(String service) {
        return docker.listContainersCmd().withLabelFilter(label(service)).exec().stream().findFirst().map(container -> {
            docker.killContainerCmd(container.getId()).withSignal("KILL").exec();
            return container.getNames()[0].replaceFirst("^/", "");
        });
    }

    /** Removes the Swarm services of {@code service} (on a manager), and with them their tasks. */
    void removeSwarmServices(String service) {
        for (var found : docker.listServicesCmd().withLabelFilter(label(service)).exec()) {
            ignoringGone(() -> docker.removeServiceCmd(found.getId()).exec());
        }
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client failed", e);
        }
    }

    private static Map<String, String> label(String service) {
        return Map.of(SERVICE_LABEL, service);
    }

    private static String tags(Image image) {
        String[] tags = image.getRepoTags();
        List<String> named = tags == null ? List.of()
                : Arrays.stream(tags).filter(t -> !t.equals("<none>:<none>")).sorted().toList();
        return named.isEmpty() ? "-" : String.join(",", named);
    }

    private static String describe(Image image) {
        String[] tags = image.getRepoTags();
        return tags == null || tags.length == 0 || Arrays.asList(tags).contains("<none>:<none>")
                ? image.getId() : String.join(",", tags);
    }

    /** An object removed meanwhile (an image pruned with its child) is what we wanted anyway. */
    private static void ignoringGone(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException gone) {
            // already removed
        }
    }
}
