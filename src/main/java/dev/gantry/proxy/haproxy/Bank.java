package dev.gantry.proxy.haproxy;

/**
 * One of the two sets of server slots in a service's HAProxy backend. One bank serves, the other
 * is parked; a switch addresses the parked bank and then drains the serving one.
 */
enum Bank {
    A, B;

    Bank other() {
        return this == A ? B : A;
    }

    /** The name of slot {@code index} (1-based) in this bank, e.g. {@code B3}. */
    String slot(int index) {
        return name() + index;
    }
}
