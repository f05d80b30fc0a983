package dev.gantry.webhook;

import dev.gantry.git.RemoteFetch;
import dev.gantry.server.ApiServer;
import dev.gantry.store.ServiceRows;
import dev.gantry.store.WebhookDeliveries;
import dev.gantry.trigger.RunQueue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /hooks/github}, {@code /hooks/gitlab}, {@code /hooks/gitea} (docs/webhooks.md): a push
 * the forge proved with its credential (the HMAC secret, or GitLab's own token) fetches the service's
 * branch from its remote and runs the commit if it is the branch's head there. Checked in this order, each before the next: signature header, size, signature,
 * delivery id (never taken twice), and only then the JSON.
 */
public final class WebhookEndpoint implements ApiServer.Mount {
    static final String PREFIX = "/hooks/";

    private final WebhookCredentials credentials;
    private final WebhookDeliveries deliveries;
    private final PushDispatch dispatch;

    /**
     * Takes webhooks proven with {@code credentials} (webhook-secret, webhook-gitlab-token; none for a forge: 503) for
     * the services of {@code services}, each delivery id once ({@code deliveries}); a push's branch is fetched with
     * {@code fetch} and its run queued on {@code queue}; failures of its work go to {@code log}.
     */
    public WebhookEndpoint(WebhookCredentials credentials, ServiceRows services, WebhookDeliveries deliveries,
                           RemoteFetch fetch, RunQueue queue, PrintStream log) {
        this.credentials = credentials;
        this.deliveries = deliveries;
        this.dispatch = new PushDispatch(services, fetch, queue, log);
    }

    @Override
    public void mount(JavalinConfig config) {
        for (Forge forge : Forge.values()) {
            config.routes.addHttpHandler(HandlerType.POST, PREFIX + forge.word(), ctx -> take(ctx, forge));
        }
    }

    /** The forges' paths only: another hook under /hooks/ (Alertmanager's) takes the API's bearer tokens. */
    @Override
    public List<String> ownAuthPrefixes() {
        return Arrays.stream(Forge.values()).map(forge -> PREFIX + forge.word()).toList();
    }

    private void take(Context ctx, Forge forge) throws Exception {
        Optional<String> secret = credentials.of(forge);
        if (secret.isEmpty()) {
            text(ctx, 503, credentials.missing(forge));
            return;
        }
        String signature = ctx.header(forge.signatureHeader);
        if (signature == null || signature.isEmpty()) {
            text(ctx, 401, "The request has no " + forge.signatureHeader + " header: give the webhook the secret"
                    + " of this server (" + setting(forge) + "). See docs/webhooks.md.");
            return;
        }
        long length = ctx.req().getContentLengthLong();
        Optional<byte[]> body = length > BoundedBody.LIMIT ? Optional.empty()
                : BoundedBody.read(ctx.req().getInputStream(), BoundedBody.LIMIT);
        if (body.isEmpty()) {
            if (!"100-continue".equalsIgnoreCase(ctx.header("Expect"))) {  // else the body is never sent
                BoundedBody.discard(ctx.req().getInputStream(), BoundedBody.DISCARD_LIMIT);
            }
            text(ctx, 413, "The body is larger than " + BoundedBody.LIMIT + " bytes, the most Gantry takes.");
            return;
        }
        if (!forge.verifies(secret.get(), signature, body.get())) {
            text(ctx, 401, "The " + forge.signatureHeader + " header does not match the secret of this server:"
                    + " give the webhook the same secret as " + setting(forge) + ".");
            return;
        }
        String delivery = ctx.header(forge.deliveryHeader);
        if (delivery == null || delivery.isBlank()) {
            text(ctx, 400, "The request has no " + forge.deliveryHeader + " header; " + forge.word() + " sends one"
                    + " with every delivery.");
            return;
        }
        if (!deliveries.firstTime(forge.word(), delivery, Instant.now())) {
            text(ctx, 409, "Delivery " + delivery + " was taken before; a delivery is handled once.");
            return;
        }
        send(ctx, dispatch.take(forge, delivery, Optional.ofNullable(ctx.header(forge.eventHeader)).orElse(""),
                body.get()));
    }

    private static String setting(Forge forge) {
        return forge == Forge.GITLAB ? "webhook-gitlab-token" : "webhook-secret";
    }

    private static void text(Context ctx, int status, String message) {
        send(ctx, Reply.text(status, message));
    }

    private static void send(Context ctx, Reply reply) {
        ctx.status(reply.status()).contentType(reply.contentType()).result(reply.body());
    }
}
