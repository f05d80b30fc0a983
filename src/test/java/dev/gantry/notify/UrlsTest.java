package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What logs and warnings show of a webhook's URL: never its path or query, which may be its secret. */
class UrlsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https://hooks.slack.com/services/T000/B000/XXXX | https://hooks.slack.com/…
            http://127.0.0.1:8080/hook?token=abc             | http://127.0.0.1:8080/…
            https://ops.example.com?token=abc                | https://ops.example.com/…
            https://ops.example.com/                         | https://ops.example.com/
            http://[::1]:9000                                | http://[::1]:9000/
            """)
    void showsOnlyTheOrigin(String url, String shown) {
        assertThat(Urls.withoutSecrets(URI.create(url))).isEqualTo(shown);
    }
}
