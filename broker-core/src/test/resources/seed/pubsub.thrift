# The seed pub/sub IDL as the seed design (../shared/seed/) defines it, plus a Java namespace. Clients built from it
# must keep working against Strand: the seed-compatibility tests generate a Java client from this file
# (committed under src/test/java/seed/pubsub) and load it in Python with thriftpy. Regenerate, from broker-core/:
#   thrift --gen java:generated_annotations=suppress -out src/test/java src/test/resources/seed/pubsub.thrift
namespace py pubsub
namespace java seed.pubsub

struct Message {
    1: required string topic
    2: required string data
}

struct Subscriber {
    1: required string name
    // Add any additional fields you want
}

service PubSub {
    void publish(1: Message message)
    void subscribe(1: Subscriber subscriber)
}
