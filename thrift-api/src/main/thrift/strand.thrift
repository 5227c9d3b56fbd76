/*
 * strand.thrift — the wire contract of the Strand broker.
 *
 * Compatibility: Message fields 1 (topic) and 2 (data) and Subscriber field 1 (name) keep the ids of
 * the seed pub/sub IDL, and PubSub.publish / PubSub.subscribe keep its signatures, so a client built
 * from the seed's IDL (with `string data`) still speaks to Strand: `string` and `binary` are the same
 * bytes on the wire. New fields are optional and new methods are additions; never renumber a field.
 *
 * Transport: the broker's main port (default 9090) accepts both the unframed binary protocol (what a
 * seed client's `make_client` sends) and framed binary/compact; it detects which from the first bytes
 * of each connection.
 *
 * Errors: every failure a client can cause is a StrandException carrying an ErrorCode and a detail
 * that says what to do. Codes marked (retriable) may succeed if the same request is sent again later.
 */

namespace java io.strand.api
namespace py strand

/** Why a request failed. Stable numbers: clients switch on them. */
enum ErrorCode {
  /** Unexpected broker-side failure; the detail says what happened. */
  INTERNAL = 1,
  /** A request field is missing or malformed (empty topic, negative maxMessages, ...). */
  INVALID_REQUEST = 2,
  /** The topic does not exist and auto-creation is off (or the call never auto-creates). */
  UNKNOWN_TOPIC = 3,
  /** createTopic on a name that already exists. */
  TOPIC_EXISTS = 4,
  /** Topic names: 1..249 characters of [A-Za-z0-9._-]. */
  INVALID_TOPIC_NAME = 5,
  /** The offset is below the log start (trimmed by retention) or above the end. */
  OFFSET_OUT_OF_RANGE = 6,
  /** A single message is larger than max.message.bytes. */
  MESSAGE_TOO_LARGE = 7,
  /** A batch has more messages or bytes than the broker accepts in one request. */
  BATCH_TOO_LARGE = 8,
  /** No subscription with that name. */
  UNKNOWN_SUBSCRIPTION = 9,
  /** The subscription's topic pattern is not a valid pattern. */
  INVALID_TOPIC_PATTERN = 10,
  /** A newer session took over this subscription; this session must stop. */
  SESSION_FENCED = 11,
  /** The idempotent producer's sequence is ahead of what the broker has; resend from the gap. */
  OUT_OF_ORDER_SEQUENCE = 12,
  /** (retriable) The broker's store failed (disk full, I/O error) and is read-only until restarted. */
  STORAGE_UNAVAILABLE = 13,
  /** (retriable) The broker is shutting down or overloaded. */
  UNAVAILABLE = 14,
  /** (retriable) The request timed out inside the broker. */
  TIMEOUT = 15,
  /** A stored batch failed its checksum; the detail names the topic and offset range. */
  CORRUPT_MESSAGE = 16,
  /**
   * Reserved for a configured limit reached by a request. (A connection over max.connections, or one
   * whose request would exceed the broker's memory budget, is closed instead: it is never read.)
   */
  LIMIT_EXCEEDED = 17,
}

exception StrandException {
  1: ErrorCode code,
  2: string detail,
  /** For OFFSET_OUT_OF_RANGE: where the log now starts and ends. */
  3: optional i64 logStartOffset,
  4: optional i64 logEndOffset,
}

/** How durable an acknowledged append is. */
enum Durability {
  /** Written to the write-ahead log in the OS page cache: survives a killed broker, not a power cut. */
  WAL = 1,
  /** The write-ahead log is fsynced before the acknowledgement: survives a power cut. */
  FSYNC = 2,
}

/**
 * A message. The publisher sets topic, data and optionally key and headers; the broker sets offset
 * and timestamp (append time, ms since the epoch) on everything it returns and ignores them on publish.
 */
struct Message {
  1: required string topic,
  2: required binary data,
  3: optional binary key,
  4: optional map<string, string> headers,
  5: optional i64 offset,
  6: optional i64 timestamp,
}

enum StartKind {
  /** The oldest message still stored. */
  EARLIEST = 1,
  /** Only messages published after the subscription is created (the default). */
  LATEST = 2,
  /** A given offset. */
  OFFSET = 3,
  /** The first message whose timestamp is >= a given time (ms since the epoch). */
  TIMESTAMP = 4,
}

