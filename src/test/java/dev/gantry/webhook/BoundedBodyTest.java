package dev.gantry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** A body is taken up to the limit and refused past it, without reading all of a larger one. */
class BoundedBodyTest {
    @Test
    void takesABodyUpToTheLimit() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[10]), 10)).get().extracting(b -> b.length)
                .isEqualTo(10);
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[0]), 10)).get().extracting(b -> b.length)
                .isEqualTo(0);
    }

    @Test
    void refusesALargerOneAndStopsReadingJustPastTheLimit() throws IOException {
        var endless = new InputStream() {
            long read;

            @Override
            public int read() {
                read++;
                return 'x';
            }
        };

        assertThat(BoundedBody.read(endless, 1000)).isEmpty();
        assertThat(endless.read).isEqualTo(1001);
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[11]), 10)).isEmpty();
    }

    @Test
    void discardingReadsWhatIsLeftButNoMoreThanItsLimit() throws IOException {
        var rest = new ByteArrayInputStream(new byte[200_000]);
        BoundedBody.discard(rest, 1_000_000);
        assertThat(rest.available()).isZero();

        var endless = new InputStream() {
            long read;

            @Override
            public int read() {
                read++;
                return 'x';
            }
        };
        BoundedBody.discard(endless, 100_000);
        assertThat(endless.read).isEqualTo(100_000);
    }

    @Test
    void theLimitIsOneMebibyte() {
        assertThat(BoundedBody.LIMIT).isEqualTo(1 << 20);
    }
}
