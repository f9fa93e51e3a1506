extension Schema {
    // Migration 12 (ADR 0020): an agency's information systems and hosts, the dated evidence that a host was
    // reported to VANS or seen by EDR, system attestations, generated obligations with their evidence, and
    // zero-trust adoption per system. Systems are keyed by (agency, code) because codes are the agency's own; the
    // domain's `InfoSystem.ID` is `OID#code`. Days are `YYYY-MM-DD` text, as elsewhere.
    static let coverage = [
        """
        CREATE TABLE info_systems (
            agency_oid TEXT NOT NULL REFERENCES agencies (oid),
            code TEXT NOT NULL CHECK (code <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            is_core BOOLEAN NOT NULL,
            external_facing BOOLEAN NOT NULL,
            development TEXT CHECK (development IS NULL OR development IN ('self', 'outsourced', 'common')),
            PRIMARY KEY (agency_oid, code)
        )
        """,
        """
        CREATE TABLE hosts (
            agency_oid TEXT NOT NULL REFERENCES agencies (oid),
            host TEXT NOT NULL CHECK (host <> ''),
            kind TEXT NOT NULL CHECK (kind IN ('server', 'user_pc', 'network_device', 'iot')),
            hostname TEXT,
            owner_unit TEXT,
            PRIMARY KEY (agency_oid, host)
        )
        """,
        """
        CREATE TABLE system_hosts (
            agency_oid TEXT NOT NULL,
            code TEXT NOT NULL,
            host TEXT NOT NULL,
            PRIMARY KEY (agency_oid, code, host),
            FOREIGN KEY (agency_oid, code) REFERENCES info_systems (agency_oid, code) ON DELETE CASCADE,
            FOREIGN KEY (agency_oid, host) REFERENCES hosts (agency_oid, host)
        )
        """,
        """
        CREATE TABLE host_coverage (
            agency_oid TEXT NOT NULL,
            host TEXT NOT NULL,
            mechanism TEXT NOT NULL CHECK (mechanism IN ('vans', 'edr')),
            observed_on TEXT NOT NULL CHECK (observed_on LIKE '____-__-__'),
            evidence TEXT NOT NULL,
            PRIMARY KEY (agency_oid, host, mechanism, observed_on),
            FOREIGN KEY (agency_oid, host) REFERENCES hosts (agency_oid, host)
        )
        """,
        """
        CREATE TABLE system_attestations (
            agency_oid TEXT NOT NULL,
            code TEXT NOT NULL,
            mechanism TEXT NOT NULL CHECK (mechanism IN ('vans', 'edr')),
            attested_on TEXT NOT NULL CHECK (attested_on LIKE '____-__-__'),
            covered BOOLEAN NOT NULL,
            attested_by TEXT NOT NULL CHECK (attested_by <> ''),
            evidence TEXT NOT NULL CHECK (evidence <> ''),
            PRIMARY KEY (agency_oid, code, mechanism, attested_on),
            FOREIGN KEY (agency_oid, code) REFERENCES info_systems (agency_oid, code) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE zero_trust_deployments (
            agency_oid TEXT NOT NULL,
            code TEXT NOT NULL,
            phase BIGINT NOT NULL CHECK (phase BETWEEN 1 AND 3),
            status TEXT NOT NULL CHECK (status IN ('planned', 'pilot', 'production')),
            user_scope TEXT NOT NULL CHECK (user_scope IN ('vendor_maintainers', 'all_internal', 'all')),
            parallel_legacy_access BOOLEAN NOT NULL,
            started_on TEXT CHECK (started_on IS NULL OR started_on LIKE '____-__-__'),
            PRIMARY KEY (agency_oid, code),
            FOREIGN KEY (agency_oid, code) REFERENCES info_systems (agency_oid, code) ON DELETE CASCADE
        )
        """,
        // A level change supersedes the agency's current set (superseded_on) and adds a new one: history is kept.
        """
        CREATE TABLE agency_obligations (
            agency_oid TEXT NOT NULL REFERENCES agencies (oid),
            version TEXT NOT NULL CHECK (version <> ''),
            code TEXT NOT NULL CHECK (code <> ''),
            level TEXT NOT NULL CHECK (level IN ('A', 'B', 'C', 'D', 'E')),
            level_effective TEXT NOT NULL CHECK (level_effective LIKE '____-__-__'),
            due_date TEXT CHECK (due_date IS NULL OR due_date LIKE '____-__-__'),
            not_applicable TEXT,
            generated_on TEXT NOT NULL CHECK (generated_on LIKE '____-__-__'),
            superseded_on TEXT CHECK (superseded_on IS NULL OR superseded_on LIKE '____-__-__'),
            PRIMARY KEY (agency_oid, version, code, level, level_effective)
        )
        """,
        "CREATE INDEX agency_obligations_current ON agency_obligations (agency_oid, superseded_on)",
        """
        CREATE TABLE obligation_evidence (
            agency_oid TEXT NOT NULL REFERENCES agencies (oid),
            code TEXT NOT NULL CHECK (code <> ''),
            seq BIGINT NOT NULL CHECK (seq >= 1),
            day TEXT NOT NULL CHECK (day LIKE '____-__-__'),
            kind TEXT NOT NULL CHECK (kind IN ('done', 'started', 'count')),
            count BIGINT CHECK (count IS NULL OR count >= 0),
            note TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            PRIMARY KEY (agency_oid, code, seq),
            CONSTRAINT obligation_evidence_count_iff_kind CHECK ((kind = 'count') = (count IS NOT NULL))
        )
        """,
    ]
}
