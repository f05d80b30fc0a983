package dev.gantry.deploy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Instance;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Optional;

/**
 * One change a run makes to production, as data: enough to say what it was (the audit log) and to
 * take it back in another process after a crash (the run journal). Undo acts on what the change
 * produced, a container by its id, never by a name that something else may carry by now; it may run
 * for a change that was only intended, or that was already taken back, and then finds nothing to
 * do. Nullable fields are "there was none" (or, for a container's id, "not known yet").
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "effect")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Effect.ContainerStarted.class, name = "container-started"),
        @JsonSubTypes.Type(value = Effect.ContainerSetAside.class, name = "container-set-aside"),
        @JsonSubTypes.Type(value = Effect.ServiceCreated.class, name = "service-created"),
        @JsonSubTypes.Type(value = Effect.ServiceScaled.class, name = "service-scaled"),
        @JsonSubTypes.Type(value = Effect.ColourRegistered.class, name = "colour-registered"),
        @JsonSubTypes.Type(value = Effect.TrafficRouted.class, name = "traffic-routed"),
        @JsonSubTypes.Type(value = Effect.LiveMoved.class, name = "live-moved"),
        @JsonSubTypes.Type(value = Effect.ReleaseKept.class, name = "release-kept"),
        @JsonSubTypes.Type(value = Effect.ContainerStopped.class, name = "container-stopped"),
        @JsonSubTypes.Type(value = Effect.ContainerRemoved.class, name = "container-removed"),
        @JsonSubTypes.Type(value = Effect.ServiceRemoved.class, name = "service-removed"),
        @JsonSubTypes.Type(value = Effect.ColourDeregistered.class, name = "colour-deregistered"),
        @JsonSubTypes.Type(value = Effect.ImageRemoved.class, name = "image-removed")})
public sealed interface Effect {

    /** What the change is, for people: "start books-ms-green-1". */
    String describe();

    /**
     * Takes the change of run {@code runId} back; answers false when there was nothing to take back
     * (it never took place, or is gone already). Changes after the point of no return have nothing
     * to take back.
     */
    default boolean undo(Production production, long runId) {
        return false;
    }

    /** A container or a Swarm service was made; Docker's {@code id} for it is journaled once known. */
    sealed interface Made extends Effect {
        /** The same change, with the id Docker gave what it made. */
        Made withId(String newId);
    }

    /**
     * A container of the candidate colour was created and started; {@code id} is Docker's, journaled
     * once the start answered (null while only intended). Undo: remove that container.
     */
    record ContainerStarted(String name, String image, String id) implements Made {
        public String describe() {
            return "start " + name + " (" + image + ")";
        }

        /** The same start, with the id Docker gave the container. */
        public ContainerStarted withId(String newId) {
            return new ContainerStarted(name, image, newId);
        }

        public boolean undo(Production production, long runId) {
            var engine = production.engine();
            if (id != null) {
                if (engine.inspect(id).isEmpty()) {
                    return false;
                }
                engine.remove(id);
                return true;
            }
            if (!name.endsWith("-" + production.installation().value())) {
                engine.remove(name); // journaled before installation ids: its name is all there is
                return true;
            }
            // only intended: the process may have died after Docker created it; the run's labels tell
            var made = engine.list(Labels.run(production.installation(), runId)).stream()
                    .filter(c -> c.name().equals(name)).toList();
            made.forEach(c -> engine.remove(c.id()));
            return !made.isEmpty();
        }
    }

    /**
     * A Swarm service of the candidate colour was created (docs/swarm.md); {@code id} is Docker's, journaled
     * once the manager answered (null while only intended). Undo: remove that service, and with it its tasks.
     */
    record ServiceCreated(String name, String image, String id) implements Made {
        public String describe() {
            return "create the Swarm service " + name + " (" + image + ")";
        }

        public ServiceCreated withId(String newId) {
            return new ServiceCreated(name, image, newId);
        }

        public boolean undo(Production production, long runId) {
            var swarm = production.engine().swarm();
            if (id != null) {
                if (swarm.service(id).isEmpty()) {
                    return false;
                }
                swarm.removeService(id);
                return true;
            }
            // only intended: the process may have died after the manager created it; the run's labels tell
            var made = swarm.services(Labels.run(production.installation(), runId)).stream()
                    .filter(service -> service.name().equals(name)).toList();
            made.forEach(service -> swarm.removeService(service.id()));
            return !made.isEmpty();
        }
    }

    /**
     * The live colour's Swarm service {@code id} was told to run {@code replicas} tasks instead of {@code before}
     * ({@code gantry scale}). Undo: {@code before} again, if the service is still there.
     */
    record ServiceScaled(String name, String id, int replicas, int before) implements Effect {
        public String describe() {
            return "scale the Swarm service " + name + " from " + before + " to " + replicas + " replica(s)";
        }

        public boolean undo(Production production, long runId) {
            var swarm = production.engine().swarm();
            if (swarm.service(id).isEmpty()) {
                return false;
            }
            swarm.scaleService(id, before);
            return true;
        }
    }

    /**
     * A container left in the candidate colour by an earlier release, {@code id}, was renamed out of
     * the way. Undo: that container's name back.
     */
    record ContainerSetAside(String name, String asideName, String id) implements Effect {
        public String describe() {
            return "set " + name + " aside as " + asideName;
        }

        public boolean undo(Production production, long runId) {
            var engine = production.engine();
            var container = engine.inspect(id == null ? asideName : id);
            if (container.isEmpty() || !container.get().name().equals(asideName)) {
                return false; // never renamed, renamed back already, or gone
            }
            engine.rename(container.get().id(), name);
            return true;
        }
    }

    /** A colour's record was written to discovery. Undo: the record it replaced, or none. */
    record ColourRegistered(String service, Colour colour, ColourRecord record, ColourRecord before) implements Effect {
        public String describe() {
            return "register " + service + " " + colour.word() + " as " + record.state().word() + " ("
                    + record.instances().size() + " instance(s), release " + record.release() + ")";
        }

        public boolean undo(Production production, long runId) {
            Optional.ofNullable(before).ifPresentOrElse(old -> production.discovery().put(service, colour, old),
                    () -> production.discovery().remove(service, colour));
            return true;
        }
    }

    /** The proxy was routed to other backends. Undo: route to the backends before, or unroute. */
    record TrafficRouted(String service, String path, String host, List<Instance> to, List<Instance> before)
            implements Effect {
        public String describe() {
            return "route " + path + " to " + to.stream().map(i -> i.host() + ":" + i.port()).toList();
        }

        public boolean undo(Production production, long runId) {
            if (before == null) {
                production.proxy().unroute(service);
            } else {
                production.proxy().route(route(service, path, host, before));
            }
            return true;
        }

        /** The route of {@code service} to {@code instances}. */
        public static Route route(String service, String path, String host, List<Instance> instances) {
            return new Route(service, path, Optional.ofNullable(host),
                    instances.stream().map(i -> new Backend(i.host(), i.port())).toList());
        }
    }

    /** The live pointer moved to {@code colour}. Undo: the pointer back, or cleared. */
    record LiveMoved(String service, Colour colour, Colour before) implements Effect {
        public String describe() {
            return "make " + service + " " + colour.word() + " live" + (before == null ? "" : " instead of " + before.word());
        }

        public boolean undo(Production production, long runId) {
            if (before == null) {
                production.discovery().clearLive(service);
            } else {
                production.discovery().setLive(service, before);
            }
            return true;
        }
    }

    /** The point of no return: the release passed and stays; {@code old} (if any) is to be retired. */
    record ReleaseKept(String service, Colour live, Colour old) implements Effect {
        public String describe() {
            return "keep " + service + " " + live.word() + " live" + (old == null ? "" : "; retire " + old.word());
        }
    }

    /** Cleanup stopped a container of the old colour. */
    record ContainerStopped(String name) implements Effect {
        public String describe() {
            return "stop " + name;
        }
    }

    /** Cleanup removed a container set aside by this run, or a scale down one of the live colour's, after its drain. */
    record ContainerRemoved(String name) implements Effect {
        public String describe() {
            return "remove " + name;
        }
    }

    /** Cleanup removed the old colour's Swarm service (or a deploy removed one left in the candidate colour). */
    record ServiceRemoved(String name) implements Effect {
        public String describe() {
            return "remove the Swarm service " + name;
        }
    }

    /** Cleanup removed the old colour's record from discovery. */
    record ColourDeregistered(String service, Colour colour) implements Effect {
        public String describe() {
            return "deregister " + service + " " + colour.word();
        }
    }

    /** Cleanup removed an image beyond {@code deploy/keep-releases}. */
    record ImageRemoved(String reference) implements Effect {
        public String describe() {
            return "remove the image " + reference;
        }
    }
}
