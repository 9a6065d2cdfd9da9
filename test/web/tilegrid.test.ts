/** The cartogram's layout covers every region of the gazetteer once, with no two tiles in one place. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { listRegions } from '../../src/extract/places.js';

const grid = JSON.parse(readFileSync(new URL('../../src/web/app/data/tilegrid.json', import.meta.url), 'utf8')) as {
  blocks: Record<string, { col: number; row: number }>;
  tiles: Record<string, [number, number]>;
};

it('has exactly one tile per region code, and no two tiles overlap', () => {
  const codes = listRegions().map((r) => r.code).sort();
  expect(Object.keys(grid.tiles).sort()).toEqual(codes);
  const seen = new Map<string, string>();
  for (const [code, [c, r]] of Object.entries(grid.tiles)) {
    const b = grid.blocks[code.slice(0, 2)];
    expect(b, code).toBeDefined();
    // The map draws the non-Russian blocks 14 units lower, which never changes which cell a tile is in.
    const cell = `${b!.col + c},${b!.row + r}`;
    expect(seen.get(cell), `${code} and ${seen.get(cell)} share ${cell}`).toBeUndefined();
    seen.set(cell, code);
  }
});
