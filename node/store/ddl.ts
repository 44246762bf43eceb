// DDL and upsert text from the table descriptions, per SQL dialect.
import type { ColumnKind, Table } from "./tables.ts";

export type Dialect = "sqlite" | "postgres";

const TYPES: Record<Dialect, Record<ColumnKind, string>> = {
  sqlite: { int64: "INTEGER", amount: "TEXT", int: "INTEGER", text: "TEXT", bool: "INTEGER" },
  // "C" collation: text sorts by bytes, as in SQLite, so both backends list ties in the same order.
  postgres: { int64: "BIGINT", amount: "NUMERIC(78,0)", int: "INTEGER", text: 'TEXT COLLATE "C"', bool: "BOOLEAN" },
};

export function columnOf(table: Table, field: string): string {
  const column = table.columns.find((c) => c.field === field);
  if (column === undefined) throw new Error(`no field ${field} in table ${table.name}`);
  return column.column;
}

export function keyColumns(table: Table): string {
  return table.key.map((field) => columnOf(table, field)).join(", ");
}

export function createTable(table: Table, dialect: Dialect): string[] {
  const columns = table.columns.map((c) => `${c.column} ${TYPES[dialect][c.kind]}${c.nullable ? "" : " NOT NULL"}`);
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${table.name} (${columns.join(", ")}, PRIMARY KEY (${keyColumns(table)}))`,
  ];
  for (const fields of table.indexes) {
    const columnsOfIndex = fields.map((field) => columnOf(table, field));
    statements.push(
      `CREATE INDEX IF NOT EXISTS ${table.name}_by_${columnsOfIndex.join("_")} ON ${table.name} (${columnsOfIndex.join(", ")})`,
    );
  }
  return statements;
}

/** What to do when a row with the same key exists: replace it (projections) or keep it (events). */
export type OnConflict = "update" | "ignore";

export function conflictClause(table: Table, onConflict: OnConflict, excluded: "excluded" | "EXCLUDED"): string {
  if (onConflict === "ignore") return `ON CONFLICT (${keyColumns(table)}) DO NOTHING`;
  const keys = new Set(table.key);
  const updates = table.columns.filter((c) => !keys.has(c.field)).map((c) => `${c.column} = ${excluded}.${c.column}`);
  return `ON CONFLICT (${keyColumns(table)}) DO UPDATE SET ${updates.join(", ")}`;
}

export function orderByKey(table: Table): string {
  return `ORDER BY ${keyColumns(table)}`;
}
