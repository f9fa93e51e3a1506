/// The schema, as numbered migrations (ADR 0009). Append new migrations at the end; never edit one that has been
/// released. The SQL is written once for both engines; `engine` varies only identity columns and triggers.
public enum Schema {
    public static let migrations: [Migration] = [
        Migration(1, "tenancy") { _ in tenancy },
        Migration(2, "uploads and snapshots") { _ in uploads },
        Migration(3, "job queue") { _ in jobs },
        Migration(4, "findings") { _ in findings },
        Migration(5, "api keys") { _ in apiKeys },
        Migration(6, "audit log") { engine in auditLog(engine) },
        Migration(7, "upload contents") { engine in uploadContents(engine) },
        Migration(8, "identity and sessions") { engine in identity(engine) },
        Migration(9, "feed sources") { _ in feedSources },
        Migration(10, "remediation") { engine in remediation(engine) },
        Migration(11, "prohibited software") { engine in prohibition(engine) },
        Migration(12, "coverage") { _ in coverage },
    ]

    // Supervisors are deferred so a whole directory can be saved in one transaction in any order.
    static let tenancy = [
        """
        CREATE TABLE agencies (
            oid TEXT PRIMARY KEY CHECK (oid <> ''),
            name_zh TEXT NOT NULL CHECK (name_zh <> ''),
            name_en TEXT,
            tier TEXT NOT NULL CHECK (tier IN ('central', 'municipal', 'county_city', 'township')),
            kind TEXT NOT NULL CHECK (kind IN ('public', 'ci_provider', 'soe', 'foundation', 'admin_corp')),
            local_government TEXT,
            region_group BIGINT CHECK (region_group BETWEEN 1 AND 6),
            governs TEXT UNIQUE,
            supervisor_oid TEXT REFERENCES agencies (oid) DEFERRABLE INITIALLY DEFERRED,
            has_mail_server BOOLEAN NOT NULL,
            CONSTRAINT agencies_not_own_supervisor CHECK (supervisor_oid IS NULL OR supervisor_oid <> oid),
            CONSTRAINT agencies_region_iff_local CHECK ((local_government IS NULL) = (region_group IS NULL))
        )
        """,
        "CREATE INDEX agencies_by_supervisor ON agencies (supervisor_oid)",
        "CREATE INDEX agencies_by_region_group ON agencies (region_group)",
        """
        CREATE TABLE agency_levels (
            agency_oid TEXT NOT NULL REFERENCES agencies (oid) ON DELETE CASCADE,
            effective_day TEXT NOT NULL CHECK (effective_day LIKE '____-__-__'),
            level TEXT NOT NULL CHECK (level IN ('A', 'B', 'C', 'D', 'E')),
            reference TEXT,
            PRIMARY KEY (agency_oid, effective_day)
        )
        """,
        """
        CREATE TABLE agency_units (
            agency_oid TEXT NOT NULL REFERENCES agencies (oid) ON DELETE CASCADE,
            code TEXT NOT NULL CHECK (code <> ''),
            name_zh TEXT NOT NULL CHECK (name_zh <> ''),
            name_en TEXT,
            PRIMARY KEY (agency_oid, code)
        )
        """,
    ]

    // The conversion report's breakdowns (failed rows by failure code, converted rows by method, prohibited rows
    // by category) are rows of snapshot_counts, one per (measure, name).
    // (id, agency_oid, month) is unique so that snapshots and findings can reference an upload together with its
    // agency and month: the schema itself then keeps every snapshot and finding in its upload's tenant and month.
    static let uploads = [
        """
        CREATE TABLE uploads (
            id TEXT PRIMARY KEY,
            agency_oid TEXT NOT NULL REFERENCES agencies (oid),
            month TEXT NOT NULL CHECK (month LIKE '____-__'),
            digest TEXT NOT NULL CHECK (length(digest) = 64),
            format TEXT NOT NULL,
            byte_count BIGINT NOT NULL CHECK (byte_count >= 0),
            received_at BIGINT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('received', 'processing', 'completed', 'failed')),
            rows_processed BIGINT NOT NULL CHECK (rows_processed >= 0),
            failure TEXT,
            UNIQUE (agency_oid, month, digest),
            UNIQUE (id, agency_oid, month),
            CONSTRAINT uploads_failed_iff_reason CHECK ((status = 'failed') = (failure IS NOT NULL))
        )
        """,
        """
        CREATE TABLE snapshots (
            id TEXT PRIMARY KEY,
            upload_id TEXT NOT NULL UNIQUE,
            agency_oid TEXT NOT NULL,
            month TEXT NOT NULL,
            committed_at BIGINT NOT NULL,
            row_count BIGINT NOT NULL CHECK (row_count >= 0),
            rows_total BIGINT NOT NULL CHECK (rows_total >= 0),
            rows_converted BIGINT NOT NULL CHECK (rows_converted >= 0 AND rows_converted <= rows_total),
            rows_prohibited BIGINT NOT NULL CHECK (rows_prohibited >= 0 AND rows_prohibited <= rows_total),
            distinct_keys BIGINT NOT NULL CHECK (distinct_keys >= 0),
            FOREIGN KEY (upload_id, agency_oid, month) REFERENCES uploads (id, agency_oid, month)
        )
        """,
        "CREATE INDEX snapshots_by_agency_month ON snapshots (agency_oid, month, committed_at)",
        """
        CREATE TABLE snapshot_rows (
            snapshot_id TEXT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
            row_number BIGINT NOT NULL CHECK (row_number >= 1),
            host TEXT,
            asset_name TEXT NOT NULL,
            vendor TEXT,
            version TEXT,
            category TEXT,
            cpe TEXT CHECK (cpe IS NULL OR cpe LIKE 'cpe:2.3:%'),
            cpe_title TEXT,
            quantity BIGINT NOT NULL CHECK (quantity >= 0),
            failure TEXT CHECK (failure IS NULL OR failure <> ''),
            PRIMARY KEY (snapshot_id, row_number)
        )
        """,
        """
        CREATE TABLE snapshot_counts (
            snapshot_id TEXT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
            measure TEXT NOT NULL CHECK (measure IN ('failure', 'method', 'prohibited')),
            name TEXT NOT NULL CHECK (name <> ''),
            row_count BIGINT NOT NULL CHECK (row_count > 0),
            PRIMARY KEY (snapshot_id, measure, name)
        )
        """,
    ]

