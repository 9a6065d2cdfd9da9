/** Help text, generated from the command table. */
import { COMMANDS, type CommandSpec } from './spec.js';

export function mainHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `letopis ${version}: a verified, searchable chronicle of anti-war resistance and repression`,
    '',
    'Usage: letopis COMMAND [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Run `letopis COMMAND --help` for a command\'s options and examples.',
    'Environment: LETOPIS_DATA (embedded database folder, default ./data), DATABASE_URL (PostgreSQL server).',
  ].join('\n');
}

export function commandHelp(c: CommandSpec): string {
  const lines = [`Usage: ${c.usage}`, '', c.summary, '', 'Options:'];
  const rows = Object.entries(c.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`;
    const extra = [o.default !== undefined ? `default: ${String(o.default)}` : '', o.env ? `env: ${o.env}` : ''].filter(Boolean).join('; ');
    return [flag, `${o.description}${extra ? ` (${extra})` : ''}`] as const;
  });
  rows.push(['-h, --help', 'show this help']);
  const w = Math.max(...rows.map((r) => r[0].length)) + 2;
  for (const [flag, text] of rows) lines.push(`  ${flag.padEnd(w)}${text}`);
  if (c.notes) lines.push('', c.notes);
  lines.push('', 'Examples:', ...c.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}
