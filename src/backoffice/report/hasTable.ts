/** Whether a table exists in the current schema search path (to_regclass: null when absent, never an error). */
import type { SqlClient } from '../db/Database.js';

export async function hasTable(db: SqlClient, name: string): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>('select to_regclass($1) is not null as present', [name]);
  return rows[0]?.present === true;
}
