import GRDB

/// The review queue's tables, created and upgraded by a `DatabaseMigrator`.
///
/// Times are integer milliseconds since 1970 (UTC). `simhash` keeps the 64-bit fingerprint's bit
/// pattern as a signed integer. `audit_entry` is append-only: triggers abort any UPDATE or DELETE.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: queue items, clusters, audit, ledger") { db in
            try db.execute(sql: """
                CREATE TABLE queue_item (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    fingerprint TEXT NOT NULL UNIQUE,
                    source_file TEXT NOT NULL,
                    source_line INTEGER NOT NULL,
                    post_id TEXT NOT NULL,
                    url TEXT,
                    author TEXT,
                    posted_at TEXT,
                    metadata_json TEXT NOT NULL,
                    original_text TEXT NOT NULL,
                    normalized_text TEXT NOT NULL,
                    text_sha256 TEXT NOT NULL,
                    normalized_sha256 TEXT NOT NULL,
                    score REAL NOT NULL,
                    risk TEXT NOT NULL,
                    risk_rank INTEGER NOT NULL,
                    hits_json TEXT NOT NULL,
                    leads_json TEXT NOT NULL,
                    entities_json TEXT NOT NULL,
                    categories_json TEXT NOT NULL,
                    contact_keys_json TEXT NOT NULL,
                    pack_name TEXT NOT NULL,
                    pack_version TEXT NOT NULL,
                    first_seen_ms INTEGER NOT NULL,
                    last_seen_ms INTEGER NOT NULL,
                    copy_count INTEGER NOT NULL DEFAULT 1,
                    cluster_id INTEGER NOT NULL,
                    simhash INTEGER NOT NULL,
                    near_duplicate_eligible INTEGER NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending',
                    claimed_by TEXT,
                    claimed_until_ms INTEGER
                );
                CREATE INDEX queue_item_normalized_sha256 ON queue_item(normalized_sha256);
                CREATE INDEX queue_item_cluster ON queue_item(cluster_id);
                CREATE INDEX queue_item_claim_order ON queue_item(status, score DESC, first_seen_ms, id);
                CREATE INDEX queue_item_source ON queue_item(source_file);
                CREATE INDEX queue_item_last_seen ON queue_item(last_seen_ms);
                CREATE INDEX queue_item_first_seen ON queue_item(first_seen_ms);

                CREATE TABLE item_contact (
                    item_id INTEGER NOT NULL REFERENCES queue_item(id),
                    contact_key TEXT NOT NULL,
                    PRIMARY KEY (item_id, contact_key)
                ) WITHOUT ROWID;
                CREATE INDEX item_contact_key ON item_contact(contact_key);

                CREATE TABLE item_category (
                    item_id INTEGER NOT NULL REFERENCES queue_item(id),
                    category TEXT NOT NULL,
                    PRIMARY KEY (item_id, category)
                ) WITHOUT ROWID;
                CREATE INDEX item_category_category ON item_category(category);

                CREATE TABLE audit_entry (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id INTEGER NOT NULL REFERENCES queue_item(id),
                    cluster_id INTEGER NOT NULL,
                    verdict TEXT NOT NULL,
                    reviewer TEXT NOT NULL,
                    note TEXT,
                    whole_cluster INTEGER NOT NULL,
                    decided_at_ms INTEGER NOT NULL
                );
                CREATE INDEX audit_entry_item ON audit_entry(item_id, id);
                CREATE TRIGGER audit_entry_append_only_update BEFORE UPDATE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;
                CREATE TRIGGER audit_entry_append_only_delete BEFORE DELETE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;

                CREATE TABLE run_ledger (
                    path TEXT PRIMARY KEY NOT NULL,
                    size INTEGER NOT NULL,
                    modified_at_ms INTEGER NOT NULL,
                    content_sha256 TEXT NOT NULL,
                    bytes_processed INTEGER NOT NULL,
                    records_processed INTEGER NOT NULL,
                    completed INTEGER NOT NULL,
                    updated_at_ms INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: accounts, sessions, login failures") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    name TEXT PRIMARY KEY NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('reviewer', 'analyst', 'admin')),
                    password_hash TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL
                );
                CREATE TABLE account_session (
                    token_sha256 TEXT PRIMARY KEY NOT NULL,
                    account_name TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    expires_at_ms INTEGER NOT NULL
                );
                CREATE INDEX account_session_account ON account_session(account_name);
                CREATE TABLE login_failure (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    failure_key TEXT NOT NULL,
                    failed_at_ms INTEGER NOT NULL
                );
                CREATE INDEX login_failure_key ON login_failure(failure_key, failed_at_ms);
                """)
        }
        migrator.registerMigration("v3: rules per item") { db in
            // The distinct rule ids of each item's hits, for counting items per rule without
            // parsing every item's hits; filled from the stored hits for items already queued.
            try db.execute(sql: """
                CREATE TABLE item_rule (
                    item_id INTEGER NOT NULL REFERENCES queue_item(id),
                    rule_id TEXT NOT NULL,
                    PRIMARY KEY (item_id, rule_id)
                ) WITHOUT ROWID;
                CREATE INDEX item_rule_rule ON item_rule(rule_id);
                INSERT OR IGNORE INTO item_rule (item_id, rule_id)
                SELECT q.id, json_extract(h.value, '$.ruleID') FROM queue_item q, json_each(q.hits_json) h
                WHERE json_extract(h.value, '$.ruleID') IS NOT NULL;
                """)
        }
        return migrator
    }
}
