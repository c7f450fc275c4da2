-- Schema version 2: a checkpoint and a topic mapping belong to one topic of one cluster on each side.
-- Kafka cluster ids and topic ids (base64 UUIDs) as the clusters report them. A row whose ids differ from the
-- topic the route finds now (another cluster behind the same name, a topic deleted and recreated), or that has
-- none (written by schema version 1), is never applied: that topic is copied from its start, with an event.
-- IF NOT EXISTS: a state left half-upgraded by an older Mirador that upgraded in place can still be upgraded.

ALTER TABLE checkpoints ADD COLUMN IF NOT EXISTS source_cluster_id VARCHAR(64);
ALTER TABLE checkpoints ADD COLUMN IF NOT EXISTS source_topic_id VARCHAR(64);
ALTER TABLE checkpoints ADD COLUMN IF NOT EXISTS target_cluster_id VARCHAR(64);
ALTER TABLE checkpoints ADD COLUMN IF NOT EXISTS target_topic_id VARCHAR(64);

ALTER TABLE topic_mappings ADD COLUMN IF NOT EXISTS source_cluster_id VARCHAR(64);
ALTER TABLE topic_mappings ADD COLUMN IF NOT EXISTS source_topic_id VARCHAR(64);
ALTER TABLE topic_mappings ADD COLUMN IF NOT EXISTS target_cluster_id VARCHAR(64);
ALTER TABLE topic_mappings ADD COLUMN IF NOT EXISTS target_topic_id VARCHAR(64);
