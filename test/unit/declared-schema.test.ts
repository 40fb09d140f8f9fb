// The schema a journal at the current version has, declared (storage/schema-objects.ts) so that
// recognising a journal needs no in-memory database with every migration run on it: held here to
// what the migrations make.
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { DECLARED_SCHEMA, DECLARED_VERSION, type SchemaObject } from '../../src/storage/schema-objects.js';
import { expectedSchema, schemaFromMigrations } from '../../src/storage/schema.js';

/** A schema as the lines that declare it in src/storage/schema-objects.ts (DECLARED_SCHEMA). */
function declaration(objects: readonly SchemaObject[]): string {
  return objects
    .map((o) => (o.type === 'table' ? `  table('${o.name}', '${o.columns.join(' ')}'),` : `  index('${o.name}', '${o.table}', '${o.columns.join(' ')}'),`))
    .join('\n');
}

describe('the declared schema of the current version', () => {
  it('is for the newest version, and what the migrations make (a new migration updates it)', () => {
    const migrated = schemaFromMigrations(SCHEMA_VERSION);
    expect(DECLARED_VERSION, `set DECLARED_VERSION in src/storage/schema-objects.ts to ${SCHEMA_VERSION}`).toBe(SCHEMA_VERSION);
    expect(declaration(DECLARED_SCHEMA), `DECLARED_SCHEMA in src/storage/schema-objects.ts should be:\n${declaration(migrated)}`).toBe(declaration(migrated));
    expect(DECLARED_SCHEMA).toEqual(migrated);
  });

  it('answers for its own version; every other version is worked out from the migrations', () => {
    expect(expectedSchema(DECLARED_VERSION)).toBe(DECLARED_SCHEMA);
    for (let version = 1; version < DECLARED_VERSION; version += 1) expect(expectedSchema(version)).toEqual(schemaFromMigrations(version));
    expect(expectedSchema(1).map((o) => o.name)).not.toContain('beliefs');
  });
});
