package io.strand.benchmarks.chaos;

/** Every kind of broken promise the chaos run looks for; the summary prints each count. */
enum Violation {
    /** An acknowledged message is not at its acknowledged offset with its exact payload. */
    LOST("lost"),
    /** One (publisher, sequence) is stored more than once: an idempotent retry made a second copy. */
    DUPLICATED("duplicated"),
    /** An offset below a topic's end holds nothing (offsets must be dense from 0). */
    GAPS("gaps"),
    /** A subscriber was handed an offset beyond the next one it expected, or a publisher's messages of one
     *  topic are stored out of send order. */
    REORDERED("reordered"),
    /** A stored message is not a well-formed chaos payload (bad CRC, wrong length). */
    CORRUPT("corrupt"),
    /** A subscriber received bytes at an offset that differ from the log's (or from an earlier delivery). */
    MISMATCHED("mismatched"),
    /** At the end, a subscriber never saw an acknowledged message. */
    UNDELIVERED("undelivered"),
    /** A subscription's committed offset was observed lower than before. */
    CURSOR_REGRESSIONS("cursorRegressions"),
    /** A subscription's committed offset was observed beyond its topic's end. */
    CURSORS_BEYOND_END("cursorsBeyondEnd"),
    /** Two different messages were acknowledged at the same topic and offset. */
    ACK_CONFLICTS("ackConflicts"),
    /** A publish failed for good (delivery timeout or a non-retriable error) although the broker came back. */
    SEND_FAILURES("sendFailures"),
    /** A client made no progress within the reconnect timeout after a restart. */
    STALLS("stalls"),
    /** The push subscription dead-lettered messages (its endpoint never refuses, so it must not). */
    DEAD_LETTERED("deadLettered"),
    /** The broker exited by itself, failed to restart, or a check could not run. */
    BROKER_FAILURES("brokerFailures");

    private final String label;

    Violation(String label) {
        this.label = label;
    }

    /** The name printed in the summary ({@code lost=0}). */
    String label() {
        return label;
    }
}
