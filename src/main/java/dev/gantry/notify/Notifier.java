package dev.gantry.notify;

import dev.gantry.Reason;
import dev.gantry.config.EmailSpec;
import dev.gantry.config.Installation;
import dev.gantry.config.EmailAllowance;
import dev.gantry.config.NotifyAllowance;
import dev.gantry.config.NotifySpec;
import dev.gantry.store.Runs;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Tells the installation's and the service's channels how a run ended (docs/notifications.md).
 * Never throws and never waits longer than its retry policy allows: a notification cannot fail a run.
 */
public final class Notifier {
    private final NotifySpec installation;
    private final NotifyAllowance allowance;
    private final Function<NotifySpec, List<Channel>> channels;
    private final Delivery delivery;
    private final UnaryOperator<String> mask;
    private final Consumer<String> warnings;

    Notifier(NotifySpec installation, NotifyAllowance allowance, Function<NotifySpec, List<Channel>> channels,
             Delivery delivery, UnaryOperator<String> mask, Consumer<String> warnings) {
        this.installation = installation;
        this.allowance = allowance;
        this.channels = channels;
        this.delivery = delivery;
        this.mask = mask;
        this.warnings = warnings;
    }

    /** The notifier of {@code installation}, logging to its notifications.log and warning through {@code warnings}. */
    public static Notifier of(Installation installation, Consumer<String> warnings) {
        var log = new NotificationLog(installation.logs().resolve("notifications.log"), warnings);
        Consumer<String> problems = text -> {
            log.write(text);
            warnings.accept(text);
        };
        var channels = new Channels(new HttpPost(), installation.notifications().email().flatMap(EmailSpec::server), problems);
        // No mask yet: secret masking plugs in here; Notification.masked is where every text passes.
        return new Notifier(installation.notifications(), installation.notifyAllowance(), channels::of,
                new Delivery(RetryPolicy.STANDARD, RetryPolicy.Pause.SLEEP, log, warnings), UnaryOperator.identity(),
                problems);
    }

    /** A notifier with no channels: tells no one. */
    public static Notifier none() {
        return new Notifier(NotifySpec.NONE, new NotifyAllowance(List.of(), EmailAllowance.NONE), spec -> List.of(), null,
                UnaryOperator.identity(), text -> { });
    }

    /**
     * Sends the stored outcome of run {@code runId} to the installation's channels and to those of
     * {@code service} (its gantry.yml's notify, less what the installation does not allow), each
     * filtered by its own {@code on}.
     */
    public void runEnded(Runs runs, long runId, NotifySpec requested) {
        if (installation.isEmpty() && requested.isEmpty()) {
            return;
        }
        NotifySpec service = allowance.restrict(requested, warnings);
        try {
            runs.find(runId).flatMap(run -> Notification.of(run, hostName())).map(n -> n.masked(mask))
                    .ifPresent(n -> delivery.send(n, channelsFor(n, service)));
        } catch (RuntimeException e) {
            warnings.accept("the notifications of run " + runId + " were not sent: " + Reason.of(e));
        }
    }

    private List<Channel> channelsFor(Notification n, NotifySpec service) {
        return Stream.of(installation, service)
                .filter(spec -> spec.wants(n.event().word()))
                .flatMap(spec -> channels.apply(spec).stream())
                .distinct()
                .toList();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }
}
