-- Audit events written before four actions were renamed from snake_case verbs to hyphenated ones
-- (commit 9274e9f) now read with the names their successors are written with, so one action filter
-- finds the whole history of an action. One statement, so the table is scanned once.
UPDATE "AuditEvent"
SET "action" = CASE "action"
    WHEN 'auth.change_password' THEN 'auth.change-password'
    WHEN 'tokens.create_organization_token' THEN 'tokens.create-organization-token'
    WHEN 'tokens.create_integration_token' THEN 'tokens.create-integration-token'
    WHEN 'tokens.remove_secondary' THEN 'tokens.remove-secondary'
END
WHERE "action" IN ('auth.change_password', 'tokens.create_organization_token', 'tokens.create_integration_token', 'tokens.remove_secondary');
