// What the energy and Distribute reads share: rows decoded by their table's column types, and WHERE clauses built
// with numbered placeholders, in the SQL both backends speak.
import type { SqlReader } from "./reads.ts";
import type { StoreDump } from "./Store.ts";
import { decodeRow, plainRow, sortByKey, type Table } from "./tables.ts";
import type { Page } from "./views.ts";

/** Builds a WHERE clause and its parameters, numbering placeholders as it goes. */
export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];
  add(sql: (placeholder: string) => string, value: unknown): void {
    this.params.push(value);
    this.parts.push(sql(`$${this.params.length}`));
  }
  toString(): string {
    return this.parts.length === 0 ? "" : `WHERE ${this.parts.join(" AND ")}`;
  }
  page(page: Page): string {
    this.params.push(page.limit, page.offset);
    return `LIMIT $${this.params.length - 1} OFFSET $${this.params.length}`;
  }
}

export abstract class TableReads {
  protected readonly db: SqlReader;
  constructor(db: SqlReader) {
    this.db = db;
  }

  protected async rows<T>(table: Table, sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.all(sql, params)).map((row) => decodeRow<T>(table, row));
  }

  protected async one<T>(table: Table, sql: string, params: unknown[]): Promise<T | null> {
    return (await this.rows<T>(table, sql, params))[0] ?? null;
  }

  /** Every row of a table in key order: the reducer's state at start. */
  protected async allRows<T>(table: Table): Promise<T[]> {
    return sortByKey(table, await this.rows<Record<string, unknown>>(table, `SELECT * FROM ${table.name}`)) as T[];
  }
}

/** Every row of the tables as plain JSON values in key order: what two stores are compared by. */
export async function dumpTables(reader: SqlReader, tables: readonly Table[]): Promise<StoreDump> {
  const dump: StoreDump = {};
  for (const table of tables) {
    const rows = (await reader.all(`SELECT * FROM ${table.name}`, [])).map((row) =>
      decodeRow<Record<string, unknown>>(table, row),
    );
    dump[table.name] = sortByKey(table, rows).map((row) => plainRow(table, row));
  }
  return dump;
}
