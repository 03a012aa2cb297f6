/** Typed topics (channel → payload) live in @distillery/db/pubsub, shared with the runner. */
export { NOTIFY_LIMIT, TOPICS, type Topic, type Topics } from '@distillery/db/pubsub';
