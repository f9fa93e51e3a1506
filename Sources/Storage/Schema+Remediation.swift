extension Schema {
    static let recordKey = "agency_oid, host, cve, vendor, product, version"

    // Migration 10 (ADR 0016): remediation records with their SLA clock, the append-only history of every change,
    // standing decisions, and the sent-message log of reminders (ADR 0011). Days are `YYYY-MM-DD` text, which
    // sorts in calendar order on both engines, so overdue lists are plain comparisons.
    static func remediation(_ engine: Backend.Engine) -> [String] {
        let states = "'open', 'planned', 'remediated', 'mitigated', 'risk_accepted', 'false_positive', 'asset_retired'"
        let records = """
            CREATE TABLE remediation_records (
                agency_oid TEXT NOT NULL REFERENCES agencies (oid),
                host TEXT NOT NULL CHECK (host <> ''),
                cve TEXT NOT NULL CHECK (cve LIKE 'CVE-%'),
                vendor TEXT NOT NULL CHECK (vendor <> ''),
                product TEXT NOT NULL CHECK (product <> ''),
                version TEXT NOT NULL CHECK (version <> ''),
                severity TEXT NOT NULL CHECK (severity IN ('NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
                base_score DOUBLE PRECISION,
                known_exploited BOOLEAN NOT NULL,
                kev_date_added TEXT CHECK (kev_date_added IS NULL OR kev_date_added LIKE '____-__-__'),
                kev_due_date TEXT CHECK (kev_due_date IS NULL OR kev_due_date LIKE '____-__-__'),
                state TEXT NOT NULL CHECK (state IN (\(states))),
                verified BOOLEAN NOT NULL,
                first_seen TEXT NOT NULL CHECK (first_seen LIKE '____-__-__'),
                last_seen TEXT NOT NULL CHECK (last_seen LIKE '____-__-__'),
                last_month TEXT NOT NULL CHECK (last_month LIKE '____-__'),
                measure TEXT,
                owner TEXT,
                target_date TEXT CHECK (target_date IS NULL OR target_date LIKE '____-__-__'),
                evidence TEXT NOT NULL,
                approver TEXT,
                acceptance_reason TEXT,
                acceptance_expires TEXT CHECK (acceptance_expires IS NULL OR acceptance_expires LIKE '____-__-__'),
                justification TEXT,
                decision_id TEXT,
                reappeared BOOLEAN NOT NULL,
                reopened_on TEXT CHECK (reopened_on IS NULL OR reopened_on LIKE '____-__-__'),
                reopen_count BIGINT NOT NULL CHECK (reopen_count >= 0),
                clock_start TEXT CHECK (clock_start IS NULL OR clock_start LIKE '____-__-__'),
                deadline TEXT CHECK (deadline IS NULL OR deadline LIKE '____-__-__'),
                deadline_basis TEXT,
                paused_days BIGINT CHECK (paused_days IS NULL OR paused_days >= 0),
                closed_on TEXT CHECK (closed_on IS NULL OR closed_on LIKE '____-__-__'),
                history_length BIGINT NOT NULL CHECK (history_length >= 0),
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (\(recordKey)),
                CONSTRAINT remediation_acceptance_complete CHECK (
                    (approver IS NULL) = (acceptance_expires IS NULL)
                    AND (approver IS NULL) = (acceptance_reason IS NULL)),
                CONSTRAINT remediation_accepted_has_approver CHECK (state <> 'risk_accepted' OR approver IS NOT NULL),
                CONSTRAINT remediation_false_positive_justified CHECK (
                    state <> 'false_positive' OR justification IS NOT NULL),
                CONSTRAINT remediation_verified_means_remediated CHECK (NOT verified OR state = 'remediated'),
                CONSTRAINT remediation_deadline_complete CHECK (
                    (deadline IS NULL) = (clock_start IS NULL) AND (deadline IS NULL) = (deadline_basis IS NULL)),
                CONSTRAINT remediation_seen_in_order CHECK (first_seen <= last_seen),
                CONSTRAINT remediation_closed_iff_closed_state CHECK (
                    (state IN ('open', 'planned')) = (closed_on IS NULL))
            )
            """
        let history = """
            CREATE TABLE remediation_history (
                agency_oid TEXT NOT NULL,
                host TEXT NOT NULL,
                cve TEXT NOT NULL,
                vendor TEXT NOT NULL,
                product TEXT NOT NULL,
                version TEXT NOT NULL,
                position BIGINT NOT NULL CHECK (position >= 0),
                day TEXT NOT NULL CHECK (day LIKE '____-__-__'),
                actor TEXT NOT NULL CHECK (actor <> ''),
                action TEXT NOT NULL CHECK (action <> ''),
                from_state TEXT NOT NULL CHECK (from_state IN (\(states))),
                to_state TEXT NOT NULL CHECK (to_state IN (\(states))),
                note TEXT,
                recorded_at BIGINT NOT NULL,
                PRIMARY KEY (\(recordKey), position),
                FOREIGN KEY (\(recordKey)) REFERENCES remediation_records (\(recordKey))
            )
            """
        let decisions = """
            CREATE TABLE remediation_decisions (
                id TEXT PRIMARY KEY CHECK (id <> ''),
                cve TEXT NOT NULL CHECK (cve LIKE 'CVE-%'),
                vendor TEXT NOT NULL CHECK (vendor <> ''),
                product TEXT NOT NULL CHECK (product <> ''),
                start_including TEXT,
                start_excluding TEXT,
                end_including TEXT,
                end_excluding TEXT,
                scope TEXT NOT NULL CHECK (scope IN ('host', 'agency', 'national')),
                scope_agency TEXT REFERENCES agencies (oid),
                scope_host TEXT,
                outcome TEXT NOT NULL CHECK (outcome IN ('risk_accepted', 'false_positive', 'mitigated')),
                justification TEXT NOT NULL CHECK (justification <> ''),
                approver TEXT NOT NULL CHECK (approver <> ''),
                made_on TEXT NOT NULL CHECK (made_on LIKE '____-__-__'),
                expires TEXT CHECK (expires IS NULL OR expires LIKE '____-__-__'),
                recorded_at BIGINT NOT NULL,
                CONSTRAINT decisions_one_start CHECK (start_including IS NULL OR start_excluding IS NULL),
                CONSTRAINT decisions_one_end CHECK (end_including IS NULL OR end_excluding IS NULL),
                CONSTRAINT decisions_scope_fields CHECK (
                    (scope = 'national') = (scope_agency IS NULL) AND (scope = 'host') = (scope_host IS NOT NULL)),
                CONSTRAINT decisions_acceptance_expires CHECK (outcome <> 'risk_accepted' OR expires IS NOT NULL),
                CONSTRAINT decisions_expire_after_made CHECK (expires IS NULL OR expires > made_on)
            )
            """
        let sent = """
            CREATE TABLE sent_messages (
                message_key TEXT NOT NULL CHECK (message_key <> ''),
                channel TEXT NOT NULL CHECK (channel <> ''),
                recipient TEXT NOT NULL CHECK (recipient <> ''),
                state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
                attempts BIGINT NOT NULL CHECK (attempts >= 1),
                first_attempt_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                sent_at BIGINT,
                last_error TEXT,
                PRIMARY KEY (message_key, channel),
                CONSTRAINT sent_messages_sent_iff_time CHECK ((state = 'sent') = (sent_at IS NOT NULL)),
                CONSTRAINT sent_messages_failed_has_error CHECK (state <> 'failed' OR last_error IS NOT NULL)
            )
            """
        let common = [
            records,
            "CREATE INDEX remediation_records_by_state ON remediation_records (state, deadline)",
            "CREATE INDEX remediation_records_by_agency_state ON remediation_records (agency_oid, state)",
            history,
            decisions,
            "CREATE INDEX remediation_decisions_by_product ON remediation_decisions (cve, vendor, product)",
            sent,
        ]
        switch engine {
        case .sqlite:
            return common + [
                """
                CREATE TRIGGER remediation_history_no_update BEFORE UPDATE ON remediation_history
                BEGIN SELECT RAISE(ABORT, 'remediation_history is append-only'); END
                """,
                """
                CREATE TRIGGER remediation_history_no_delete BEFORE DELETE ON remediation_history
                BEGIN SELECT RAISE(ABORT, 'remediation_history is append-only'); END
                """,
            ]
        case .postgres:
            return common + [
                """
                CREATE FUNCTION remediation_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'remediation_history is append-only' USING ERRCODE = 'restrict_violation';
                END
                $$
                """,
                """
                CREATE TRIGGER remediation_history_no_update_or_delete BEFORE UPDATE OR DELETE ON remediation_history
                FOR EACH ROW EXECUTE FUNCTION remediation_history_refuse_change()
                """,
                """
                CREATE TRIGGER remediation_history_no_truncate BEFORE TRUNCATE ON remediation_history
                FOR EACH STATEMENT EXECUTE FUNCTION remediation_history_refuse_change()
                """,
            ]
        }
    }
}
