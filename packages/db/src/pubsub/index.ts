// The topic map's home is @distillery/domain (the runner and the API publish on it); this subpath keeps
// the database-side importers (NOTIFY listeners and publishers) on one import.
export { NOTIFY_LIMIT, TOPICS, type Topic, type Topics } from '@distillery/domain';
