package io.strand.broker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.DeliveryMode;
import io.strand.api.Endpoint;
import io.strand.api.ErrorCode;
import io.strand.api.Position;
import io.strand.api.StartKind;
import io.strand.api.Subscriber;
import io.strand.broker.push.PushDispatchers;
import io.strand.storage.TopicNames;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriberDefinitionsTest {
    private static final Subscriber STORED = new Subscriber("s").setTopic("orders.*")
            .setStart(new Position(StartKind.EARLIEST)).setMode(DeliveryMode.PUSH)
            .setPushEndpoint(new Endpoint("127.0.0.1", 7000));

    @Test
    void theLongestNameStillHasALegalDeadLetterTopic() {
        String longest = "n".repeat(SubscriberDefinitions.MAX_NAME_LENGTH);
        String deadLetters = PushDispatchers.deadLetterTopic(longest);
        assertEquals(TopicNames.MAX_LENGTH, deadLetters.length());
        assertEquals(deadLetters, TopicNames.validate(deadLetters));
        assertEquals(longest, SubscriberDefinitions.validateName(longest));
    }

    @Test
    void aNameOnlyResubscribeChangesNothing() {
        assertEquals(Optional.empty(), SubscriberDefinitions.merge(STORED, new Subscriber("s")));
        assertEquals(Optional.empty(), SubscriberDefinitions.merge(STORED, STORED.deepCopy()
                .setStart(new Position(StartKind.LATEST))), "the start position is ignored when resuming");
    }

    @Test
    void deliverySettingsAreUpdatedButNeverTheTopic() {
        Subscriber moved = SubscriberDefinitions.merge(STORED, new Subscriber("s")
                .setPushEndpoint(new Endpoint("127.0.0.1", 7001)).setMaxDeliveries(4)).orElseThrow();
        assertEquals(7001, moved.getPushEndpoint().getPort());
        assertEquals(4, moved.getMaxDeliveries());
        assertEquals("orders.*", moved.getTopic());
        assertEquals(StartKind.EARLIEST, moved.getStart().getKind());

        Subscriber pull = SubscriberDefinitions.merge(STORED, new Subscriber("s").setMode(DeliveryMode.PULL))
                .orElseThrow();
        assertEquals(DeliveryMode.PULL, pull.getMode());

        RequestException other = assertThrows(RequestException.class,
                () -> SubscriberDefinitions.merge(STORED, new Subscriber("s").setTopic("payments")));
        assertEquals(ErrorCode.INVALID_REQUEST, other.code());
        assertTrue(other.getMessage().contains("unsubscribe"), other.getMessage());
    }
}
