package io.strand.client;

import java.util.ArrayList;
import java.util.List;

/** Reads a whole topic back through the client's stateless read, for assertions. */
final class Topics {

    private Topics() {
    }

    static List<ReceivedMessage> readAll(ClientOptions client, String topic) {
        List<ReceivedMessage> out = new ArrayList<>();
        try (Admin admin = Strand.admin(client)) {
            long end = admin.describeTopic(topic).endOffset();
            long offset = admin.describeTopic(topic).startOffset();
            for (int reads = 0; offset < end && reads < 100_000; reads++) {
                TopicRead read = admin.read(topic, offset, 1000, 1 << 20);
                if (read.messages().isEmpty()) {
                    break;
                }
                out.addAll(read.messages());
                offset = read.nextOffset();
            }
        }
        return out;
    }
}
