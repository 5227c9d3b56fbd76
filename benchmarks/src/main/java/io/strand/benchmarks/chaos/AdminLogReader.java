package io.strand.benchmarks.chaos;

import io.strand.client.Admin;
import io.strand.client.ReceivedMessage;
import io.strand.client.TopicDescription;
import java.util.ArrayList;
import java.util.List;

/** {@link LogReader} over the client's {@link Admin}: {@code describeTopic} and the stateless {@code read}. */
final class AdminLogReader implements LogReader {
    private static final int MAX_BYTES = 4 << 20;

    private final Admin admin;

    AdminLogReader(Admin admin) {
        this.admin = admin;
    }

    @Override
    public Bounds bounds(String topic) {
        TopicDescription d = admin.describeTopic(topic);
        return new Bounds(d.startOffset(), d.endOffset());
    }

    @Override
    public List<Stored> read(String topic, long offset, int maxMessages) {
        List<Stored> out = new ArrayList<>();
        for (ReceivedMessage m : admin.read(topic, offset, maxMessages, MAX_BYTES).messages()) {
            out.add(new Stored(m.offset(), m.data()));
        }
        return out;
    }
}
