// The journal's schema, one step per version. PRAGMA user_version records how far a file has come.
// Never edit a released step: add a new one, and a test that migrates a file of the previous version.

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE entries (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        follow_up_on TEXT,
        answers TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entries_by_date ON entries (date, created_at);
      CREATE INDEX entries_by_follow_up ON entries (follow_up_on) WHERE follow_up_on IS NOT NULL;

      CREATE TABLE entry_tags (
        entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (entry_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX entry_tags_by_tag ON entry_tags (tag, entry_id);

      CREATE TABLE follow_ups (
        entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        answered_at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (entry_id, seq)
      ) STRICT;

      CREATE TABLE drafts (
        name TEXT PRIMARY KEY,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      ) STRICT;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
