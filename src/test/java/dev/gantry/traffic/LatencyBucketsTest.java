package dev.gantry.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

    @Test
    void aQuantileIsInterpolatedInItsBucketAsPrometheusDoes() {
        var buckets = LatencyBuckets.empty();
        for (int i = 0; i < 98; i++) {
            buckets.add(3);        // <= 5 ms
        }
        buckets.add(40);           // 25-50 ms
        buckets.add(400);          // 250-500 ms

        assertThat(buckets.total()).isEqualTo(100);
        assertThat(buckets.quantileMillis(0.5)).as("rank 50 of 98 in 0-5 ms").isEqualTo(3);
        assertThat(buckets.quantileMillis(0.99)).as("rank 99: the one in 25-50 ms, at its top").isEqualTo(50);
        assertThat(buckets.quantileMillis(1.0)).isEqualTo(500);
        assertThat(LatencyBuckets.empty().quantileMillis(0.99)).isZero();
    }

    @Test
    void whatTookLongerThanTheLastBoundCountsAboveItAndPeriodsAddUp() {
        var slow = LatencyBuckets.empty();
        slow.add(60_000);
        var fast = LatencyBuckets.of(List.of(7L));

        var both = slow.plus(fast);

        assertThat(both.counts()).containsExactly(7L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(both.quantileMillis(0.99)).as("above the last bound: the last bound").isEqualTo(10_000);
        assertThat(LatencyBuckets.of(both.counts()).counts()).isEqualTo(both.counts());
        assertThatThrownBy(() -> LatencyBuckets.of(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L)))
                .hasMessageContaining("at most 12 latency buckets");
    }
}
