package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HaproxyRoutesTest {
    /** Abridged from HAProxy 2.6's answer: a serving slot, a draining one, and parked ones configured disabled or not. */
    private static final String SERVERS_STATE = """
            1
            # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight \
            srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state \
            srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port \
            srv_check_addr srv_agent_addr srv_agent_port
            4 be_1 1 A1 127.0.0.1 2 4 1 1 46 1 0 0 8 0 0 0 - 32789 - 0 0 - - 0
            4 be_1 2 A2 127.0.0.1 2 12 1 1 46 1 0 0 8 0 0 0 - 32790 - 0 0 - - 0
            4 be_1 3 A3 127.0.0.1 0 5 1 1 76 1 0 0 8 0 0 0 - 1 - 0 0 - - 0
            4 be_1 17 B1 127.0.0.1 0 1 1 1 3 1 0 0 8 0 0 0 - 32771 - 0 0 - - 0

            """;

    @Test
    void serversAreNamedWithTheirStateAndOnlyRoutingOnesWithTheirAddress() {
        assertThat(HaproxyRoutes.servers(SERVERS_STATE)).containsExactly(
                "server be_1/A1 127.0.0.1:32789 ready op=2 weight=1",
                "server be_1/A2 127.0.0.1:32790 draining op=2 weight=1",
                "server be_1/A3 parked",
                "server be_1/B1 parked");
    }
}
