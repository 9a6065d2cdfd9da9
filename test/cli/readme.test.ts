/** The README's command reference is generated from the command table; it must not drift. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('README command reference matches `letopis COMMAND --help` (regenerate with npm run readme)', () => {
  const script = fileURLToPath(new URL('../../scripts/readme-cli.mjs', import.meta.url));
  expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
});
