package dev.gantry.proxy;

/**
 * A route change the proxy has checked and validated ahead of the switch ({@link Proxy#prepare}):
 * {@link #apply()} makes it, re-checking only what may have changed since.
 */
public record PreparedRoute(Route route, Runnable change) {

    /** Makes the change: routes {@link #route()} as {@link Proxy#route} would, losing no request. */
    public void apply() {
        change.run();
    }
}
