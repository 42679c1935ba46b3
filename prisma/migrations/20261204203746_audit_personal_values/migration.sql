-- Audit rows written before personal values were hashed (lib/audit/personal.ts) keep names, phones,
-- addresses, notes and birth years in clear, where an erasure could never reach them. Their values
-- become "***" (the secret that hashes new ones is not known here, and a hash stays as it is).
-- The field names, ids, actors and times stay, so the trail still shows who changed what and when.
-- The key list is PERSONAL_KEYS. The append-only trigger is lifted for this one statement, by the
-- migration's owner. No semicolon in these comments: the engine splits the script at each one.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_update_delete";

UPDATE "audit_log" SET
  "details" = CASE WHEN jsonb_typeof("details") = 'object' AND "details" ?| ARRAY['name', 'fullName', 'headName', 'username', 'phone', 'unverifiedPhone', 'recipient', 'address', 'notes', 'reason', 'birthYear', 'headBirthYear', 'q']
    THEN (SELECT jsonb_object_agg(k, CASE WHEN k = ANY (ARRAY['name', 'fullName', 'headName', 'username', 'phone', 'unverifiedPhone', 'recipient', 'address', 'notes', 'reason', 'birthYear', 'headBirthYear', 'q']) AND v NOT IN ('null'::jsonb, '""'::jsonb) AND (v #>> '{}') NOT LIKE 'hmac:%' THEN '"***"'::jsonb ELSE v END) FROM jsonb_each("details") AS e(k, v))
    ELSE "details" END,
  "before" = CASE WHEN jsonb_typeof("before") = 'object' AND "before" ?| ARRAY['name', 'fullName', 'headName', 'username', 'phone', 'unverifiedPhone', 'recipient', 'address', 'notes', 'reason', 'birthYear', 'headBirthYear', 'q']
    THEN (SELECT jsonb_object_agg(k, CASE WHEN k = ANY (ARRAY['name', 'fullName', 'headName', 'username', 'phone', 'unverifiedPhone', 'recipient', 'address', 'notes', 'reason', 'birthYear', 'headBirthYear', 'q']) AND v NOT IN ('null'::jsonb, '""'::jsonb) AND (v #>> '{}') NOT LIKE 'hmac:%' THEN '"***"'::jsonb ELSE v END) FROM jsonb_each("before") AS e(k, v))
    ELSE "before" END,
  "after" = CASE WHEN jsonb_typeof("after") = 'object' AND "after" ?| ARRAY['name', 'fullName', 'headName', 'username', 'phone', 'unverifiedPhone', 'recipient', 'address', 'notes', 'reason', 'birthYear', 'headBirthYear', 'q']
    THEN (SELECT jsonb_object_agg(k, CASE WHEN k = ANY (ARRAY['name', 'fullName', 'headName', 'username', 'phone', 'unverifiedPhone', 'recipient', 'address', 'notes', 'reason', 'birthYear', 'headBirthYear', 'q']) AND v NOT IN ('null'::jsonb, '""'::jsonb) AND (v #>> '{}') NOT LIKE 'hmac:%' THEN '"***"'::jsonb ELSE v END) FROM jsonb_each("after") AS e(k, v))
    ELSE "after" END
WHERE "details" ?| ARRAY['name', 'fullName', 'headName', 'username', 'phone', 'unverifiedPhone', 'recipient', 'address', 'notes', 'reason', 'birthYear', 'headBirthYear', 'q']
   OR "before" ?| ARRAY['name', 'fullName', 'headName', 'username', 'phone', 'unverifiedPhone', 'recipient', 'address', 'notes', 'reason', 'birthYear', 'headBirthYear', 'q']
   OR "after" ?| ARRAY['name', 'fullName', 'headName', 'username', 'phone', 'unverifiedPhone', 'recipient', 'address', 'notes', 'reason', 'birthYear', 'headBirthYear', 'q'];

ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_update_delete";
