package dev.gantry.proxy.nginx;

import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.ProxyRequest;
import dev.gantry.proxy.RequestFeed;
import java.util.List;
import java.util.Optional;

/**
 * nginx's answered requests: the Lua module keeps a line for each (at most 50,000, gantry.lua) and
 * {@code GET /_gantry/requests} on the admin socket takes up to 10,000 of them at a time.
 */
final class RequestLines implements RequestFeed {
    private final AdminClient admin;

    RequestLines(AdminClient admin) {
        this.admin = admin;
    }

    @Override
    public List<ProxyRequest> take() {
        try {
            return admin.takeRequests().lines().map(ProxyRequest::parse).flatMap(Optional::stream).toList();
        } catch (ProxyException e) {
            return List.of();  // nginx is not running now; its next start keeps new lines again
        }
    }
}