    // A running job always holds exactly one lease (token and expiry), and a finished one none.
    static let jobs = [
        """
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind <> ''),
            payload TEXT NOT NULL,
            agency_oid TEXT REFERENCES agencies (oid),
            state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
            attempts BIGINT NOT NULL CHECK (attempts >= 0),
            max_attempts BIGINT NOT NULL CHECK (max_attempts >= 1),
            available_at BIGINT NOT NULL,
            enqueued_at BIGINT NOT NULL,
            lease_token TEXT UNIQUE,
            lease_expires_at BIGINT,
            finished_at BIGINT,
            last_error TEXT,
            dedupe_key TEXT UNIQUE,
            CONSTRAINT jobs_attempts_within_max CHECK (attempts <= max_attempts),
            CONSTRAINT jobs_running_iff_leased CHECK ((state = 'running') = (lease_token IS NOT NULL)),
            CONSTRAINT jobs_lease_complete CHECK ((lease_token IS NULL) = (lease_expires_at IS NULL)),
            CONSTRAINT jobs_finished_iff_done CHECK ((state IN ('succeeded', 'failed')) = (finished_at IS NOT NULL))
        )
        """,
        "CREATE INDEX jobs_claimable ON jobs (state, available_at, enqueued_at)",
        "CREATE INDEX jobs_by_lease_expiry ON jobs (state, lease_expires_at)",
    ]

    static let findings = [
        """
        CREATE TABLE findings (
            agency_oid TEXT NOT NULL REFERENCES agencies (oid),
            host TEXT NOT NULL CHECK (host <> ''),
            cve TEXT NOT NULL CHECK (cve LIKE 'CVE-%'),
            cpe TEXT NOT NULL CHECK (cpe LIKE 'cpe:2.3:%'),
            status TEXT NOT NULL CHECK (status IN ('affected', 'indeterminate')),
            high_risk BOOLEAN NOT NULL,
            known_exploited BOOLEAN NOT NULL,
            first_upload_id TEXT NOT NULL,
            first_month TEXT NOT NULL,
            last_upload_id TEXT NOT NULL,
            last_month TEXT NOT NULL,
            PRIMARY KEY (agency_oid, host, cve),
            FOREIGN KEY (first_upload_id, agency_oid, first_month) REFERENCES uploads (id, agency_oid, month),
            FOREIGN KEY (last_upload_id, agency_oid, last_month) REFERENCES uploads (id, agency_oid, month),
            CONSTRAINT findings_seen_in_order CHECK (first_month <= last_month)
        )
        """
    ]

    static let apiKeys = [
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            agency_oid TEXT NOT NULL REFERENCES agencies (oid),
            secret_sha256 TEXT NOT NULL UNIQUE CHECK (length(secret_sha256) = 64),
            label TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            revoked_at BIGINT,
            replaced_by TEXT REFERENCES api_keys (id),
            CONSTRAINT api_keys_expire_after_creation CHECK (expires_at > created_at),
            CONSTRAINT api_keys_not_replaced_by_self CHECK (replaced_by IS NULL OR replaced_by <> id)
        )
        """,
        "CREATE INDEX api_keys_by_agency ON api_keys (agency_oid)",
    ]

    // No foreign key to agencies: an entry must outlive whatever it mentions. The triggers make the table
    // append-only for every client, the application included.
    static func auditLog(_ engine: Backend.Engine) -> [String] {
        let table = """
            CREATE TABLE audit_log (
                seq \(engine.serialPrimaryKey),
                at_ms BIGINT NOT NULL,
                actor TEXT NOT NULL CHECK (actor <> ''),
                agency_oid TEXT,
                action TEXT NOT NULL CHECK (action <> ''),
                subject TEXT NOT NULL,
                detail TEXT NOT NULL
            )
            """
        let index = "CREATE INDEX audit_log_by_agency ON audit_log (agency_oid, seq)"
        switch engine {
        case .sqlite:
            return [
                table, index,
                """
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
                """,
                """
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
                """,
            ]
        case .postgres:
            return [
                table, index,
                """
                CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'restrict_violation';
                END
                $$
                """,
                """
                CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()
                """,
                """
                CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
                """,
            ]
        }
    }

    // One row per knowledge-base source (nvd, nvd-overrides, cve5, kev, epss); `vans feeds import|sync` write it,
    // the service reads it for the stale-data banner. Times are milliseconds since the epoch.
    static let feedSources = [
        """
        CREATE TABLE feed_sources (
            source TEXT PRIMARY KEY CHECK (source IN ('nvd', 'nvd-overrides', 'cve5', 'kev', 'epss')),
            last_success_at BIGINT,
            last_attempt_at BIGINT,
            last_error TEXT,
            record_count BIGINT NOT NULL CHECK (record_count >= 0),
            document_count BIGINT NOT NULL CHECK (document_count >= 0),
            digest TEXT CHECK (digest IS NULL OR length(digest) = 64),
            synced_through BIGINT,
            sync_cursor TEXT
        )
        """
    ]
}
