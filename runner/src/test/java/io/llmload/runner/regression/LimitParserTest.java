package io.llmload.runner.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one limit syntax of spec.regression.limits and compare --fail-on: what each form means, and its errors. */
class LimitParserTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // metric        | limit      | metric                    | operator | threshold | unit     | text back
        "ttftP95         | +10%       | TTFT_P95                  | AT_LEAST | 10        | PERCENT  | +10%",
        "ttft.p95        | >+10%      | TTFT_P95                  | GREATER  | 10        | PERCENT  | >+10%",
        "ttftP95Ms       | 10%        | TTFT_P95                  | AT_LEAST | 10        | PERCENT  | +10%",
        "outputTokensPerSecond | -5%  | OUTPUT_TOKENS_PER_SECOND  | AT_MOST  | -5        | PERCENT  | -5%",
        "rps             | <-5%       | REQUESTS_PER_SECOND       | LESS     | -5        | PERCENT  | <-5%",
        "rps             | 5%         | REQUESTS_PER_SECOND       | AT_MOST  | -5        | PERCENT  | -5%",
        "capacity        | -1 level   | CAPACITY                  | AT_MOST  | -1        | LEVELS   | -1 level",
        "capacity        | <=-2levels | CAPACITY                  | AT_MOST  | -2        | LEVELS   | -2 levels",
        "capacity        | -8         | CAPACITY                  | AT_MOST  | -8        | ABSOLUTE | -8",
        "e2e.p99         | +0.5s      | E2E_P99                   | AT_LEAST | 500       | ABSOLUTE | +500ms",
        "itl_p95         | +5ms       | ITL_P95                   | AT_LEAST | 5         | ABSOLUTE | +5ms",
        "errorRate       | +0.5pp     | ERROR_RATE                | AT_LEAST | 0.5       | POINTS   | +0.5pp",
        "errors          | 0.01       | ERROR_RATE                | AT_LEAST | 0.01      | ABSOLUTE | +0.01",
        "cost            | +20%       | COST_PER_MILLION_OUTPUT_TOKENS | AT_LEAST | 20   | PERCENT  | +20%",
        // A zero limit means any worsening: strict, or an unchanged run would count as regressed.
        "ttftP95         | +0%        | TTFT_P95                  | GREATER  | 0         | PERCENT  | +0%",
        "goodput         | 0%         | GOODPUT                   | LESS     | 0         | PERCENT  | +0%",
    })
    void readsEachForm(String metric, String limit, RegressionMetric expected, Limit.Operator operator,
            double threshold, Limit.Unit unit, String text) {
        Limit parsed = LimitParser.parse(metric, limit);
        assertThat(parsed.metric()).isEqualTo(expected);
        assertThat(parsed.operator()).isEqualTo(operator);
        assertThat(parsed.threshold()).isEqualTo(threshold);
        assertThat(parsed.unit()).isEqualTo(unit);
        assertThat(parsed.text()).isEqualTo(text);
    }

    @Test
    void reachingTheLimitRegressesAndTheStrictOperatorNeedsMore() {
        Limit inclusive = LimitParser.parse("ttftP95", "+10%");
        assertThat(inclusive.crossedBy(9.999)).isFalse();
        assertThat(inclusive.crossedBy(10)).isTrue();
        Limit strict = LimitParser.parse("ttftP95", ">+10%");
        assertThat(strict.crossedBy(10)).isFalse();
        assertThat(strict.crossedBy(10.001)).isTrue();
        Limit level = LimitParser.parse("capacity", "-1 level");
        assertThat(level.crossedBy(0)).isFalse();
        assertThat(level.crossedBy(-1)).isTrue();
        Limit anyRise = LimitParser.parse("ttftP95", "+0%");
        assertThat(anyRise.crossedBy(0)).isFalse();
        assertThat(anyRise.crossedBy(0.1)).isTrue();
    }

    @Test
    void theCliListReadsEveryLimitInOrder() {
        List<Limit> limits = LimitParser.parseList("ttft.p95>+10%, rps<-5%,capacity<=-1level,errorRate: +1pp");
        assertThat(limits).extracting(Limit::metric).containsExactly(RegressionMetric.TTFT_P95,
                RegressionMetric.REQUESTS_PER_SECOND, RegressionMetric.CAPACITY, RegressionMetric.ERROR_RATE);
        assertThat(limits).extracting(Limit::text).containsExactly(">+10%", "<-5%", "-1 level", "+1pp");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ttft.p97>+10%      | 'ttft.p97>+10%': unknown metric 'ttft.p97' (known: ttftP50, ttftP95,",
        "ttft.p95>>10%      | 'ttft.p95>>10%': '>>10%' is not a change",
        "ttft.p95>ten       | 'ttft.p95>ten': '>ten' is not a change: write e.g. +10%, -5%, +50ms, +0.5pp or -1 level",
        "ttft.p95<-10%      | 'ttft.p95<-10%': ttftP95 regresses when it rises: write +10% (a fall is an improvement)",
        "rps>+5%            | 'rps>+5%': requestsPerSecond regresses when it falls: write -5% (a rise is an improvement)",
        "ttft.p95>-5%       | 'ttft.p95>-5%': '>-5%': the operator and the sign point different ways",
        "rps<-5ms           | 'rps<-5ms': 'ms' applies to latencies only: limit requestsPerSecond in % or as a number in req/s",
        "ttft.p95>+1pp      | 'ttft.p95>+1pp': 'pp' (percentage points) applies to errorRate only: limit ttftP95 in % or ms",
        "rps<-1level        | 'rps<-1level': 'level' applies to capacity only",
        "capacity<-1.5level | 'capacity<-1.5level': a capacity change counts whole stage levels, e.g. -1 level",
        "ttft.p95>+10%,ttftP95Ms>+5% | 'ttftP95Ms>+5%': ttftP95 is limited twice (keep one limit per metric)",
        "'ttft.p95>+10%,'   | empty limit in 'ttft.p95>+10%,' (a comma too many?)",
        "+10%               | '+10%': write METRIC OPERATOR CHANGE, e.g. ttft.p95>+10%",
    })
    void aBadLimitIsOneLineNamingItAndTheFix(String expression, String message) {
        assertThatThrownBy(() -> LimitParser.parseList(expression)).isInstanceOf(InvalidLimitException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(message).doesNotContain("\n"));
    }

    @Test
    void theOperatorAloneGivesTheDirectionOfAnUnsignedChange() {
        assertThat(LimitParser.parse("rps", "<5%").threshold()).isEqualTo(-5);
        assertThat(LimitParser.parse("ttftP95", ">=10%").threshold()).isEqualTo(10);
        assertThatThrownBy(() -> LimitParser.parse("ttftP95", "<10%")).hasMessageStartingWith(
                "ttftP95 regresses when it rises");
    }
}
