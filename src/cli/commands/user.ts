/** `letopis user add|passwd|disable|list`: editor accounts. Passwords come from a prompt or stdin, never argv. */
import { createInterface } from 'node:readline';
import { LetopisError } from '../../errors.js';
import { addUser, changePassword } from '../../server/auth.js';
import { disableUser, listUsers } from '../../store/index.js';
import { withStore } from '../context.js';
import type { CommandContext } from '../spec.js';

/** Read a password: one line from stdin when piped, else a prompt that does not echo. */
async function readPassword(ctx: CommandContext, prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY || ctx.opts['password-stdin'] === true) {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  ctx.stderr.write(prompt);
  return new Promise((resolve) => {
    const rl = createInterface({ input: stdin, terminal: true });
    // Silence the echo of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      ctx.stderr.write('\n');
      resolve(answer);
    });
  });
}

export async function run(ctx: CommandContext): Promise<number> {
  const [sub, name] = ctx.args;
  const needName = (): string => {
    if (!name) throw new LetopisError('USAGE', `say \`letopis user ${sub} NAME\``);
    return name;
  };
  switch (sub) {
    case 'add': {
      const n = needName();
      const pw = await readPassword(ctx, `password for ${n} (at least 12 characters): `);
      if (process.stdin.isTTY && ctx.opts['password-stdin'] !== true) {
        const again = await readPassword(ctx, 'again: ');
        if (again !== pw) throw new LetopisError('USAGE', 'the two passwords differ');
      }
      await withStore(ctx, 'user add', (store) => addUser(store, n, pw, ctx.opts.admin === true ? 'admin' : 'editor'));
      ctx.stdout.write(`added editor ${n}\n`);
      return 0;
    }
    case 'passwd': {
      const n = needName();
      const pw = await readPassword(ctx, `new password for ${n}: `);
      await withStore(ctx, 'user passwd', (store) => changePassword(store, n, pw));
      ctx.stdout.write(`changed the password of ${n}\n`);
      return 0;
    }
    case 'disable': {
      const n = needName();
      const ok = await withStore(ctx, 'user disable', (store) => disableUser(store.db, n));
      if (!ok) throw new LetopisError('NOT_FOUND', `no user named "${n}"`);
      ctx.stdout.write(`disabled ${n} and ended their sessions\n`);
      return 0;
    }
    case 'list': {
      const users = await withStore(ctx, 'user list', (store) => listUsers(store.db));
      for (const u of users) ctx.stdout.write(`${u.name}\t${u.role}\t${u.disabled_at ? 'disabled' : 'active'}\tsince ${new Date(u.created_at).toISOString().slice(0, 10)}\n`);
      if (users.length === 0) ctx.stdout.write('no accounts: `letopis serve` runs in local mode on 127.0.0.1 only\n');
      return 0;
    }
    case undefined:
    default:
      throw new LetopisError('USAGE', 'say `letopis user add|passwd|disable|list`');
  }
}
