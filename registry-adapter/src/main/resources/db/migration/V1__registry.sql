-- Sluice schema registry: see ADR "Registry storage layout" in ADR/drafts/registry.md.

-- Global settings; exactly one row.
CREATE TABLE registry_config (
    id            SMALLINT    PRIMARY KEY CHECK (id = 1),
    compatibility VARCHAR(32) NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE subjects (
    id            BIGSERIAL    PRIMARY KEY,
    name          VARCHAR(260) NOT NULL UNIQUE,
    -- NULL: the subject follows the global compatibility level.
    compatibility VARCHAR(32),
    created_at    TIMESTAMPTZ  NOT NULL
);

-- One row per registered version. The id is the global schema id (Confluent's "id").
CREATE TABLE schema_versions (
    id            BIGSERIAL   PRIMARY KEY,
    subject_id    BIGINT      NOT NULL REFERENCES subjects (id),
    version       INTEGER     NOT NULL,
    fingerprint   CHAR(64)    NOT NULL,
    schema_type   VARCHAR(16) NOT NULL,
    schema_text   TEXT        NOT NULL,
    rule_set      TEXT,
    -- The canonical model (dev.sluice.domain.model.schema.SchemaVersion) as JSON.
    canonical     TEXT        NOT NULL,
    -- Seed 004's field_diff against the previous live version: added, removed, renamed, ...
    field_diff    TEXT        NOT NULL,
    status        VARCHAR(16) NOT NULL CHECK (status IN ('ACTIVE', 'DEPRECATED', 'BREAKING')),
    compatibility VARCHAR(32) NOT NULL,
    promoted_at   TIMESTAMPTZ,
    deleted       BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    VARCHAR(128) NOT NULL,
    UNIQUE (subject_id, version)
);
CREATE INDEX schema_versions_fingerprint ON schema_versions (subject_id, fingerprint) WHERE NOT deleted;

-- The per-version field list (seed 004's "fields"), flattened: one row per path.
CREATE TABLE schema_fields (
    id          BIGSERIAL    PRIMARY KEY,
    version_id  BIGINT       NOT NULL REFERENCES schema_versions (id),
    path        VARCHAR(1024) NOT NULL,
    type        VARCHAR(16)  NOT NULL,
    required    BOOLEAN      NOT NULL,
    pii         VARCHAR(8)   NOT NULL,
    doc         TEXT         NOT NULL,
    UNIQUE (version_id, path)
);

-- Every change: who, when, what and why. Append-only.
CREATE TABLE audit_log (
    id        BIGSERIAL    PRIMARY KEY,
    at        TIMESTAMPTZ  NOT NULL,
    actor     VARCHAR(128) NOT NULL,
    action    VARCHAR(32)  NOT NULL,
    subject   VARCHAR(260),
    version   INTEGER,
    reason    TEXT,
    detail    TEXT         NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject, at);

-- Transactional outbox: events written with the change, relayed to Kafka after commit.
CREATE TABLE event_outbox (
    id           BIGSERIAL    PRIMARY KEY,
    topic        VARCHAR(255) NOT NULL,
    msg_key      VARCHAR(260) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX event_outbox_pending ON event_outbox (id) WHERE published_at IS NULL;
