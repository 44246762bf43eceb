// Opens the node's store: PostgreSQL when a connection string is given, otherwise SQLite in the data folder.
import { join } from "node:path";
import { PostgresStore } from "./postgresStore.ts";
import type { Store } from "./Store.ts";
import { SqliteStore } from "./sqliteStore.ts";

export type OpenStoreOptions = {
  databaseUrl: string | null;
  dataDir: string;
  /** PostgreSQL only: keep the tables in this schema. */
  schema?: string;
};

/** Opens and migrates the store. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store =
    options.databaseUrl === null
      ? new SqliteStore(join(options.dataDir, "index.sqlite"))
      : new PostgresStore({
          connectionString: options.databaseUrl,
          ...(options.schema === undefined ? {} : { schema: options.schema }),
        });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
