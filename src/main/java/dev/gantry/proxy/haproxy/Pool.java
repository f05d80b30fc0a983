package dev.gantry.proxy.haproxy;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One HAProxy backend section ({@code be_N}) with its two banks of slots: occupied by
 * {@code service}, whose requests the {@code live} bank serves, or a spare when {@code service}
 * is null. A spare lets a new service be routed at runtime, without a reload.
 */
record Pool(String name, String service, Bank live) {

    static Pool spare(String name) {
        return new Pool(name, null, Bank.A);
    }

    @JsonIgnore
    boolean isSpare() {
        return service == null;
    }

    Pool occupiedBy(String newService) {
        return new Pool(name, newService, Bank.A);
    }

    Pool flipped() {
        return new Pool(name, service, live.other());
    }

    Pool freed() {
        return spare(name);
    }
}
