extension Schema {
    static let taskKey = "entry_id, agency_oid"

    // Migration 11 (ADR 0022): the catalogue hits of each snapshot row, catalogue entries as published, removal
    // tasks per agency × entry with their outstanding hits, the register of products kept under an exception
    // (R27), and the append-only history of every task. Days are `YYYY-MM-DD` text, as in migration 10.
    static func prohibition(_ engine: Backend.Engine) -> [String] {
        let day = { (column: String, nullable: Bool) in
            nullable
                ? "\(column) TEXT CHECK (\(column) IS NULL OR \(column) LIKE '____-__-__')"
                : "\(column) TEXT NOT NULL CHECK (\(column) LIKE '____-__-__')"
        }
        let statuses = "'open', 'completed', 'exception'"
        let common = [
            """
            CREATE TABLE snapshot_prohibited_hits (
                snapshot_id TEXT NOT NULL,
                row_number BIGINT NOT NULL,
                entry_id TEXT NOT NULL CHECK (entry_id <> ''),
                PRIMARY KEY (snapshot_id, row_number, entry_id),
                FOREIGN KEY (snapshot_id, row_number) REFERENCES snapshot_rows (snapshot_id, row_number)
                    ON DELETE CASCADE
            )
            """,
            "CREATE INDEX snapshot_prohibited_hits_by_entry ON snapshot_prohibited_hits (entry_id)",
            """
            CREATE TABLE prohibited_publications (
                entry_id TEXT PRIMARY KEY CHECK (entry_id <> ''),
                name TEXT NOT NULL,
                category TEXT NOT NULL CHECK (category <> ''),
                catalogue_version TEXT NOT NULL CHECK (catalogue_version <> ''),
                \(day("published_on", false)),
                due_days BIGINT NOT NULL CHECK (due_days >= 0),
                published_by TEXT NOT NULL CHECK (published_by <> ''),
                recorded_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE removal_tasks (
                entry_id TEXT NOT NULL REFERENCES prohibited_publications (entry_id),
                agency_oid TEXT NOT NULL REFERENCES agencies (oid),
                \(day("created_on", false)),
                \(day("due_on", false)),
                status TEXT NOT NULL CHECK (status IN (\(statuses))),
                \(day("completed_on", true)),
                last_month TEXT NOT NULL CHECK (last_month LIKE '____-__'),
                last_snapshot_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (\(taskKey)),
                CONSTRAINT removal_completed_has_day CHECK ((status = 'completed') = (completed_on IS NOT NULL)),
                CONSTRAINT removal_due_not_before_created CHECK (due_on >= created_on)
            )
            """,
            "CREATE INDEX removal_tasks_by_agency_status ON removal_tasks (agency_oid, status, due_on)",
            """
            CREATE TABLE removal_task_hits (
                entry_id TEXT NOT NULL,
                agency_oid TEXT NOT NULL,
                host TEXT NOT NULL CHECK (host <> ''),
                item_name TEXT NOT NULL,
                PRIMARY KEY (\(taskKey), host, item_name),
                FOREIGN KEY (\(taskKey)) REFERENCES removal_tasks (\(taskKey)) ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE removal_exceptions (
                entry_id TEXT NOT NULL,
                agency_oid TEXT NOT NULL,
                ciso_approval TEXT NOT NULL CHECK (ciso_approval <> ''),
                authority_approval TEXT NOT NULL CHECK (authority_approval <> ''),
                reason TEXT NOT NULL,
                \(day("expires", true)),
                product TEXT NOT NULL CHECK (product <> ''),
                location TEXT NOT NULL,
                connectivity TEXT NOT NULL CHECK (connectivity IN ('offline', 'separate_network', 'connected')),
                measures TEXT NOT NULL,
                \(day("replacement_date", true)),
                granted_at BIGINT NOT NULL,
                PRIMARY KEY (\(taskKey)),
                FOREIGN KEY (\(taskKey)) REFERENCES removal_tasks (\(taskKey))
            )
            """,
            """
            CREATE TABLE removal_history (
                entry_id TEXT NOT NULL,
                agency_oid TEXT NOT NULL,
                position BIGINT NOT NULL CHECK (position >= 0),
                \(day("day", false)),
                actor TEXT NOT NULL CHECK (actor <> ''),
                action TEXT NOT NULL CHECK (action <> ''),
                from_status TEXT CHECK (from_status IS NULL OR from_status IN (\(statuses))),
                to_status TEXT NOT NULL CHECK (to_status IN (\(statuses))),
                note TEXT,
                recorded_at BIGINT NOT NULL,
                PRIMARY KEY (\(taskKey), position),
                FOREIGN KEY (\(taskKey)) REFERENCES removal_tasks (\(taskKey))
            )
            """,
        ]
        // The register and the history are never rewritten: an exception, once granted, stays on record.
        let appendOnly = ["removal_history", "removal_exceptions"]
        switch engine {
        case .sqlite:
            return common
                + appendOnly.flatMap { table in
                    ["UPDATE", "DELETE"].map { change in
                        """
                        CREATE TRIGGER \(table)_no_\(change.lowercased()) BEFORE \(change) ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
                        """
                    }
                }
        case .postgres:
            return common + [
                """
                CREATE FUNCTION removal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
                END
                $$
                """
            ]
                + appendOnly.flatMap { table in
                    [
                        """
                        CREATE TRIGGER \(table)_no_update_or_delete BEFORE UPDATE OR DELETE ON \(table)
                        FOR EACH ROW EXECUTE FUNCTION removal_refuse_change()
                        """,
                        """
                        CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
                        FOR EACH STATEMENT EXECUTE FUNCTION removal_refuse_change()
                        """,
                    ]
                }
        }
    }
}
