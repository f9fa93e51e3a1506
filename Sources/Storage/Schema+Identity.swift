extension Schema {
    static let roles =
        "'national_supervisor', 'supervising_agency_supervisor', 'agency_administrator', 'agency_operator', 'auditor', 'read_only'"

    /// A role in a scope, as columns of user_roles and invitations; `roleChecks` keep roles where they make sense
    /// (RoleAssignment's rules) and an OID exactly when the scope is below the nation. SQLite wants table
    /// constraints after every column, so the two are separate.
    static let roleColumns = """
        role TEXT NOT NULL CHECK (role IN (\(roles))),
            scope_kind TEXT NOT NULL CHECK (scope_kind IN ('nation', 'supervising', 'agency')),
            scope_oid TEXT REFERENCES agencies (oid)
        """

    static let roleChecks = """
        CHECK ((scope_kind = 'nation') = (scope_oid IS NULL)),
            CHECK (role <> 'national_supervisor' OR scope_kind = 'nation'),
            CHECK (role <> 'supervising_agency_supervisor' OR scope_kind = 'supervising'),
            CHECK (role NOT IN ('agency_administrator', 'agency_operator') OR scope_kind = 'agency')
        """

    // Users exist only through a redeemed invitation, so every user has a passkey from the start. Challenges are
    // keyed by their random value (what clientDataJSON carries back) and deleted when used. A session's passkey
    // must be its user's: the composite reference makes the database hold that.
    static func identity(_ engine: Backend.Engine) -> [String] {
        [
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL CHECK (name <> ''),
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            """
            CREATE TABLE user_roles (
                user_id TEXT NOT NULL REFERENCES users (id),
                \(roleColumns),
                \(roleChecks),
                UNIQUE (user_id, role, scope_kind, scope_oid)
            )
            """,
            "CREATE INDEX user_roles_by_user ON user_roles (user_id)",
            """
            CREATE TABLE invitations (
                id TEXT PRIMARY KEY,
                token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
                name TEXT NOT NULL CHECK (name <> ''),
                \(roleColumns),
                created_by TEXT NOT NULL CHECK (created_by <> ''),
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL CHECK (expires_at > created_at),
                used_at BIGINT,
                user_id TEXT UNIQUE REFERENCES users (id),
                \(roleChecks),
                CHECK ((used_at IS NULL) = (user_id IS NULL))
            )
            """,
            """
            CREATE TABLE passkeys (
                id TEXT PRIMARY KEY CHECK (id <> ''),
                user_id TEXT NOT NULL REFERENCES users (id),
                public_key TEXT NOT NULL CHECK (public_key <> ''),
                sign_count BIGINT NOT NULL CHECK (sign_count BETWEEN 0 AND 4294967295),
                device_name TEXT NOT NULL CHECK (device_name <> ''),
                aaguid TEXT NOT NULL,
                attestation TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT,
                revoked_at BIGINT,
                UNIQUE (id, user_id)
            )
            """,
            "CREATE INDEX passkeys_by_user ON passkeys (user_id)",
            """
            CREATE TABLE webauthn_challenges (
                value TEXT PRIMARY KEY CHECK (value <> ''),
                purpose TEXT NOT NULL CHECK (purpose IN ('registration', 'login')),
                invitation_id TEXT REFERENCES invitations (id),
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL CHECK (expires_at > created_at),
                CHECK ((purpose = 'registration') = (invitation_id IS NOT NULL))
            )
            """,
            "CREATE INDEX webauthn_challenges_by_expiry ON webauthn_challenges (expires_at)",
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
                user_id TEXT NOT NULL,
                passkey_id TEXT NOT NULL,
                user_verified BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL CHECK (expires_at > created_at),
                revoked_at BIGINT,
                FOREIGN KEY (passkey_id, user_id) REFERENCES passkeys (id, user_id)
            )
            """,
            "CREATE INDEX sessions_by_user ON sessions (user_id)",
            "CREATE INDEX sessions_by_passkey ON sessions (passkey_id)",
        ] + authorizationLog(engine)
    }

    // Like the audit log: append-only for every client, no foreign keys (a record outlives what it names).
    static func authorizationLog(_ engine: Backend.Engine) -> [String] {
        let table = """
            CREATE TABLE authorization_log (
                seq \(engine.serialPrimaryKey),
                at_ms BIGINT NOT NULL,
                request_id TEXT NOT NULL,
                request TEXT NOT NULL,
                principal TEXT NOT NULL CHECK (principal <> ''),
                action TEXT NOT NULL CHECK (action <> ''),
                tenant TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('allow', 'deny', 'not_found')),
                reason TEXT NOT NULL
            )
            """
        let index = "CREATE INDEX authorization_log_by_request ON authorization_log (request_id)"
        switch engine {
        case .sqlite:
            return [
                table, index,
                """
                CREATE TRIGGER authorization_log_no_update BEFORE UPDATE ON authorization_log
                BEGIN SELECT RAISE(ABORT, 'authorization_log is append-only'); END
                """,
                """
                CREATE TRIGGER authorization_log_no_delete BEFORE DELETE ON authorization_log
                BEGIN SELECT RAISE(ABORT, 'authorization_log is append-only'); END
                """,
            ]
        case .postgres:
            // audit_log_refuse_change() comes from migration 6; its message names the audit log, the SQLSTATE is
            // what callers see.
            return [
                table, index,
                """
                CREATE TRIGGER authorization_log_no_update_or_delete BEFORE UPDATE OR DELETE ON authorization_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()
                """,
                """
                CREATE TRIGGER authorization_log_no_truncate BEFORE TRUNCATE ON authorization_log
                FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
                """,
            ]
        }
    }
}
