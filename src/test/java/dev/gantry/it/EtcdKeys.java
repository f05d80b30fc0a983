package dev.gantry.it;

import dev.gantry.LabCredentials;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;

/** Removes a test's service from etcd discovery, when the test used etcd. */
final class EtcdKeys {
    /** The etcd that bin/env-up starts. */
    static final String ETCD = LabCredentials.etcd();

    private EtcdKeys() {
    }

    static void deleteService(String discovery, String service) {
        if (!discovery.startsWith("etcd://")) {
            return;
        }
        try (Discovery etcd = Discovery.open(discovery, null, LabCredentials.etcdLogin())) {
            for (Colour colour : Colour.values()) {
                etcd.remove(service, colour);
            }
            etcd.clearLive(service);
        }
    }
}
