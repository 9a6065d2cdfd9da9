/** `letopis db migrate|status`. */
import { LetopisError } from '../../errors.js';
import { migrate, migrationStatus, openStore, storeCounts } from '../../store/index.js';
import { str } from '../context.js';
import type { CommandContext } from '../spec.js';

export async function run(ctx: CommandContext): Promise<number> {
  const sub = ctx.args[0];
  if (sub !== 'migrate' && sub !== 'status') throw new LetopisError('USAGE', 'say `letopis db migrate` or `letopis db status`');
  const store = await openStore({ url: str(ctx, 'database-url') ?? null, dataDir: str(ctx, 'data') ?? './data', migrate: false, command: `db ${sub}` });
  try {
    if (sub === 'migrate') {
      const applied = await migrate(store);
      ctx.stdout.write(applied.length ? applied.map((m) => `applied ${String(m.version).padStart(3, '0')}_${m.name}`).join('\n') + '\n' : 'up to date\n');
      return 0;
    }
    const st = await migrationStatus(store);
    ctx.stdout.write(`engine: ${store.engine} (${store.location})\n`);
    for (const m of st.applied) ctx.stdout.write(`applied  ${String(m.version).padStart(3, '0')}_${m.name}  ${new Date(m.applied_at).toISOString()}\n`);
    for (const m of st.pending) ctx.stdout.write(`pending  ${String(m.version).padStart(3, '0')}_${m.name}\n`);
    if (st.pending.length === 0) {
      const c = await storeCounts(store.db);
      ctx.stdout.write(`documents ${c.documents}, records ${c.records}, events ${c.events} (published ${c.published}), audit entries ${c.audit}\n`);
    }
    return st.pending.length ? 1 : 0;
  } finally {
    await store.close();
  }
}
