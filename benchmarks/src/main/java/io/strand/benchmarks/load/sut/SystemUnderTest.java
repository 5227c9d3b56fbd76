package io.strand.benchmarks.load.sut;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A message system the load tool measures: it runs the system's server as a separate process on
 * loopback, and drives it with the system's own client library.
 *
 * <p>Lifecycle: {@link #start} (server up, accepting connections) → clients → {@link #stop} (graceful,
 * data kept) → possibly {@link #start} again on the same directory (W7) → {@link #close} (kills what is
 * still running). Only one server per instance at a time. Not thread-safe except where a method says.
 */
public interface SystemUnderTest extends AutoCloseable {

    /** Lower-case name printed as {@code system=...}: {@code strand}, {@code kafka}, {@code redis}. */
    String name();

    /**
     * The durability settings {@code workload} is run in, in the order they are run. The first is the
     * setting the issue asks for by default (e.g. Strand W1 runs in {@code fsync} and in {@code wal}).
     */
    List<Mode> modes(Workload workload);

    /**
     * Starts a server configured for {@code mode}, its files under {@code workDir} (which may already hold
     * the data of an earlier start: then it recovers it). Returns once the server accepts connections.
     */
    void start(Mode mode, Path workDir) throws Exception;

    /** Stops the server gracefully (bounded wait, then killed), keeping its data. No-op when not running. */
    void stop() throws Exception;

    /** The directory that holds the server's stored data (for its size on disk). */
    Path dataDir();

    /** Creates topics (streams) ready to publish to, configured for {@code mode}. */
    void createTopics(List<String> topics, Mode mode) throws Exception;

    PublishClient publisher(PublishProfile profile) throws Exception;

    /**
     * Starts a subscription named {@code subscription} on a topic created by {@link #createTopics},
     * delivering from its first message. Returns once it is running.
     */
    Tail tail(String topic, String subscription, MessageSink sink) throws Exception;

    /**
     * Reads the first {@code perTopic} messages of each topic (from offset 0) into {@code sink} and
     * returns how many it read; stops at {@code timeout}.
     */
    long replay(List<String> topics, long perTopic, MessageSink sink, Duration timeout) throws Exception;

    /**
     * One attempt, with a fresh connection, to fetch the first message of {@code topic}: true if a
     * message came back, false if the server is not (yet) able to serve it. Never throws for a
     * connection failure.
     */
    boolean fetchFirst(String topic);

    /** Stops the server if it runs (killing it if it will not stop) and releases clients. Idempotent. */
    @Override
    void close();
}
