# A client written like the seed's pubsub_client.py: thriftpy, make_client with its defaults (unframed
# transport, binary protocol). Usage: seed_client.py IDL PORT TOPIC COUNT
import sys

import thriftpy
from thriftpy.rpc import make_client

idl, port, topic, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
pubsub_thrift = thriftpy.load(idl, module_name="pubsub_thrift")

client = make_client(pubsub_thrift.PubSub, '127.0.0.1', port)
client.subscribe(pubsub_thrift.Subscriber(name="python-subscriber"))
for i in range(count):
    client.publish(pubsub_thrift.Message(topic=topic, data="Hello, World! %d" % i))
print("published %d" % count)
