package dev.gantry.proxy.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeAnswerTest {

    @Test
    void anEmptyAnswerAndTheAddressNoticesAreSuccess() {
        String answer = "no need to change the addr, port changed from '1' to '18201' by 'stats socket command'\n\n"
                + "no need to change the addr, no need to change the port by 'stats socket command'\n\n"
                + "IP changed from '127.0.0.1' to '10.214.0.11', port changed from '1' to '32771' by 'stats socket command'\n\n"
                + "IP changed from '10.214.0.12' to '10.214.0.13', no need to change the port by 'stats socket command'\n\n\n";

        assertThat(RuntimeAnswer.errors(answer)).isEmpty();
        assertThat(RuntimeAnswer.errors("\n\n\n")).isEmpty();
    }

    @Test
    void anyOtherTextIsAnError() {
        String answer = "\n\nInvalid addr 'localhost' by 'stats socket command'\n\nNo such server.\n\n";

        assertThat(RuntimeAnswer.errors(answer)).containsExactly("Invalid addr 'localhost' by 'stats socket command'",
                "No such server.");
    }

    @Test
    void readsThePreparedMapVersion() {
        assertThat(RuntimeAnswer.preparedVersion("New version created: 12\n\n")).hasValue(12);
        assertThat(RuntimeAnswer.preparedVersion("Unknown map identifier.\n")).isEmpty();
        assertThat(RuntimeAnswer.errors("New version created: 12\n\n")).isEmpty();
    }
}
