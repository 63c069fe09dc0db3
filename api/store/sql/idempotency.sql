-- lock_idempotency_key --
-- Serialise requests that carry the same key in a workspace until the transaction ends.
SELECT pg_advisory_xact_lock(hashtextextended(%(workspace_id)s || ':' || %(operation)s || ':' || %(key)s, 0));

-- get_idempotent_response --
-- The recorded answer to a key used in the last 24 hours, and the hash of the body it answered.
SELECT request_hash, response FROM idempotency_keys
WHERE workspace_id = %(workspace_id)s AND operation = %(operation)s AND key = %(key)s
  AND created_at > now() - interval '24 hours';

-- record_idempotent_response --
-- Remember the answer to a key, replacing an expired record of the same key.
INSERT INTO idempotency_keys (workspace_id, operation, key, request_hash, response)
VALUES (%(workspace_id)s, %(operation)s, %(key)s, %(request_hash)s, %(response)s)
ON CONFLICT (workspace_id, operation, key)
DO UPDATE SET request_hash = excluded.request_hash, response = excluded.response, created_at = now();

-- forget_expired_keys --
-- Drop up to 100 of a workspace's records older than 24 hours, skipping rows another request holds,
-- so that concurrent creates never wait on each other here (or deadlock).
DELETE FROM idempotency_keys WHERE (workspace_id, operation, key) IN (
    SELECT workspace_id, operation, key FROM idempotency_keys
    WHERE workspace_id = %(workspace_id)s AND created_at <= now() - interval '24 hours'
    LIMIT 100
    FOR UPDATE SKIP LOCKED
);