/** A position in a topic's log. `value` is the offset for OFFSET and ms since the epoch for TIMESTAMP. */
struct Position {
  1: required StartKind kind,
  2: optional i64 value,
}

enum DeliveryMode {
  /** The client calls fetch (long-poll). */
  PULL = 1,
  /** The broker calls Consumer.consume on the subscriber's endpoint. */
  PUSH = 2,
}

struct Endpoint {
  1: required string host,
  2: required i32 port,
}

/**
 * A named, durable subscription. Only `name` is required (the seed's shape): with no topic it
 * subscribes to every topic, present and future.
 */
struct Subscriber {
  1: required string name,
  /** A topic name, or a pattern: `*` matches within one dot-separated segment, `>` (last) matches the rest. */
  2: optional string topic,
  /** Where a new (subscription, topic) cursor starts. Default LATEST. Ignored when resuming. */
  3: optional Position start,
  /** Default PULL. */
  4: optional DeliveryMode mode,
  /** Required for PUSH: where the subscriber's Consumer service listens. */
  5: optional Endpoint pushEndpoint,
  /** When the committed offset is below the log start: true = jump to the start; false = OFFSET_OUT_OF_RANGE. */
  6: optional bool resetToEarliestWhenTrimmed,
  /** PUSH: failed deliveries of one batch before it goes to the dead-letter topic (default: broker's max.deliveries). */
  7: optional i32 maxDeliveries,
}

/** The session a subscribe call opened. Pass sessionId to fetch/commit; a newer session fences it. */
struct Session {
  1: required string subscription,
  2: required i64 sessionId,
  /** True when the subscription already existed and was resumed unchanged. */
  3: required bool resumed,
  4: required list<string> topics,
}

struct PublishBatchRequest {
  1: required string topic,
  /** Each message's topic field is ignored (may be empty); they all go to `topic`. */
  2: required list<Message> messages,
  /** Idempotence: a producer id from initProducer and this batch's sequence (0, 1, 2, ... per topic). */
  3: optional i64 producerId,
  4: optional i64 sequence,
}

struct PublishAck {
  1: required string topic,
  2: required i64 baseOffset,
  3: required i32 count,
  /** Append time shared by every message of the batch. */
  4: required i64 timestamp,
  5: required Durability durability,
  /** True when this (producerId, sequence) had already been stored and nothing new was appended. */
  6: required bool duplicate,
}

struct FetchRequest {
  /** Fetch for a subscription (uses and advances its position) ... */
  1: optional string subscription,
  2: optional i64 sessionId,
  /** ... or a stateless read of one topic from an offset (replay). */
  3: optional string topic,
  4: optional i64 offset,
  5: optional i32 maxMessages = 500,
  6: optional i32 maxBytes = 1048576,
  /** How long to wait when there is nothing to return (0 = return at once). Capped by the broker. */
  7: optional i32 maxWaitMs = 0,
}

struct TopicPosition {
  1: required string topic,
  2: required i64 offset,
}

struct FetchResult {
  /** In offset order per topic. */
  1: required list<Message> messages,
  /**
   * Per topic read: the offset to read next. For a subscription, fetch advances an in-session read
   * position; the durable position moves only on commit (cumulative: commit the offset after the last
   * message you processed). A response lost to a transport error still advanced that position, so after
   * any transport error a client must call openSession again (which restarts from the committed offset)
   * rather than keep fetching with its old sessionId.
   */
  2: required list<TopicPosition> nextOffsets,
}

struct TopicConfig {
  /** Delete messages older than this; absent or <= 0 = keep forever. */
  1: optional i64 retentionMs,
  /** Keep at most about this many bytes; absent or <= 0 = no limit. */
  2: optional i64 retentionBytes,
  /** Absent = the broker's default durability. */
  3: optional Durability durability,
}

struct TopicInfo {
  1: required string name,
  2: required i64 startOffset,
  /** The offset the next message will get. */
  3: required i64 endOffset,
  4: required i64 sizeBytes,
  5: required TopicConfig config,
  6: required i64 createdAt,
}

