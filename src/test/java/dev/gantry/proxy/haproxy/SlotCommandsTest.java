package dev.gantry.proxy.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.proxy.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotCommandsTest {

    @Test
    void addressesOneSlotPerBackendInTheBank() {
        assertThat(SlotCommands.address("be_2", Bank.B, List.of(new Backend("127.0.0.1", 32001), new Backend("::1", 32002))))
                .containsExactly("set server be_2/B1 addr 127.0.0.1 port 32001", "set server be_2/B2 addr ::1 port 32002");
    }

    @Test
    void changesTheStateOfTheFirstSlotsOfABank() {
        assertThat(SlotCommands.ready("be_1", Bank.A, 2))
                .containsExactly("set server be_1/A1 state ready", "set server be_1/A2 state ready");
        assertThat(SlotCommands.drain("be_1", Bank.B, 1)).containsExactly("set server be_1/B1 state drain");
        assertThat(SlotCommands.park("be_1", Bank.B, 1)).containsExactly("set server be_1/B1 state maint");
    }

    @Test
    void replacesAMapAsOneCommittedVersion() {
        List<RouteMaps.Entry> entries = List.of(new RouteMaps.Entry("/api/books", "be_1"), new RouteMaps.Entry("/", "be_2"));

        assertThat(SlotCommands.replaceMap("/g/routes.map", 7, entries)).containsExactly(
                "add map @7 /g/routes.map /api/books be_1", "add map @7 /g/routes.map / be_2", "commit map @7 /g/routes.map");
    }

    @Test
    void readsShowMap() {
        assertThat(SlotCommands.parseMap("0x7f729c0465b0 /b/ be_1\n0x7f729c0466d0 / be_none\n\n"))
                .containsExactly(new RouteMaps.Entry("/b/", "be_1"), new RouteMaps.Entry("/", "be_none"));
    }
}
