package dev.gantry.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {
    @Test
    void thePasswordIsWhatFollowsTheFirstColonWhateverTheUserName() {
        assertThat(BasicCredentials.password(basic("anyone:gty_abc:def"))).contains("gty_abc:def");
        assertThat(BasicCredentials.password("basic " + encode(":gty_x"))).contains("gty_x");
    }

    @Test
    void anythingElseHasNoPassword() {
        assertThat(BasicCredentials.password(null)).isEmpty();
        assertThat(BasicCredentials.password("Bearer gty_x")).isEmpty();
        assertThat(BasicCredentials.password("Basic !!!not-base64")).isEmpty();
        assertThat(BasicCredentials.password(basic("no-colon"))).isEmpty();
    }

    private static String basic(String pair) {
        return "Basic " + encode(pair);
    }

    private static String encode(String pair) {
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