struct CursorInfo {
  1: required string topic,
  2: required i64 committedOffset,
  3: required i64 endOffset,
  /** Messages not yet committed. */
  4: required i64 lagMessages,
  /** Age in ms of the oldest uncommitted message; 0 when caught up. */
  5: required i64 lagMs,
}

struct SubscriptionInfo {
  1: required Subscriber subscriber,
  2: required list<CursorInfo> cursors,
  /**
   * True while a consumer holds the subscription's session: it was opened, or presented by a fetch or a
   * commit, within the last 2 × fetch.max.wait.ms + 1 s, and at least the last 60 s. There is no call to
   * close a session, so a consumer that stopped shows as inactive once that much time has passed — and
   * so does one that spends longer than that on one batch, or waiting for its own acknowledgements.
   */
  3: required bool sessionActive,
  /** PUSH only: failed deliveries in a row, and messages sent to the dead-letter topic. */
  4: optional i32 consecutiveFailures,
  5: optional i64 deadLettered,
  6: optional string deadLetterTopic,
}

struct BrokerInfo {
  1: required string version,
  2: required bool healthy,
  /** Empty when healthy; else why the store is read-only. */
  3: required string storageStatus,
  4: required Durability defaultDurability,
  5: required i32 topics,
  6: required i32 subscriptions,
  7: required i64 uptimeMs,
  8: required i64 maxMessageBytes,
  9: required i32 maxBatchMessages,
}

service PubSub {
  /** Seed-compatible: append one message, auto-creating its topic. Returns once durable. Not idempotent. */
  void publish(1: Message message) throws (1: StrandException error),

  /**
   * Seed-compatible: create the named subscription or, if it exists, resume it unchanged (never resets
   * a cursor; seek does that). Opens a new session that fences any older one. Idempotent.
   */
  void subscribe(1: Subscriber subscriber) throws (1: StrandException error),

  /** Like subscribe, and returns the session to use with fetch/commit. */
  Session openSession(1: Subscriber subscriber) throws (1: StrandException error),

  /** A fresh producer id for idempotent publishing. */
  i64 initProducer() throws (1: StrandException error),

  /**
   * Append a batch atomically: all messages or none. With producerId+sequence, a retry of a batch
   * already stored returns its original ack (duplicate=true) instead of appending again; that makes
   * this call idempotent. Returns once the batch is as durable as the topic's durability.
   */
  PublishAck publishBatch(1: PublishBatchRequest request) throws (1: StrandException error),

  /** Read messages (see FetchRequest). Waits up to maxWaitMs when there is nothing yet. Read-only for replay. */
  FetchResult fetch(1: FetchRequest request) throws (1: StrandException error),

  /**
   * Cumulative ack: the subscription has processed everything below `offset` on `topic`. Never moves
   * a cursor backwards (a lower offset is ignored). Idempotent. SESSION_FENCED if sessionId is stale.
   */
  void commit(1: string subscription, 2: i64 sessionId, 3: string topic, 4: i64 offset)
      throws (1: StrandException error),

  /** Move the subscription's cursor on `topic` (or on every topic when topic is empty) anywhere. Idempotent. */
  void seek(1: string subscription, 2: string topic, 3: Position position) throws (1: StrandException error),

  /** Delete the subscription and its cursors. Idempotent (unknown names are not an error). */
  void unsubscribe(1: string subscription) throws (1: StrandException error),

  TopicInfo createTopic(1: string name, 2: TopicConfig config) throws (1: StrandException error),

  /** Delete the topic, its messages and its cursors. The name may be created again; offsets restart at 0. */
  void deleteTopic(1: string name) throws (1: StrandException error),

  list<TopicInfo> listTopics() throws (1: StrandException error),

  TopicInfo describeTopic(1: string name) throws (1: StrandException error),

  list<SubscriptionInfo> listSubscriptions() throws (1: StrandException error),

  SubscriptionInfo describeSubscription(1: string name) throws (1: StrandException error),

  BrokerInfo info() throws (1: StrandException error),
}

/** What a PUSH subscriber exposes; the broker calls it with batches in offset order. */
service Consumer {
  /**
   * Process a batch. Returning normally acknowledges the whole batch; throwing (or timing out) makes
   * the broker redeliver it from the committed offset after a backoff.
   */
  void consume(1: list<Message> messages) throws (1: StrandException error),
}
