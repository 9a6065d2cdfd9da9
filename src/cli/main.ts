/** The `letopis` command: parse, dispatch to a command, translate errors once. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LetopisError } from '../errors.js';
import { pkgPath } from '../paths.js';
import { commandHelp, mainHelp } from './help.js';
import { findCommand, type CommandContext, type CommandSpec } from './spec.js';

function version(): string {
  try {
    return (JSON.parse(readFileSync(pkgPath('package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const sub = name === 'help' && rest[0] ? findCommand(rest[0]) : undefined;
    process.stdout.write(`${sub ? commandHelp(sub) : mainHelp(version())}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const spec = findCommand(name);
  if (!spec) {
    process.stderr.write(`letopis: unknown command "${name}". Run \`letopis --help\` for the list.\n`);
    return 64;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${commandHelp(spec)}\n`);
    return 0;
  }
  const ctx = parse(spec, rest);
  const mod = await spec.load();
  return (await mod.run(ctx)) ?? 0;
}

function parse(spec: CommandSpec, argv: string[]): CommandContext {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [k, o] of Object.entries(spec.options)) {
    options[k] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new LetopisError('USAGE', `${(err as Error).message.replace(/^.*?: /, '')}. Run \`letopis ${spec.name} --help\`.`);
  }
  const opts = { ...parsed.values } as CommandContext['opts'];
  for (const [k, o] of Object.entries(spec.options)) {
    if (opts[k] === undefined && o.env && process.env[o.env]) opts[k] = process.env[o.env];
    if (opts[k] === undefined && o.default !== undefined) opts[k] = o.default;
    // Repeated or comma-separated lists: --type arson,sabotage --type protest
    if (o.multiple && Array.isArray(opts[k])) opts[k] = (opts[k] as string[]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  }
  return { args: parsed.positionals, opts, stdout: process.stdout, stderr: process.stderr };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof LetopisError) {
      process.stderr.write(`letopis: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`letopis: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 70;
    }
  },
);
